"""The app as a reader meets it, through Streamlit's ``AppTest``, on a real database file."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import weakref
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from dbfixture import HOSTILE, build, coarsen
from streamlit.testing.v1 import AppTest

from dashboard import freeze_long_lived
from pipeline.settings import ROOT

APP = str(ROOT / "app.py")
# Every test here runs the whole page script (AppTest): `make test` runs them, `make check` not.
pytestmark = pytest.mark.slow
ID = {
    "figures": "figure_id",
    "pressure": "pressure_id",
    "district_events": "district_event_id",
    "articles": "article_id",
}
# A column only each table has, to tell the tables apart.
SIGNATURE = {
    "figures": "number_text",
    "events": "chosen_by",
    "pressure": "trigger",
    "district_events": "district",
    "articles": "date_source",
    "episodes": "episode_id",
}
NOTHING = "Nothing matches these filters"
HEADLINE = ["People displaced", "Killed", "Wounded", "Capitals under pressure", "Reports read"]


def run_app(monkeypatch: pytest.MonkeyPatch, path: Path, query: dict | None = None) -> AppTest:
    """Run the app once against ``path``, with optional query parameters."""
    monkeypatch.setenv("SITREP_DB", str(path))
    # Reviews go beside the test's database, never into the project's data/ folder.
    monkeypatch.setenv("SITREP_REVIEWS", str(path.with_suffix(".reviews.sqlite")))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


VIEWS = ["Map", "Charts", "Capitals", "Tables", "Evidence", "Sources", "Brief"]
TABLE_TABS = ["Figures", "Events", "Pressure mentions", "District events"]
# Every tab that holds a filtered table: (view, inner tab key, inner tab label).
# Capitals first: its status table has a ``trigger`` column too, and the Tables tab's must win.
TABLE_PLACES = [
    ("Capitals", None, None),
    *(("Tables", "table", label) for label in TABLE_TABS),
    ("Sources", "sources", "Articles"),
]


def show(at: AppTest, view: str, key: str | None = None, label: str | None = None) -> AppTest:
    """Open the tab ``view`` (and the inner tab ``key`` = ``label``) as a click on it would.

    A click changes the tab's state and its address parameter; AppTest has no click on a tab,
    and the address wins over the state, so both are set.
    """
    at.session_state["view"] = view
    at.query_params["view"] = view
    if key:
        at.session_state[key] = label
        at.query_params[key] = label
    return at.run()


def frames(at: AppTest) -> dict[str, object]:
    """The tables shown in the open tab, by view, told apart by a column only that table has."""
    found = {}
    for frame in at.dataframe:
        if "chosen" in frame.value.columns:
            continue  # the reports of one event, under the events table: not a filtered table
        for view, column in SIGNATURE.items():
            if column in frame.value.columns:
                found[view] = frame.value
    return found


def all_frames(at: AppTest) -> dict[str, object]:
    """The tables of every tab (each tab only runs when open, so each is opened in turn)."""
    found = {}
    for place in TABLE_PLACES:
        show(at, *place)
        assert not at.exception, place
        found |= frames(at)
    return found


def tables(at: AppTest) -> dict[str, set[str]]:
    """The ids shown in each table of ``ID``, across every tab."""
    return {view: set(df[ID[view]]) for view, df in all_frames(at).items() if view in ID}


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected(path: Path, where: dict[str, str]) -> dict[str, set[str]]:
    """Ids per view selected by plain SQL written independently of ``dashboard.filters``."""
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for view, column in ID.items():
            sql = f"SELECT {column} FROM {view} WHERE {where.get(view, 'TRUE')}"  # noqa: S608
            out[view] = {r[0] for r in con.execute(sql).fetchall()}
    return out


def test_missing_database_explains_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, tmp_path / "nowhere.duckdb")
    assert not at.exception
    message = at.error[0].value
    assert "No database at" in message
    assert "make db" in message and "python -m pipeline ingest" in message
    assert len(at.dataframe) == 0


def test_unreadable_database_explains_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    at = run_app(monkeypatch, junk)
    assert not at.exception
    assert "not a readable DuckDB database" in at.error[0].value
    assert "make db" in at.error[0].value


def test_everything_shown_by_default(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(monkeypatch, sample_db)
    assert not at.exception
    assert [m.label for m in at.metric] == HEADLINE
    assert any("undated item(s)" in c.value for c in at.sidebar.caption)
    assert at.toggle(key="each_event").value is True
    assert at.query_params == {}
    # Only the open tab runs: the map and nothing of the other views.
    assert [t.label for t in at.tabs] == VIEWS
    assert len(_charts(at)) == 1 and len(at.dataframe) == 0 and not at.subheader
    want = expected(sample_db, {"figures": "is_primary"})
    shown = tables(at)
    for view in ID:
        if want[view]:
            assert shown[view] == want[view], view
    assert {b.label for b in at.download_button} == {"Download CSV"}
    show(at, "Charts")
    assert [h.value for h in at.subheader] == ["Displacement", "Killed and wounded"]
    assert len(_charts(at)) == 4 and len(at.dataframe) == 0
    show(at, "Capitals")
    assert [h.value for h in at.subheader] == ["Provincial capitals under pressure"]
    show(at, "Tables")
    assert [t.label for t in at.tabs] == VIEWS[:4] + TABLE_TABS + VIEWS[4:]
    assert len(at.dataframe) == 1 and not _charts(at)
    show(at, "Sources")
    assert [t.label for t in at.tabs] == VIEWS[:6] + [
        "Articles",
        "Rejected inputs",
        "Reviews without a row",
    ] + VIEWS[6:]
    assert {"figures", "events", "pressure", "episodes", "articles"} <= set(all_frames(at))
    assert not at.exception


@pytest.mark.parametrize(
    ("view", "inner", "shown"),
    [
        ("Capitals", {}, "Provincial capitals under pressure"),
        ("Tables", {"table": "Events"}, "chosen_by"),
        ("Sources", {"sources": "Rejected inputs"}, "Input files the batch step could not use"),
    ],
)
def test_the_address_opens_a_tab(
    monkeypatch: pytest.MonkeyPatch, sample_db: Path, view: str, inner: dict, shown: str
) -> None:
    at = run_app(monkeypatch, sample_db, {"view": view, **inner})
    assert not at.exception and not at.sidebar.warning
    page = [h.value for h in at.subheader] + [c.value for c in at.caption]
    page += [c for f in at.dataframe for c in f.value.columns]
    assert any(shown in text for text in page)


def test_an_unknown_tab_in_the_address_opens_the_map(
    monkeypatch: pytest.MonkeyPatch, sample_db: Path
) -> None:
    at = run_app(monkeypatch, sample_db, {"view": "<script>"})
    assert not at.exception
    assert len(_charts(at)) == 1 and not at.dataframe


def _province(names: list[str]) -> Callable[[AppTest], None]:
    return lambda at: at.multiselect(key="province").set_value(names)


def _period(lo: int, hi: int) -> Callable[[AppTest], None]:
    """A custom range of event years: the years slider shows once the period is "Custom range"."""

    def act(at: AppTest) -> None:
        at.selectbox(key="preset").set_value("custom").run()
        at.slider(key="period").set_range(lo, hi)

    return act


def _undated(on: bool) -> Callable[[AppTest], None]:
    return lambda at: at.checkbox(key="undated").set_value(on)


def _kind(kinds: list[str]) -> Callable[[AppTest], None]:
    return lambda at: at.multiselect(key="kind").set_value(kinds)


def _articles_in(provinces: str) -> str:
    """Articles with a figure or pressure mention in ``provinces`` (an SQL list of literals)."""
    places = f"SELECT article_id FROM figures WHERE province IN ({provinces})"  # noqa: S608
    mentions = f"SELECT article_id FROM pressure WHERE province IN ({provinces})"  # noqa: S608
    return f"article_id IN ({places} UNION {mentions})"


# Figures tables count each event once by default: primary figures only.
CASES = {
    "province Helmand": (
        [_province(["Helmand"])],
        {
            "figures": "province = 'Helmand' AND is_primary",
            "pressure": "province = 'Helmand'",
            "district_events": "province = 'Helmand'",
            "articles": _articles_in("'Helmand'"),
        },
    ),
    "province Badghis, 2021 only, no undated": (
        [_province(["Badghis"]), _period(2021, 2021), _undated(False)],
        {
            "figures": "province = 'Badghis' AND year = 2021 AND is_primary",
            "pressure": "province = 'Badghis' AND year = 2021",
            "district_events": "province = 'Badghis' AND year = 2021",
            "articles": _articles_in("'Badghis'") + " AND year(published) = 2021",
        },
    ),
    "2016 only, undated kept": (
        [_period(2016, 2016), _undated(True)],
        {
            "figures": "(year = 2016 OR year IS NULL) AND is_primary",
            "pressure": "year = 2016 OR year IS NULL",
            "district_events": "year = 2016 OR year IS NULL",
            "articles": "year(published) = 2016 OR published IS NULL",
        },
    ),
    "every report, Badghis": (
        [_province(["Badghis"]), lambda at: at.toggle(key="each_event").set_value(False)],
        {
            "figures": "province = 'Badghis'",
            "pressure": "province = 'Badghis'",
            "district_events": "province = 'Badghis'",
            "articles": _articles_in("'Badghis'"),
        },
    ),
    "displaced in Helmand and Badghis": (
        [_province(["Badghis", "Helmand"]), _kind(["displaced"])],
        {
            "figures": "province IN ('Badghis', 'Helmand') AND kind = 'displaced' AND is_primary",
            "pressure": "province IN ('Badghis', 'Helmand')",
            "district_events": "province IN ('Badghis', 'Helmand')",
            "articles": _articles_in("'Badghis', 'Helmand'"),
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_filters_narrow_every_table(monkeypatch: pytest.MonkeyPatch, sample_db: Path, case: str) -> None:
    actions, where = CASES[case]
    at = run_app(monkeypatch, sample_db)
    before = tables(at)
    for act in actions:
        act(at)
    at.run()
    assert not at.exception
    want = expected(sample_db, where)
    shown = tables(at)
    for view in ID:
        assert shown.get(view, set()) == want[view], view
        assert shown.get(view, set()) <= before.get(view, set()), view
    assert sum(len(ids) for ids in shown.values()) < sum(len(ids) for ids in before.values())


def test_empty_selection_explains_itself(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(monkeypatch, sample_db)
    # Nothing is reported for Laghman in 2016 with a known date.
    _province(["Laghman"])(at)
    _period(2016, 2016)(at)
    _undated(False)(at)
    at.run()
    assert not at.exception
    assert any(NOTHING in i.value for i in at.info)
    assert len(at.dataframe) == 0


def test_filters_come_from_and_go_to_the_address(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(
        monkeypatch, sample_db, {"province": ["Badghis", "Atlantis"], "period": "2021", "kind": "bombed"}
    )
    assert not at.exception
    assert at.multiselect(key="province").value == ["Badghis"]
    assert at.slider(key="period").value == (2021, 2021)
    notice = at.sidebar.warning[0].value
    assert "province='Atlantis' is not in the data" in notice and "kind='bombed'" in notice
    # Years and no preset: a custom range, where undated items are out by default.
    assert at.checkbox(key="undated").value is False
    assert (
        tables(at)["figures"]
        == expected(sample_db, {"figures": "province = 'Badghis' AND year = 2021 AND is_primary"})["figures"]
    )
    at.multiselect(key="province").set_value(["Helmand"]).run()
    assert at.query_params["province"] in ("Helmand", ["Helmand"])
    assert str(at.query_params["period"]) in ("2021", "['2021']")


def test_an_old_address_opens_and_is_rewritten(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Links made before the filters had one name each: from/to and reports=all|events.
    old = {"province": "Badghis", "from": "2016", "to": "2021", "reports": "all", "undated": "0"}
    at = run_app(monkeypatch, build(tmp_path / "old.duckdb"), old)
    assert not at.exception and not at.sidebar.warning
    assert at.slider(key="period").value == (2016, 2021)
    assert at.toggle(key="each_event").value is False
    assert at.checkbox(key="undated").value is False
    # Years without a preset are a custom range, where undated items are out by default.
    assert at.selectbox(key="preset").value == "custom"
    assert {key: str(at.query_params[key]) for key in at.query_params} == {
        "province": "Badghis",
        "preset": "custom",
        "period": "2016-2021",
        "each_event": "0",
    }


def _keep_only(path: Path, where: str) -> None:
    """Delete every raw row outside ``where`` (an SQL condition on the article's year)."""
    with duckdb.connect(str(path)) as con:
        doomed = f"SELECT article_id FROM raw_articles WHERE NOT ({where})"  # noqa: S608
        for table in ("raw_figures", "raw_pressure", "raw_district_events", "raw_articles"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN ({doomed})")  # noqa: S608


def test_single_year_needs_no_slider(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = build(tmp_path / "one-year.duckdb")
    _keep_only(path, "year(published) = 2021")
    at = run_app(monkeypatch, path, {"preset": "custom", "undated": "1"})
    assert not at.exception
    assert len(at.slider) == 0
    assert any("All dated items are from 2021" in c.value for c in at.sidebar.caption)
    # a4 is undated, so it stays (f9, f10); f11 happened in Pakistan.
    assert tables(at)["figures"] == {"f5", "f6", "f7", "f8", "f9", "f10"}


def test_rebuilt_database_drops_choices_it_no_longer_offers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = build(tmp_path / "live.duckdb")
    at = run_app(monkeypatch, path)
    at.multiselect(key="province").set_value(["Helmand"]).run()
    assert tables(at)["figures"] == {"f1", "f3"}
    # The batch step replaces the file whole; this one no longer mentions Helmand or 2015-2016.
    rebuilt = build(tmp_path / "rebuilt.duckdb")
    _keep_only(rebuilt, "year(published) = 2021")
    os.replace(rebuilt, path)
    at.run()
    assert not at.exception
    assert at.multiselect(key="province").value == []
    assert tables(at)["figures"] == {"f5", "f6", "f7", "f8", "f9", "f10"}


def _charts(at: AppTest) -> list[dict]:
    """The Plotly figures on the page, as the JSON the browser receives."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _titled(at: AppTest, words: str) -> list[dict]:
    """The figures whose title holds ``words``."""
    return [c for c in _charts(at) if words in c["layout"].get("title", {}).get("text", "")]


def test_each_event_once_or_every_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = build(tmp_path / "events.duckdb")
    at = run_app(monkeypatch, path)
    assert not at.exception
    # f4 and f5 report the same 75,000 displaced in Badghis: counted once by default.
    assert metrics(at)["People displaced"] == "105,000"
    assert tables(at)["figures"] == {"f1", "f3", "f5", "f6", "f7", "f8", "f9", "f10"}
    shown = all_frames(at)
    assert dict(shown["figures"][["figure_id", "n_reports"]].values.tolist())["f5"] == 2
    assert set(shown["events"]["event_id"]) == {f"e{i}" for i in range(1, 10)} - {"e9"}  # e9: Pakistan
    assert any("count each event once" in c.value for c in at.caption)

    at.toggle(key="each_event").set_value(False).run()
    assert not at.exception
    assert metrics(at)["People displaced"] == "180,000"
    assert tables(at)["figures"] == {f"f{i}" for i in range(1, 12)} - {"f11"}
    assert "n_reports" not in all_frames(at)["figures"].columns
    assert at.query_params["each_event"] in ("0", ["0"])
    assert any("every report" in c.value for c in at.caption)


def test_headline_says_its_period_and_victim_groups(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "headline.duckdb"), {"province": "Badghis"})
    assert not at.exception
    assert metrics(at) == {
        "People displaced": "75,000",
        "Killed": "69",
        "Wounded": "33",
        "Capitals under pressure": "0",  # Qala-i-Naw's latest mention is its retaking
        "Reports read": "2",
    }
    captions = [c.value for c in at.caption]
    assert "2021-07-08" in captions  # displacement: one date
    assert "2021-07-07 to 2021-07-08" in captions  # wounded
    assert "militants 69" in captions
    assert "militants 23 · civilians 10" in captions


def _showing(at: AppTest) -> str:
    """The caption that says what the page shows."""
    return next(c.value for c in at.caption if c.value.startswith("Showing "))


def test_a_report_abroad_is_counted_only_when_its_country_is_chosen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = run_app(monkeypatch, build(tmp_path / "abroad.duckdb"))
    assert not at.exception
    country = at.multiselect(key="country")
    assert country.value == ["AFG", "unknown"]
    assert country.options == ["Afghanistan", "(unknown country)", "Pakistan"]
    assert "a figure nothing placed is shown with Afghanistan" in country.help
    # f11 (31 killed in Pakistan) is not in the default view; f9 (nothing placed it) is.
    assert metrics(at)["Killed"] == "88"
    assert "Pakistan" not in _showing(at) and "Afghanistan" not in _showing(at)

    at.multiselect(key="country").set_value(["PAK", "AFG"]).run()
    assert not at.exception
    assert metrics(at)["Killed"] == "114"  # f11's 31 in, f9's 5 (unknown country) out
    assert "Pakistan, Afghanistan" in _showing(at)
    assert at.query_params["country"] == ["PAK", "AFG"]
    figures = frames(show(at, "Tables", "table", "Figures"))["figures"]
    assert "f11" in set(figures["figure_id"]) and "f9" not in set(figures["figure_id"])

    at.multiselect(key="country").set_value(["PAK"]).run()
    assert metrics(at)["Killed"] == "31"
    at.multiselect(key="country").set_value([]).run()  # every country
    assert metrics(at)["Killed"] == "119" and "all countries" in _showing(at)
    assert at.query_params["country"] in ("all", ["all"])
    at.multiselect(key="country").set_value(["unknown", "AFG"]).run()  # back to the default
    assert "country" not in at.query_params


@pytest.mark.parametrize(
    ("query", "chosen", "killed", "notice"),
    [
        ({"country": ["PAK", "AFG"]}, ["PAK", "AFG"], "114", None),  # f9 (unknown country) is out
        ({"country": "pak"}, ["PAK"], "31", None),
        ({"country": "all"}, [], "119", None),
        ({"country": "XYZ"}, ["AFG", "unknown"], "88", "country='XYZ' is not in the data"),
    ],
)
def test_the_country_comes_from_the_address(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    query: dict,
    chosen: list[str],
    killed: str,
    notice: str | None,
) -> None:
    at = run_app(monkeypatch, build(tmp_path / "country.duckdb"), query)
    assert not at.exception
    assert at.multiselect(key="country").value == chosen
    assert metrics(at)["Killed"] == killed
    warnings = [w.value for w in at.sidebar.warning]
    assert (notice in warnings[0]) if notice else not warnings


def test_a_country_the_rebuilt_database_no_longer_has_gives_way_to_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = build(tmp_path / "live.duckdb")
    at = run_app(monkeypatch, path, {"country": "PAK"})
    assert metrics(at)["Killed"] == "31"
    rebuilt = build(tmp_path / "rebuilt.duckdb")
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("DELETE FROM raw_events WHERE country = 'PAK'")
        con.execute("DELETE FROM raw_figures WHERE country = 'PAK'")
    os.replace(rebuilt, path)
    at.run()
    assert not at.exception
    # Not every country (the empty choice): the default, Afghanistan and the unknown country.
    assert at.multiselect(key="country").value == ["AFG", "unknown"]
    assert metrics(at)["Killed"] == "88"
    assert "country" not in at.query_params


HIDDEN = "Hidden in this selection: 1 low-confidence figure(s) and 1 pressure mention(s)."


def test_hiding_low_confidence_rows_says_how_many(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "low.duckdb"))
    assert not at.exception
    assert at.toggle(key="hide_low").value is False
    # f10 (dozens wounded, low) and p6 (Mehtarlam besieged, low) count by default.
    assert (metrics(at)["Wounded"], metrics(at)["Capitals under pressure"]) == ("45", "2")
    assert HIDDEN not in [c.value for c in at.sidebar.caption]
    before = tables(at)
    assert "f10" in before["figures"] and "p6" in before["pressure"]
    figures = frames(show(at, "Tables", "table", "Figures"))["figures"]
    assert dict(zip(figures["figure_id"], figures["confidence"], strict=True))["f10"] == "low"
    assert "confidence_reason" in figures.columns
    show(at, "Evidence").selectbox(key="evidence_figure").set_value("f10").run()
    assert any(
        "Confidence: low (place from the article, not the sentence; vague amount)" in t.value for t in at.text
    )

    at.toggle(key="hide_low").set_value(True).run()
    assert not at.exception
    assert (metrics(at)["Wounded"], metrics(at)["Capitals under pressure"]) == ("33", "1")
    assert HIDDEN in [c.value for c in at.sidebar.caption]
    assert at.query_params["hide_low"] in ("1", ["1"])
    assert "low confidence hidden" in _showing(at)
    after = tables(at)
    assert after["figures"] == before["figures"] - {"f10"}
    assert after["pressure"] == before["pressure"] - {"p6"}
    assert "f10" not in show(at, "Evidence").selectbox(key="evidence_figure").options
    show(at, "Tables", "table", "Events")
    assert "e8" not in set(frames(at)["events"]["event_id"])


def test_an_address_can_hide_low_confidence_rows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "low-address.duckdb"), {"hide_low": "1", "undated": "0"})
    assert not at.exception
    assert at.toggle(key="hide_low").value is True
    # Both low-confidence rows are undated: with undated rows left out there is nothing to hide.
    assert "Hidden in this selection: 0 low-confidence figure(s) and 0 pressure mention(s)." in [
        c.value for c in at.sidebar.caption
    ]


@pytest.mark.parametrize(
    ("query", "state", "notices"),
    [
        ({"each_event": "0"}, {"each_event": False}, []),
        ({"each_event": "1"}, {"each_event": True}, []),
        ({"period": "2016-2021"}, {"period": (2016, 2021)}, []),
        ({"reports": "all"}, {"each_event": False}, []),  # the older spelling
        ({"reports": "events"}, {"each_event": True}, []),
        (
            {"since": "2021-07-07", "until": "2021-07-07"},
            {"exact": True, "since": dt.date(2021, 7, 7), "until": dt.date(2021, 7, 7)},
            [],
        ),
        (
            {
                "each_event": "maybe",
                "reports": "some",
                "period": "2016-",
                "since": "07/07/2021",
                "until": "2099-01-01",
                "to": "1800",
                "colour": "red",
            },
            {"each_event": True, "exact": False, "period": (2015, 2021)},
            [
                "each_event='maybe' is not yes or no",
                "reports='some' is not 'all' or 'events'",
                "period='2016-' is not a year or a range of years",
                "since='07/07/2021' is not a date",
                "until='2099-01-01' is outside the dates",
                "to='1800' is outside the years",
                "unknown parameter 'colour'",
            ],
        ),
    ],
)
def test_address_values_and_bad_values(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, query: dict, state: dict, notices: list[str]
) -> None:
    at = run_app(monkeypatch, build(tmp_path / "url.duckdb"), query)
    assert not at.exception
    for key, value in state.items():
        assert at.session_state[key] == value, key
    warnings = " ".join(w.value for w in at.sidebar.warning)
    for notice in notices:
        assert notice in warnings
    if not notices:
        assert not at.sidebar.warning


def test_exact_dates_narrow_everything(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = build(tmp_path / "dates.duckdb")
    at = run_app(monkeypatch, path, {"since": "2021-07-07", "until": "2021-07-07", "undated": "0"})
    assert not at.exception
    assert at.checkbox(key="exact").value is True
    assert tables(at)["figures"] == {"f6", "f7"}
    assert tables(at)["pressure"] == {"p3"}
    assert "articles" not in tables(at)  # none published that day: the table says so instead
    at.date_input(key="until").set_value(dt.date(2021, 7, 8)).run()
    assert tables(at)["figures"] == {"f5", "f6", "f7", "f8"}
    assert at.query_params["until"] in ("2021-07-08", ["2021-07-08"])
    at.checkbox(key="exact").set_value(False).run()
    assert "since" not in at.query_params


def test_map_section_renders_offline(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(monkeypatch, sample_db)
    assert not at.exception
    maps = [c for c in _charts(at) if any(t["type"] == "choroplethmap" for t in c["data"])]
    assert len(maps) == 1
    spec = maps[0]
    assert {t["type"] for t in spec["data"]} == {"choroplethmap", "scattermap"}
    assert spec["layout"]["map"]["style"] == "white-bg"
    assert all(t.get("mode") == "markers" for t in spec["data"] if t["type"] == "scattermap")
    text = json.dumps(spec)
    assert "http" not in text and "mapbox" not in text
    shaded = [t for t in spec["data"] if t["type"] == "choroplethmap" and t["name"] != "provinces"]
    assert set(shaded[0]["locations"]) == {"Badghis", "Helmand"}
    # Every other chart is cartesian.
    others = _charts(show(at, "Charts")) + _charts(show(at, "Capitals"))
    assert len(others) == 5
    assert all(t["type"] in ("bar", "scatter") for c in others for t in c["data"])
    show(at, "Map")

    at.radio(key="map_metric").set_value("killed_wounded").run()
    assert not at.exception
    spec = next(c for c in _charts(at) if any(t["type"] == "choroplethmap" for t in c["data"]))
    shaded = [t for t in spec["data"] if t["type"] == "choroplethmap" and t["name"] != "provinces"]
    assert shaded[0]["name"] == "People killed or wounded"


def test_pressure_section(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "pressure.duckdb"), {"view": "Capitals"})
    status = next(
        f.value for f in at.dataframe if list(f.value.columns[:3]) == ["capital", "province", "level"]
    )
    assert dict(status[["capital", "level"]].values.tolist()) == {
        "Qala-i-Naw": "retaken",
        "Lashkar Gah": "attacked",
        "Mehtarlam": "besieged",
        "Kunduz": "fell",
    }
    assert status["sentence"].notna().all()
    episodes = frames(at)["episodes"]
    assert set(episodes["episode_id"]) == {"ep1", "ep2", "ep3"}
    (timeline,) = _titled(at, "per week")
    assert {t["name"] for t in timeline["data"]} >= {"besieged, current", "fell, background"}
    at.radio(key="bucket").set_value("month").run()
    assert _titled(at, "per month")


def test_evidence_shows_a_hostile_sentence_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "hostile.duckdb"), {"view": "Evidence"})
    assert not at.exception
    at.selectbox(key="evidence_figure").set_value("f9").run()
    assert not at.exception
    highlighted = [m.value for m in at.markdown if "orange-background" in m.value]
    assert len(highlighted) == 1
    md = highlighted[0]
    # Every special character of the article text is escaped: the only markup is the highlight.
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\*\\*bold\\*\\*" in md and "\\:red\\[x\\]" in md and "\\$x\\$" in md
    assert "](http" not in md
    texts = [t.value for t in at.text]
    assert any(
        "Title: Fighting near Mehtarlam" in t and "Link: https://example.invalid/a4" in t for t in texts
    )
    assert any(f"⟦{HOSTILE}⟧" in t for t in texts)  # the whole article, as plain text

    at.radio(key="evidence_kind").set_value("pressure").run()
    at.selectbox(key="evidence_pressure").set_value("p3").run()
    assert any("Qala\\-i\\-Naw was attacked\\." in m.value for m in at.markdown)


def test_a_date_known_to_the_year_or_month_is_never_shown_as_a_day(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # a1 is dated only to 2016, its rows only to October 2016; d2 happened in March 2016.
    at = run_app(monkeypatch, coarsen(build(tmp_path / "coarse.duckdb")), {"province": "Helmand"})
    assert not at.exception
    assert "2016-10" in [c.value for c in at.caption]  # killed: f1 alone
    figures = frames(show(at, "Tables", "table", "Figures"))["figures"]
    assert set(figures["published"]) == {"2016"} and set(figures["event_date"]) == {"2016-10"}
    district = frames(show(at, "Tables", "table", "District events"))["district_events"]
    assert dict(zip(district["district_event_id"], district["event_date"], strict=True)) == {
        "d1": "2016-03-18",
        "d2": "2016-03",
    }
    articles = frames(show(at, "Sources", "sources", "Articles"))["articles"]
    assert dict(zip(articles["article_id"], articles["published"], strict=True))["a1"] == "2016"
    status = [f.value for f in show(at, "Capitals").dataframe if "published_precision" in f.value.columns]
    assert list(status[0]["published"]) == ["2016"] and list(status[0]["event_date"]) == ["2016-10"]
    show(at, "Evidence").selectbox(key="evidence_figure").set_value("f1").run()
    assert not at.exception
    assert any(
        "Published: 2016 (from the metadata)\n" in t.value and "Event date: 2016-10\n" in t.value
        for t in at.text
    )
    assert at.selectbox(key="evidence_figure").format_func("f1").startswith("2016-10 · Helmand")


def test_evidence_gives_its_article_s_citation_to_copy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = run_app(monkeypatch, build(tmp_path / "cite.duckdb"), {"view": "Evidence"})
    at.selectbox(key="evidence_figure").set_value("f1").run()
    assert not at.exception
    assert [c.value for c in at.code] == [
        'Sample, "Commandos deployed to Lashkar Gah", by Ann Example, 11 October 2016, '
        "https://example.invalid/a1 (file articles/a1.txt)"
    ]
    (meta,) = [t.value for t in at.text if t.value.startswith("Title:")]
    assert "Author: Ann Example (read from the page's byline)\n" in meta
    assert "Source: Sample (from the metadata)\n" in meta


@pytest.mark.parametrize("label", ["Figures", "Events", "Pressure mentions", "District events"])
def test_every_table_cites_its_rows_articles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, label) -> None:
    at = run_app(monkeypatch, build(tmp_path / "tables.duckdb"))
    (frame,) = frames(show(at, "Tables", "table", label)).values()
    assert {"file", "title", "source", "author", "url", "published"} <= set(frame.columns), label
    assert frame["title"].notna().all() and frame["file"].notna().all(), label


def test_sources_list_articles_and_rejects(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "sources.duckdb"), {"province": "Laghman"})
    assert tables(at)["articles"] == {"a4"}
    show(at, "Sources", "sources", "Rejected inputs")
    rejects = [f.value for f in at.dataframe if "reason" in f.value.columns]
    assert rejects and list(rejects[0]["reason"]) == ["not_text"]
    assert "convert it to .txt" in rejects[0]["detail"][0]


def test_long_lived_objects_are_frozen_once_and_new_garbage_is_still_collected() -> None:
    # Streamlit collects garbage after every run; the imported modules stay out of that walk.
    freeze_long_lived()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the modules of Streamlit, Plotly, polars and DuckDB

    class Node:
        pass

    made_later = Node()
    made_later.me = made_later  # a cycle: only the collector frees it
    alive = weakref.ref(made_later)
    freeze_long_lived()  # a second call (the next script run) freezes nothing more
    assert gc.get_freeze_count() == frozen
    del made_later
    gc.collect()
    assert alive() is None


def test_hiding_armed_groups_claims_says_how_many(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "claims.duckdb"))
    assert at.toggle(key="hide_claims").value is False
    # f8 (10 civilians wounded) is claimed by an armed group; it counts by default.
    assert metrics(at)["Wounded"] == "45"
    show(at, "Evidence").selectbox(key="evidence_figure").set_value("f8").run()
    assert any("Told by: a Taliban spokesman (armed group)" in t.value for t in at.text)
    at.toggle(key="hide_claims").set_value(True).run()
    assert not at.exception
    assert metrics(at)["Wounded"] == "35"
    assert "Hidden in this selection: 1 figure(s) and 1 pressure mention(s) claimed by an armed group." in [
        c.value for c in at.sidebar.caption
    ]
    assert at.query_params["hide_claims"] in ("1", ["1"])
    assert "armed groups' claims hidden" in _showing(at)
    assert "f8" not in tables(at)["figures"]


def test_an_event_shows_its_reports_and_the_one_counted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = show(run_app(monkeypatch, build(tmp_path / "reports.duckdb")), "Tables", "table", "Events")
    at.selectbox(key="event_reports").set_value("e3").run()
    assert not at.exception
    (reports,) = [df.value for df in at.dataframe if "chosen" in df.value.columns]
    # e3: two outlets' reports of one flight of 75,000 people, oldest first; f5 is counted.
    assert list(reports["figure_id"]) == ["f4", "f5"]
    assert dict(zip(reports["figure_id"], reports["chosen"], strict=True)) == {"f4": "", "f5": "✓ counted"}
    assert any(c.value.startswith("Counted: 75000 (people)") for c in at.caption)


def test_the_headline_lists_the_events_it_sums(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, build(tmp_path / "summed.duckdb"))
    assert not [df for df in at.dataframe if "rank" in df.value.columns or "range_low" in df.value.columns]
    at.toggle(key="summed").set_value(True).run()
    assert not at.exception
    (summed,) = [df.value for df in at.dataframe if "range_low" in df.value.columns]
    assert set(summed["kind"]) == {"displaced", "killed", "wounded"}
    # Largest first: the 75,000 of e3 (two reports, counted once), then the 30,000 of e2.
    assert list(summed[summed["kind"] == "displaced"]["event_id"]) == ["e3", "e2"]


def _reviewable(tmp_path: Path) -> Path:
    """A database built by the batch step from two short articles written for the test."""
    from pipeline.ingest import ingest
    from pipeline.settings import Settings
    from tests.support.reports import two_reports

    folder = two_reports(tmp_path / "articles")
    db = tmp_path / "r.duckdb"
    ingest([folder], Settings.load(reviews=str(db.with_suffix(".reviews.sqlite"))), db)
    return db


def _review(at: AppTest, figure: str, verb: str, **form: object) -> AppTest:
    show(at, "Evidence").selectbox(key="evidence_figure").set_value(figure).run()
    at.text_input(key="reviewer").set_value("ana").run()
    at.radio(key="review_verb").set_value(verb)
    for field, value in form.items():
        at.number_input(key=f"fix_{figure}_{field}").set_value(value)
    (record,) = [b for b in at.button if b.label == "Record"]
    return record.click().run()


def test_a_figure_is_rejected_corrected_and_undone_from_its_evidence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = _reviewable(tmp_path)
    at = run_app(monkeypatch, db)
    assert (metrics(at)["Killed"], metrics(at)["People displaced"]) == ("40", "2,000")
    ids = {r["kind"]: r["figure_id"] for r in _rows_of(db)}

    at = _review(at, ids["displaced"], "reject")
    assert not at.exception
    assert metrics(at)["People displaced"] == "0"
    # A rejected figure counts for no event; the tables show it only when asked to.
    at.toggle(key="each_event").set_value(False).run()
    assert ids["displaced"] not in set(frames(show(at, "Tables", "table", "Figures"))["figures"]["figure_id"])
    at.toggle(key="show_rejected").set_value(True).run()
    assert at.query_params["show_rejected"] in ("1", ["1"])
    figures = frames(show(at, "Tables", "table", "Figures"))["figures"]
    rejected = figures[figures["figure_id"] == ids["displaced"]].iloc[0]
    assert (rejected["review_status"], rejected["reviewed_by"], bool(rejected["counted"])) == (
        "rejected",
        "ana",
        False,
    )
    at.toggle(key="each_event").set_value(True).run()
    at.toggle(key="show_rejected").set_value(False).run()

    show(at, "Evidence").button(key="review_undo").click().run()
    assert metrics(at)["People displaced"] == "2,000"

    at = _review(at, ids["killed"], "correct", value=45)
    assert metrics(at)["Killed"] == "45"
    assert "Reviewed by analysts: 1 of the 2 figures summed (1 corrected)." in [c.value for c in at.caption]
    figures = frames(show(at, "Tables", "table", "Figures"))["figures"]
    row = figures[figures["figure_id"] == ids["killed"]].iloc[0]
    assert (row["value"], row["original_value"], row["review_status"]) == (45, 40, "corrected")

    # A rebuild extracts everything again; the review history is applied to it.
    from pipeline.ingest import ingest
    from pipeline.settings import Settings

    ingest(
        [tmp_path / "articles"],
        Settings.load(reviews=str(db.with_suffix(".reviews.sqlite"))),
        db,
        rebuild=True,
    )
    at = run_app(monkeypatch, db)
    assert (metrics(at)["Killed"], metrics(at)["People displaced"]) == ("45", "2,000")


def test_a_read_only_dashboard_has_no_review_controls(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = _reviewable(tmp_path)
    monkeypatch.setenv("SITREP_READONLY", "1")
    at = run_app(monkeypatch, db)
    show(at, "Evidence")
    assert not at.exception
    assert not [t for t in at.text_input if t.key == "reviewer"]


def _rows_of(db: Path) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute("SELECT figure_id, kind FROM figures")
        return [dict(zip(("figure_id", "kind"), r, strict=True)) for r in cur.fetchall()]


CAPITAL_NEWS = (
    "The Taliban captured Kunduz city on Sunday, officials said.\n"
    "On Saturday the Taliban attacked Sheberghan, the capital of Jawzjan province.\n"
    "The militants seized Dasht-e-Archi district on Friday. The hospital took in 33 patients with burns.\n"
)


def _capitals_db(tmp_path: Path) -> Path:
    """A database built by the batch step from one article written for the test."""
    from pipeline.ingest import ingest
    from pipeline.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "k.txt").write_text(CAPITAL_NEWS, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published,title,source,url\nk.txt,2021-08-09,,,\n")
    db = tmp_path / "c.duckdb"
    ingest([folder], Settings.load(reviews=str(db.with_suffix(".reviews.sqlite"))), db)
    return db


def _one(db: Path, sql: str) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()


def test_pressure_mentions_and_district_events_are_reviewed_from_their_evidence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = _capitals_db(tmp_path)
    at = run_app(monkeypatch, db)
    assert metrics(at)["Capitals under pressure"] == "2"
    (sheberghan,) = _one(db, "SELECT pressure_id FROM pressure WHERE capital = 'Sheberghan'")
    show(at, "Evidence").radio(key="evidence_kind").set_value("pressure").run()
    at.selectbox(key="evidence_pressure").set_value(sheberghan).run()
    at.text_input(key="reviewer").set_value("ana").run()
    at.radio(key="review_verb").set_value("reject")
    (record,) = [b for b in at.button if b.label == "Record"]
    at = record.click().run()
    assert not at.exception
    assert metrics(at)["Capitals under pressure"] == "1"  # a rejected mention counts nowhere

    (kunduz,) = _one(db, "SELECT pressure_id FROM pressure WHERE capital = 'Kunduz'")
    at.selectbox(key="evidence_pressure").set_value(kunduz).run()
    at.radio(key="review_verb").set_value("correct")
    at.selectbox(key=f"fix_{kunduz}_level").set_value("besieged")
    (record,) = [b for b in at.button if b.label == "Record"]
    at = record.click().run()
    pressure = frames(show(at, "Tables", "table", "Pressure mentions"))["pressure"]
    row = pressure[pressure["pressure_id"] == kunduz].iloc[0]
    assert (row["level"], row["original_level"], row["review_status"]) == ("besieged", "fell", "corrected")

    (district,) = _one(db, "SELECT district_event_id FROM district_events")
    show(at, "Evidence").radio(key="evidence_kind").set_value("district_event").run()
    at.selectbox(key="evidence_district_event").set_value(district).run()
    at.radio(key="review_verb").set_value("confirm")
    (record,) = [b for b in at.button if b.label == "Record"]
    at = record.click().run()
    districts = frames(show(at, "Tables", "table", "District events"))["district_events"]
    assert list(districts["review_status"]) == ["confirmed"]


def test_a_figure_the_rules_missed_is_added_from_its_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline.ingest import ingest
    from pipeline.settings import Settings

    db = _capitals_db(tmp_path)
    at = run_app(monkeypatch, db)
    assert "Wounded" not in metrics(at) or metrics(at)["Wounded"] == "0"
    (district,) = _one(db, "SELECT district_event_id FROM district_events")
    show(at, "Evidence").radio(key="evidence_kind").set_value("district_event").run()
    at.selectbox(key="evidence_district_event").set_value(district).run()
    at.text_input(key="reviewer").set_value("ana").run()
    (pick,) = [s for s in at.selectbox if s.key and s.key.startswith("add_sentence_")]
    (burns,) = [i for i, label in enumerate(pick.options) if "burns" in label]
    pick.set_value(burns).run()
    (words,) = [t for t in at.text_input if t.label.startswith("The number as written")]
    words.set_value("33")
    at.selectbox(key="add_kind").set_value("wounded")
    at.number_input(key="add_value").set_value(33)
    at.selectbox(key="add_province").set_value("Kunduz")
    (add,) = [b for b in at.button if b.label == "Add figure"]
    at = add.click().run()
    assert not at.exception and not at.error

    ingest([tmp_path / "articles"], Settings.load(reviews=str(db.with_suffix(".reviews.sqlite"))), db)
    at = run_app(monkeypatch, db)
    assert metrics(at)["Wounded"] == "33"
    assert _one(db, "SELECT review_status, reviewed_by, province FROM figures WHERE value = 33") == (
        "added",
        "ana",
        "Kunduz",
    )


def test_a_selected_table_row_opens_its_evidence_and_review(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = _capitals_db(tmp_path)
    at = run_app(monkeypatch, db)
    show(at, "Tables", "table", "Pressure mentions")
    assert not [m for m in at.markdown if m.value == "**Evidence of the selected row**"]
    at.session_state["table_pressure"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception
    assert [m for m in at.markdown if m.value == "**Evidence of the selected row**"]
    assert [t for t in at.text_input if t.key == "reviewer"]


def test_the_app_takes_db_and_reviews_arguments(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``streamlit run app.py -- --db FILE --reviews FILE`` wins over the environment."""
    db = _reviewable(tmp_path)
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "missing.duckdb"))
    monkeypatch.setenv("SITREP_REVIEWS", str(tmp_path / "elsewhere.sqlite"))
    monkeypatch.setattr("sys.argv", ["app.py", "--db", str(db), "--reviews", str(tmp_path / "mine.sqlite")])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
    assert metrics(at)["Killed"] == "40"
    show(at, "Evidence").text_input(key="reviewer").set_value("ana").run()
    at.radio(key="review_verb").set_value("confirm")
    (record,) = [b for b in at.button if b.label == "Record"]
    record.click().run()
    assert (tmp_path / "mine.sqlite").exists() and not (tmp_path / "elsewhere.sqlite").exists()


def test_reviews_without_a_row_are_listed_under_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline.ingest import ingest
    from pipeline.review.store import Action, open_store, record
    from pipeline.settings import Settings

    db = _reviewable(tmp_path)
    (aid,) = _one(db, "SELECT article_id FROM figures WHERE kind = 'killed'")
    with open_store(db.with_suffix(".reviews.sqlite")) as store:
        record(store, Action("figure", "confirm", aid, 100, 103, "999", "ana"))  # words no row holds
    ingest([tmp_path / "articles"], Settings.load(reviews=str(db.with_suffix(".reviews.sqlite"))), db)
    at = run_app(monkeypatch, db)
    at = show(at, "Sources", "sources", "Reviews without a row")
    assert not at.exception
    (orphans,) = [df.value for df in at.dataframe if "anchor_text" in df.value.columns]
    assert list(orphans["anchor_text"]) == ["999"] and list(orphans["reviewed_by"]) == ["ana"]
