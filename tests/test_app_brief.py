"""The Brief view through Streamlit's ``AppTest``: the document of the sidebar's selection, shown
and downloaded in three formats, with the headline's numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dbfixture import build
from streamlit.testing.v1 import app_test
from test_app import metrics, run_app

pytestmark = pytest.mark.slow
FORMATS = {"Download Markdown": ".md", "Download HTML": ".html", "Download PDF": ".pdf"}


class _Recording(app_test.MediaFileManager):
    """The media manager of each run, kept: a download made on click is fetched through it."""

    made: list[_Recording] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.made.append(self)


def _download(button: app_test.DownloadButton) -> tuple[str, bytes]:
    """The file name and bytes the browser gets when ``button`` is clicked (made on the click)."""
    manager, deferred = _Recording.made[-1], button.proto.deferred_file_id
    name = manager._deferred_callables[deferred]["filename"]
    url = manager.execute_deferred(deferred)
    return name, manager._storage.get_file(url.rsplit("/", 1)[-1]).content


def _numbers(md: str) -> dict[str, str]:
    """Headline label -> this period's value, from the brief's table."""
    found = re.findall(r"^\| ([^|(]+?)(?: \([^|]*\))? \| ([\d,]+) \|", md, re.MULTILINE)
    return dict(found)


def test_the_brief_view_offers_the_document_of_the_selection(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(app_test, "MediaFileManager", _Recording)
    path = build(tmp_path / "s.duckdb")
    query = {
        "view": "Brief",
        "province": "Badghis",
        "since": "2021-07-01",
        "until": "2021-07-08",
        "undated": "0",
    }
    at = run_app(monkeypatch, path, query)
    assert not at.exception
    buttons = {b.label: b for b in at.download_button}
    assert set(buttons) == set(FORMATS)
    files = {label: _download(button) for label, button in buttons.items()}
    for label, suffix in FORMATS.items():
        assert files[label][0] == f"sitrep-brief-Badghis-2021-07-01_to_2021-07-08{suffix}"
    md = files["Download Markdown"][1].decode("utf-8")
    page = files["Download HTML"][1].decode("utf-8")
    assert files["Download PDF"][1].startswith(b"%PDF")
    # The brief's numbers are the headline's, for the same filters.
    assert _numbers(md) == metrics(at)
    assert _numbers(md)["People displaced"] == "75,000"
    assert "2021-06-23 to 2021-06-30" in md and "2021-06-23 to 2021-06-30" in page
    # The page shows the same Markdown the file holds, and its pictures.
    shown = "\n\n".join(m.value for m in at.markdown)
    assert "## Headline numbers" in shown and shown.split("## Headline numbers")[1][:400] in md
    assert len(at.image) == 3  # the map and two charts
