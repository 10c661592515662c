"""Read-only queries and aggregations against a real DuckDB file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dbfixture import build

from dashboard import db
from dashboard.filters import Filters, Options
from dashboard.queries import FILTERED_VIEWS


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> db.Source:
    """The database in ``tests/dbfixture.py`` as a ``Source``."""
    found = db.source(str(build(tmp_path_factory.mktemp("db") / "sitrep.duckdb")))
    assert found is not None
    return found


def test_missing_file_has_no_source(tmp_path: Path) -> None:
    assert db.source(str(tmp_path / "absent.duckdb")) is None


def test_problem(src: db.Source, tmp_path: Path) -> None:
    assert db.problem(src) is None
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    assert "not a readable DuckDB database" in db.problem(db.source(str(junk)))
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert "lacks the view(s) articles, district_events, events, figures" in db.problem(db.source(str(empty)))
    older = build(tmp_path / "older.duckdb")
    with duckdb.connect(str(older)) as con:  # an articles view from before first_run and new
        con.execute("DROP VIEW articles")
        con.execute("CREATE VIEW articles AS SELECT * EXCLUDE (first_run) FROM raw_articles")
    message = db.problem(db.source(str(older)))
    assert message.endswith("written by an earlier version: it lacks articles.first_run, articles.new.")


def test_options(src: db.Source) -> None:
    assert db.options(src) == Options(
        years=(2015, 2016, 2021),
        undated=4,  # f9, f10, p6, d3
        provinces=("Badghis", "Helmand", "Kunduz", "Laghman"),
        victims=("civilians", "security_forces", "militants", "mixed", "unspecified"),
        dates=(dt.date(2015, 9, 28), dt.date(2021, 7, 8)),
        countries=("AFG", "unknown", "PAK"),  # Afghanistan and the unknown country first, always
    )


def test_options_offer_afghanistan_and_the_unknown_country_even_when_absent(tmp_path: Path) -> None:
    path = build(tmp_path / "abroad.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE raw_figures SET country = 'IRN' WHERE country IS NULL")
        con.execute("UPDATE raw_pressure SET country = 'PAK'")
    assert db.options(db.source(str(path))).countries == ("AFG", "unknown", "IRN", "PAK")


def _headline(**values: int) -> dict[str, int]:
    """The five headline numbers, zero unless given."""
    return {k: values.get(k, 0) for k in ("displaced", "killed", "wounded", "capitals", "articles")}


D = dt.date


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        # Each event once: f4 and f5 report one displacement, so 75,000 counts once; f2 (a part
        # of f1) never counts. Capitals now: Lashkar Gah (attacked) and Mehtarlam (undated,
        # besieged); Qala-i-Naw's latest mention is its retaking, Kunduz's is background. The
        # wounded are f7 and f8 (33) and the dozens of f10 (12, undated); f11 is in Pakistan.
        (Filters(), _headline(displaced=105000, killed=88, wounded=45, capitals=2, articles=5)),
        # Every report: both reports of the 75,000 count.
        (
            Filters(each_event=False),
            _headline(displaced=180000, killed=88, wounded=45, capitals=2, articles=5),
        ),
        # Pakistan: f11's 31 killed; articles are not filtered by country.
        (Filters(country=("PAK",)), _headline(killed=31, articles=5)),
        (
            Filters(country=()),
            _headline(displaced=105000, killed=119, wounded=45, capitals=2, articles=5),
        ),
        # Low confidence hidden: f10's dozens wounded and p6 (Mehtarlam besieged) drop out.
        (
            Filters(hide_low=True),
            _headline(displaced=105000, killed=88, wounded=33, capitals=1, articles=5),
        ),
        (
            Filters(undated=False),
            _headline(displaced=105000, killed=83, wounded=33, capitals=1, articles=4),
        ),
        (
            Filters(period=(2016, 2016), province=("Helmand",)),
            _headline(displaced=30000, killed=14, capitals=1, articles=1),
        ),
        (
            Filters(period=(2021, 2021), province=("Badghis",), victims=("militants",)),
            _headline(killed=69, wounded=23, articles=2),
        ),
        # The day before the retaking, Qala-i-Naw was under attack.
        (
            Filters(province=("Badghis",), since=D(2021, 7, 7), until=D(2021, 7, 7)),
            _headline(killed=69, wounded=23, capitals=1, articles=0),
        ),
        (Filters(period=(2017, 2020), undated=False), _headline()),
    ],
)
def test_totals(src: db.Source, f: Filters, expected: dict[str, int]) -> None:
    got = db.totals(src, f)
    assert {k: got[k] for k in expected} == expected
    assert all(type(got[k]) is int for k in expected)


def test_totals_say_the_dates_they_cover(src: db.Source) -> None:
    got = db.totals(src, Filters())
    assert (got["displaced_first"], got["displaced_last"]) == (D(2016, 10, 10), D(2021, 7, 8))
    assert (got["killed_first"], got["killed_last"]) == (D(2016, 10, 10), D(2021, 7, 7))
    assert (got["capitals_first"], got["capitals_last"]) == (D(2016, 10, 10), D(2021, 7, 8))
    assert (got["articles_first"], got["articles_last"]) == (D(2016, 3, 18), D(2021, 7, 8))
    nothing = db.totals(src, Filters(period=(2017, 2020), undated=False))
    assert nothing["displaced_first"] is None and nothing["articles_last"] is None


def test_harm_by_victims(src: db.Source) -> None:
    assert db.harm_by_victims(src, Filters()).rows() == [
        ("killed", "militants", 69),
        ("killed", "mixed", 14),
        ("killed", "unspecified", 5),
        ("wounded", "militants", 23),
        ("wounded", "civilians", 22),  # f8's 10 and f10's dozens (12)
    ]


@pytest.mark.parametrize(
    ("each_event", "badghis"),
    [(True, [("Badghis", 75000, 1)]), (False, [("Badghis", 150000, 2)])],
)
def test_displacement_aggregates(src: db.Source, each_event: bool, badghis: list) -> None:
    by_province = db.charts(src, Filters(each_event=each_event), "month").by_province
    assert by_province.schema["people"] == pl.Int64
    assert by_province.sort("province").rows() == badghis + [("Helmand", 30000, 1)]
    by_month = db.charts(src, Filters(each_event=each_event), "month").over_time
    assert by_month.rows() == [(D(2016, 10, 1), "Helmand", 30000, 1)] + [
        (D(2021, 7, 1), *row) for row in badghis
    ]


def test_province_totals_for_the_map(src: db.Source) -> None:
    assert db.province_totals(src, Filters()).rows() == [
        ("Badghis", 75000, 102, 4),
        ("Helmand", 30000, 14, 2),
        ("Laghman", 0, 12, 1),  # f10, placed by the article
    ]
    assert db.province_totals(src, Filters(each_event=False))["displaced"].to_list() == [150000, 30000, 0]
    assert "Laghman" not in db.province_totals(src, Filters(hide_low=True))["province"].to_list()


def test_capital_levels_for_the_map(src: db.Source) -> None:
    # Highest current level; background mentions (Kunduz) are not on the map.
    assert db.capital_levels(src, Filters()).select("capital", "level").rows() == [
        ("Lashkar Gah", "attacked"),
        ("Mehtarlam", "besieged"),
        ("Qala-i-Naw", "besieged"),
    ]


@pytest.mark.parametrize(
    ("bucket", "expected"),
    [
        (
            "week",
            [
                (D(2015, 9, 28), "Kunduz", True, "fell", False),
                (D(2016, 10, 10), "Lashkar Gah", False, "attacked", False),
                # attacked on Wednesday, besieged and retaken on Thursday: one week, highest besieged.
                (D(2021, 7, 5), "Qala-i-Naw", False, "besieged", True),
            ],
        ),
        (
            "month",
            [
                (D(2015, 9, 1), "Kunduz", True, "fell", False),
                (D(2016, 10, 1), "Lashkar Gah", False, "attacked", False),
                (D(2021, 7, 1), "Qala-i-Naw", False, "besieged", True),
            ],
        ),
    ],
)
def test_pressure_grid(src: db.Source, bucket: str, expected: list) -> None:
    grid = db.pressure_grid(src, Filters(), bucket)
    assert grid.select("period", "capital", "is_background", "level", "retaken").rows() == expected


def test_pressure_grid_shows_a_lone_retaking_as_such(src: db.Source) -> None:
    f = Filters(province=("Badghis",), since=D(2021, 7, 8), until=D(2021, 7, 8))
    grid = db.pressure_grid(src, f, "week")
    assert grid.select("level", "levels").rows() == [("besieged", "besieged, retaken")]


def test_capital_status_is_the_latest_mention(src: db.Source) -> None:
    status = db.capital_status(src, Filters())
    assert {
        r[0]: r[1:] for r in status.select("capital", "level", "is_background", "pressure_id").rows()
    } == {
        "Qala-i-Naw": ("retaken", False, "p4"),  # same day as the siege: the retaking comes after
        "Lashkar Gah": ("attacked", False, "p1"),
        "Mehtarlam": ("besieged", False, "p6"),
        "Kunduz": ("fell", True, "p5"),
    }
    assert status["sentence"].null_count() == 0


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (Filters(), {"f1", "f3", "f5", "f6", "f7", "f8", "f9", "f10"}),
        (Filters(each_event=False), {f"f{i}" for i in range(1, 12)} - {"f11"}),
        (Filters(province=("Badghis",), kind=("displaced",)), {"f5"}),
        (Filters(province=("Badghis",), kind=("displaced",), each_event=False), {"f4", "f5"}),
    ],
)
def test_figure_rows_each_event_once_or_every_report(src: db.Source, f: Filters, expected: set[str]) -> None:
    frame = db.rows(src, "figures", f)
    assert set(frame["figure_id"]) == expected
    if f.each_event:
        assert frame.columns[-1] == "n_reports"
        reports = dict(frame.select("figure_id", "n_reports").rows())
        assert reports["f5"] == 2
        assert all(n == 1 for fid, n in reports.items() if fid != "f5")
    else:
        assert "n_reports" not in frame.columns


@pytest.mark.parametrize(
    ("view", "f", "expected"),
    [
        ("events", Filters(), {"e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"}),
        ("events", Filters(province=("Badghis",), kind=("displaced",)), {"e3"}),
        ("events", Filters(period=(2016, 2016), undated=False), {"e1", "e2"}),
        ("pressure_episodes", Filters(), {"ep1", "ep2", "ep3"}),
        ("pressure_episodes", Filters(period=(2021, 2021)), {"ep2"}),
        ("pressure_episodes", Filters(province=("Helmand", "Kunduz")), {"ep1", "ep3"}),
        ("pressure_episodes", Filters(since=D(2021, 7, 8)), {"ep2"}),
    ],
)
def test_events_and_episodes(src: db.Source, view: str, f: Filters, expected: set[str]) -> None:
    frame = db.rows(src, view, f)
    assert set(frame["event_id" if view == "events" else "episode_id"]) == expected
    assert frame.columns == list(db.COLUMNS[view])


@pytest.mark.parametrize(("kind", "row_id"), [("figure", "f9"), ("figure", "f4"), ("pressure", "p3")])
def test_evidence_points_into_the_article(src: db.Source, kind: str, row_id: str) -> None:
    found = db.evidence(src, kind, row_id)
    assert found["text"][found["sentence_start"] : found["sentence_end"]] == found["sentence"]
    assert found["sentence_start"] <= found["char_start"] < found["char_end"] <= found["sentence_end"]
    assert found["title"] and found["url"].startswith("https://example.invalid/")


@pytest.mark.parametrize(
    ("kind", "row_id", "confidence"),
    [
        ("figure", "f10", ("low", "place from the article, not the sentence; vague amount")),
        ("figure", "f4", ("high", "")),
        ("pressure", "p6", ("low", "capital named by context; told in a headline")),
    ],
)
def test_evidence_says_how_far_to_trust_it(
    src: db.Source, kind: str, row_id: str, confidence: tuple[str, str]
) -> None:
    found = db.evidence(src, kind, row_id)
    assert (found["confidence"], found["confidence_reason"]) == confidence


def test_tables_show_confidence(src: db.Source) -> None:
    for view in ("figures", "pressure", "events"):
        assert {"confidence", "confidence_reason"} <= set(db.rows(src, view, Filters()).columns), view
    status = db.capital_status(src, Filters())
    assert dict(status.select("capital", "confidence").rows())["Mehtarlam"] == "low"


@pytest.mark.parametrize(
    ("f", "hidden"),
    [
        # f10 (each event once: its event's figure) and p6, both undated and in Laghman.
        (Filters(hide_low=True), {"figures": 1, "pressure": 1}),
        (Filters(), {"figures": 1, "pressure": 1}),  # what the toggle would hide
        (Filters(hide_low=True, each_event=False), {"figures": 1, "pressure": 1}),
        (Filters(hide_low=True, undated=False), {"figures": 0, "pressure": 0}),
        (Filters(hide_low=True, province=("Badghis",)), {"figures": 0, "pressure": 0}),
        (Filters(hide_low=True, kind=("wounded",)), {"figures": 1, "pressure": 1}),
        (Filters(hide_low=True, kind=("killed",)), {"figures": 0, "pressure": 1}),
        (Filters(hide_low=True, country=("PAK",)), {"figures": 0, "pressure": 0}),
    ],
)
def test_hidden_counts_what_the_toggle_leaves_out(src: db.Source, f: Filters, hidden: dict[str, int]) -> None:
    assert db.hidden(src, f) == hidden
    shown, kept = dataclasses.replace(f, hide_low=False), dataclasses.replace(f, hide_low=True)
    for view in hidden:
        assert db.count(src, view, shown) - db.count(src, view, kept) == hidden[view], view


WEEK = Filters(preset="last_7_days", since=D(2021, 7, 2), until=D(2021, 7, 8), undated=False)


@pytest.mark.parametrize(
    ("f", "left_out"),
    [
        # f9 and f10 (each its event's figure), p6 and d3: undated, all in a4.
        (WEEK, {"figures": 2, "pressure": 1, "district_events": 1}),
        (Filters(undated=False), {"figures": 2, "pressure": 1, "district_events": 1}),
        (
            dataclasses.replace(WEEK, province=("Laghman",)),
            {"figures": 1, "pressure": 1, "district_events": 1},
        ),
        (dataclasses.replace(WEEK, kind=("killed",)), {"figures": 1, "pressure": 1, "district_events": 1}),
        (
            dataclasses.replace(WEEK, province=("Badghis",)),
            {"figures": 0, "pressure": 0, "district_events": 0},
        ),
    ],
)
def test_undated_counts_what_a_period_leaves_out(
    src: db.Source, f: Filters, left_out: dict[str, int]
) -> None:
    assert db.undated(src, f) == left_out
    kept = dataclasses.replace(f, undated=True)
    for view in left_out:
        assert db.count(src, view, kept) - db.count(src, view, f) == left_out[view], view


@pytest.mark.parametrize(
    ("f", "new"),
    [
        # a3, the latest run's only article: f5, f6, f7 of the 8 figures summed (f2 is a part,
        # f4 another report of f5's event, f11 abroad), p3 and p4 of the 5 current mentions.
        (
            Filters(),
            {"figures_new": 3, "figures_summed": 8, "mentions_new": 2, "mentions": 5, "articles_new": 1},
        ),
        (
            Filters(each_event=False),
            {"figures_new": 3, "figures_summed": 9, "mentions_new": 2, "mentions": 5, "articles_new": 1},
        ),
        (
            Filters(province=("Helmand",)),
            {"figures_new": 0, "figures_summed": 2, "mentions_new": 0, "mentions": 1, "articles_new": 0},
        ),
        (
            WEEK,
            {"figures_new": 3, "figures_summed": 4, "mentions_new": 2, "mentions": 3, "articles_new": 1},
        ),
    ],
)
def test_totals_say_how_much_is_new(src: db.Source, f: Filters, new: dict[str, int]) -> None:
    got = db.totals(src, f)
    assert {k: got[k] for k in new} == new


def test_evidence_for_an_unknown_id_is_none(src: db.Source) -> None:
    assert db.evidence(src, "figure", "nope' OR 1=1 --") is None


def test_rejects_and_last_run(src: db.Source) -> None:
    assert db.rejects(src)["reason"].to_list() == ["not_text"]
    assert (db.last_run(src)["run_id"], db.last_run(src)["n_loaded"]) == (2, 1)


def test_replaced_file_is_read_afresh(tmp_path: Path) -> None:
    live = build(tmp_path / "live.duckdb")
    old = db.source(str(live))
    assert db.totals(old, Filters())["articles"] == 5
    # Rebuild elsewhere with one article fewer and swap it in whole, as the batch step does.
    new_file = tmp_path / "new.duckdb"
    shutil.copy(live, new_file)
    with duckdb.connect(str(new_file)) as con:
        con.execute("DELETE FROM raw_district_events WHERE article_id = 'a5'")
        con.execute("DELETE FROM raw_pressure WHERE article_id = 'a5'")
        con.execute("DELETE FROM raw_articles WHERE article_id = 'a5'")
    os.replace(new_file, live)
    os.utime(live, ns=(old.mtime_ns + 10**9, old.mtime_ns + 10**9))
    new = db.source(str(live))
    assert new != old
    assert db.totals(new, Filters())["articles"] == 4


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(period=(2016, 2016), province=("Laghman",), undated=False),
        Filters(province=("Badghis",), kind=("displaced",), each_event=False),
        Filters(province=("Atlantis",)),
    ],
)
@pytest.mark.parametrize("views", [FILTERED_VIEWS, ("figures",), ("district_events", "articles")])
def test_anything_agrees_with_the_counts(src: db.Source, f: Filters, views: tuple[str, ...]) -> None:
    assert db.anything(src, views, f) == any(db.count(src, view, f) > 0 for view in views)


@pytest.mark.parametrize(
    ("bucket", "first_days"),
    [
        ("day", {D(2016, 10, 10), D(2021, 7, 8)}),  # f3 on a Monday, f4 on a Thursday
        ("week", {D(2016, 10, 10), D(2021, 7, 5)}),  # weeks start on Monday
        ("quarter", {D(2016, 10, 1), D(2021, 7, 1)}),
    ],
)
def test_displacement_over_time_in_each_bin(src: db.Source, bucket: str, first_days: set) -> None:
    """Each figure in the bin of its day; every bin sums the same people."""
    by_bin = db.charts(src, Filters(), bucket).over_time
    assert set(by_bin["period"]) == first_days
    assert by_bin["people"].sum() == db.charts(src, Filters(), "month").over_time["people"].sum()


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(preset="custom", since=D(2021, 7, 1), until=D(2021, 7, 31), undated=False),
        Filters(province=("Badghis",), undated=False, each_event=False),
        Filters(preset="custom", period=(2030, 2030), undated=False),  # nothing matches
    ],
)
def test_the_headline_reads_in_one_connection_what_each_query_gives(src: db.Source, f: Filters) -> None:
    before = Filters(preset="custom", since=D(2021, 6, 1), until=D(2021, 6, 30))
    got = db.headline.__wrapped__(src, f, before)
    assert got.found == db.anything(src, FILTERED_VIEWS, f)
    assert got.totals == db.totals(src, f) and got.before == db.totals(src, before)
    assert got.split.equals(db.harm_by_victims(src, f))
    assert got.share == db.reviewed_share(src, f)
    assert got.undated == (None if f.undated else db.undated(src, f))
    assert db.headline.__wrapped__(src, f, None).before is None


@pytest.mark.parametrize("limit", [1, 2, 10_000])
def test_a_table_counts_its_rows_beyond_what_it_shows(src: db.Source, limit: int) -> None:
    f = Filters(each_event=False)
    n, frame = db.table.__wrapped__(src, "figures", f, limit)
    assert n == db.count(src, "figures", f) and frame.height == min(n, limit)


def test_the_charts_bin_follows_the_span_of_the_dated_figures(src: db.Source) -> None:
    picked = db.charts(src, Filters())
    assert picked.span[0] <= D(2016, 10, 10) and picked.span[1] >= D(2021, 7, 8)  # years apart: quarters
    assert picked.over_time.equals(db.charts(src, Filters(), "quarter").over_time)
    assert set(picked.over_time["period"]) == {D(2016, 10, 1), D(2021, 7, 1)}
