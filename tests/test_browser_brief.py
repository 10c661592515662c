"""A real visit in headless Chromium: open the Brief view, download the brief, find the headline's
numbers in it, and fetch nothing from outside 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import MARKS
from tests.support.sessions import CHROMIUM, CHROMIUM_ARGS, HOST, serve
from tests.test_browser import TIMEOUT_MS, _is_local, _open

pytestmark = MARKS
HEADLINE = ["People displaced", "Killed", "Wounded", "Capitals under pressure", "Reports read"]


@pytest.fixture(scope="module")
def server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free local port; always stopped."""
    with serve(sample_db, tmp_path_factory.mktemp("server") / "streamlit.log") as (url, _):
        yield url


def _brief_numbers(md: str) -> dict[str, str]:
    """Headline label -> this period's value, from the brief's Markdown table."""
    return dict(re.findall(r"^\| ([^|(]+?)(?: \([^|]*\))? \| ([\d,]+) \|", md, re.MULTILINE))


def test_the_downloaded_brief_has_the_headline_numbers(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # a busy 2-core machine can take more than 5 s
    requested: list[str] = []
    saved: dict[str, Path] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = _open(browser, f"{server}/?since=2021-07-01&until=2021-07-08&undated=0", requested)
            metric = page.get_by_test_id("stMetric")
            expect(metric.filter(has_text="People displaced")).to_be_visible()
            page.get_by_role("tab", name="Brief", exact=True).click()
            expect(page).to_have_url(re.compile(r"[?&]view=Brief"))
            panel = page.get_by_role("tabpanel", name="Brief", exact=True)
            expect(panel.get_by_text("Compared with the previous period of the same length")).to_be_visible()
            shown = {}
            for label in HEADLINE:
                box = metric.filter(has_text=label)
                shown[label] = box.get_by_test_id("stMetricValue").inner_text().strip()
            for fmt in ("Markdown", "HTML", "PDF"):
                with page.expect_download() as info:
                    panel.get_by_role("button", name=f"Download {fmt}").click()
                saved[fmt] = tmp_path / info.value.suggested_filename
                info.value.save_as(saved[fmt])
            panel.get_by_role("img").first.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "brief.png"), full_page=True)
        finally:
            browser.close()

    assert saved["Markdown"].name == "sitrep-brief-2021-07-01_to_2021-07-08.md"
    md = saved["Markdown"].read_text(encoding="utf-8")
    assert _brief_numbers(md) == shown
    assert shown["People displaced"] == "75,000"
    page_html = saved["HTML"].read_text(encoding="utf-8")
    for label, value in shown.items():
        assert re.search(rf"<td>{re.escape(label)}.*?</td><td class=\"n\">{re.escape(value)}</td>", page_html)
    assert saved["PDF"].read_bytes().startswith(b"%PDF")
    assert (tmp_path / "brief.png").stat().st_size > 10_000
    outside = sorted({u for u in requested if not _is_local(u)})
    assert requested and outside == [], f"requests left {HOST}: {outside}"
