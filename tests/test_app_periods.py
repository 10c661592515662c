"""Periods people use, as a reader meets them (``AppTest``): presets counted back from the latest
event date, each headline number's change against the period before, what the latest ingest
brought, and undated items left out of a period unless asked for.

The database is built by the real batch step from a few short articles whose numbers are known.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_app import metrics, run_app, show

from pipeline.ingest import ingest
from pipeline.settings import Settings

pytestmark = pytest.mark.slow

# One figure each. The latest event date is 2021-08-13, so the last 7 days are 2021-08-07 to
# 2021-08-13 and the 7 days before them 2021-07-31 to 2021-08-06.
ARTICLES = [
    ("week", "2021-08-13", "Twelve civilians were killed in Kunduz city."),
    ("week2", "2021-08-10", "About 2,000 people were displaced in Faryab province."),
    ("before", "2021-08-03", "Five soldiers were killed in Ghazni city."),
    ("month", "2021-07-20", "Twenty civilians were wounded in Herat city."),
    ("undated", None, "Forty civilians were killed in Helmand province."),
    ("old", "2016-05-02", "Nine policemen were killed in Farah city."),
]
# Loaded by a second run: the one new article.
LATER = [("later", "2021-08-12", "Seven policemen were wounded in Farah city.")]


def _feed(folder: Path, articles: list[tuple[str, str | None, str]]) -> Path:
    """A JSONL file of ``articles`` (id, published, text) in ``folder``."""
    folder.mkdir()
    rows = [
        {"id": i, "title": f"Report {i}", "text": text, **({"published": p} if p else {})}
        for i, p, text in articles
    ]
    path = folder / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def own_db(tmp_path: Path, settings: Settings) -> Path:
    """The articles above, loaded in one run."""
    db = tmp_path / "own.duckdb"
    ingest([_feed(tmp_path / "first", ARTICLES)], settings, db)
    return db


def _preset(at, name: str):
    """Choose a period in the sidebar, as a reader does."""
    return at.selectbox(key="preset").set_value(name).run()


def _showing(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Showing "))


def _deltas(at) -> dict[str, str]:
    """Each headline number's change, as st.metric shows it ('' when it shows none)."""
    return {m.label: m.proto.delta for m in at.metric}


def test_presets_count_back_from_the_latest_event_date(monkeypatch: pytest.MonkeyPatch, own_db: Path) -> None:
    at = run_app(monkeypatch, own_db)
    assert not at.exception
    assert at.selectbox(key="preset").value == "all"
    assert at.selectbox(key="preset").options == [
        "Last 7 days", "Last 30 days", "This month", "This year", "All", "Custom range",
    ]  # fmt: skip
    # All dates: every figure, the undated one too; no change to show.
    assert metrics(at)["Killed"] == "66"
    assert set(_deltas(at).values()) == {""}
    assert len(at.slider) == 0  # years belong to a custom range

    cases = {
        # preset: (caption, killed, wounded, displaced, reports read)
        "last_7_days": ("Last 7 days: 2021-08-07 to 2021-08-13", "12", "0", "2,000", "2"),
        "last_30_days": ("Last 30 days: 2021-07-15 to 2021-08-13", "17", "20", "2,000", "4"),
        "this_month": ("This month: 2021-08-01 to 2021-08-13", "17", "0", "2,000", "3"),
        "this_year": ("This year: 2021-01-01 to 2021-08-13", "17", "20", "2,000", "4"),
    }
    for name, (caption, killed, wounded, displaced, reports) in cases.items():
        _preset(at, name)
        assert not at.exception, name
        assert _showing(at).startswith(f"Showing all provinces · {caption} · undated excluded"), name
        got = metrics(at)
        assert (got["Killed"], got["Wounded"], got["People displaced"], got["Reports read"]) == (
            killed, wounded, displaced, reports,
        ), name  # fmt: skip
        assert at.query_params["preset"] in (name, [name])
        assert any(caption.split(": ")[1] in c.value for c in at.sidebar.caption), name

    # A custom range: event years, or exact days one under the other.
    _preset(at, "custom")
    at.slider(key="period").set_range(2016, 2016).run()
    assert metrics(at)["Killed"] == "9" and "2016 · undated excluded" in _showing(at)
    at.checkbox(key="exact").set_value(True).run()
    assert len(at.slider) == 0 and [d.label for d in at.sidebar.date_input] == ["From", "To"]
    assert dict(at.query_params) == {"preset": "custom", "since": "2016-05-02", "until": "2021-08-13"}
    # Another period and back: the custom range keeps its days.
    _preset(_preset(at, "last_7_days"), "custom")
    assert at.checkbox(key="exact").value is True and "since" in at.query_params


def test_each_number_shows_its_change_against_the_period_before(
    monkeypatch: pytest.MonkeyPatch, own_db: Path
) -> None:
    at = run_app(monkeypatch, own_db, {"preset": "last_7_days"})
    assert not at.exception
    # 12 killed in Kunduz this week, 5 in Ghazni the week before; 2,000 displaced, none before.
    assert _deltas(at) == {
        "People displaced": "+2,000",
        "Killed": "+7",
        "Wounded": "0",
        "Capitals under pressure": "0",
        "Reports read": "+1",
    }
    killed = next(m for m in at.metric if m.label == "Killed")
    assert "the 7 days before, 2021-07-31 to 2021-08-06: 5" in killed.proto.help
    assert any("against the 7 days before, 2021-07-31 to 2021-08-06" in c.value for c in at.caption)
    # The period before this month's 13 days holds the Herat wounded (2021-07-20).
    _preset(at, "this_month")
    assert _deltas(at)["Wounded"] == "-20" and _deltas(at)["Killed"] == "+17"
    # A custom range reaching the data's first date has no period before it.
    at = run_app(monkeypatch, own_db, {"preset": "custom"})
    assert set(_deltas(at).values()) == {""}
    assert any("nothing in the data is dated before 2016-05-02" in c.value for c in at.caption)


def test_a_period_leaves_undated_items_out_unless_asked(
    monkeypatch: pytest.MonkeyPatch, own_db: Path
) -> None:
    at = run_app(monkeypatch, own_db)
    assert at.checkbox(key="undated").value is True
    assert not any(c.value.startswith("Left out:") for c in at.caption)

    _preset(at, "last_7_days")
    assert at.checkbox(key="undated").value is False
    assert metrics(at)["Killed"] == "12"  # not the 40 undated in Helmand
    left_out = next(c.value for c in at.caption if c.value.startswith("Left out:"))
    assert left_out.startswith("Left out: 1 undated row(s) (1 figure(s)); tick 'Include undated'")
    assert dict(at.query_params) == {"preset": "last_7_days"}

    # Asked for, they come back, in this period and the one before alike: the change stays +7.
    at.checkbox(key="undated").set_value(True).run()
    assert metrics(at)["Killed"] == "52" and _deltas(at)["Killed"] == "+7"
    assert at.query_params["undated"] in ("1", ["1"])
    assert not any(c.value.startswith("Left out:") for c in at.caption)
    # Another period brings its own default; all dates keep them.
    _preset(at, "this_year")
    assert at.checkbox(key="undated").value is False
    _preset(at, "all")
    assert at.checkbox(key="undated").value is True and metrics(at)["Killed"] == "66"
    assert "undated" not in at.query_params and "preset" not in at.query_params


@pytest.mark.parametrize(
    ("query", "preset", "undated", "notice"),
    [
        ({"preset": "this_month", "undated": "1"}, "this_month", True, ""),
        ({"period": "2021"}, "custom", False, ""),  # an address from before presets
        ({"preset": "last_week"}, "all", True, "preset='last_week' is not one of"),
        ({"preset": "last_7_days", "period": "2016"}, "last_7_days", False, "period left out"),
    ],
)
def test_the_period_comes_from_the_address(
    monkeypatch: pytest.MonkeyPatch, own_db: Path, query: dict, preset: str, undated: bool, notice: str
) -> None:
    at = run_app(monkeypatch, own_db, query)
    assert not at.exception
    assert (at.selectbox(key="preset").value, at.checkbox(key="undated").value) == (preset, undated)
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert (notice in warnings) if notice else not warnings


def test_what_the_latest_ingest_brought_is_marked(
    monkeypatch: pytest.MonkeyPatch, own_db: Path, tmp_path: Path, settings: Settings
) -> None:
    ingest([_feed(tmp_path / "second", LATER)], settings, own_db)
    at = run_app(monkeypatch, own_db, {"preset": "last_7_days"})
    assert not at.exception
    assert metrics(at)["Wounded"] == "7"
    new = next(c.value for c in at.caption if c.value.startswith("New since the last ingest"))
    assert new.startswith("New since the last ingest: 1 of the 3 figure(s) summed")
    assert "1 of the 3 report(s) read" in new
    figures = next(
        f.value for f in show(at, "Tables", "table", "Figures").dataframe if "number_text" in f.value
    )
    assert dict(zip(figures["value"], figures["new"], strict=True)) == {12: False, 2000: False, 7: True}
