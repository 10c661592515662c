"""``Filters`` → SQL conditions, run against a real DuckDB built from ``pipeline/store/schema.sql``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest
from dbfixture import build

from dashboard.filters import HAS_REVIEW, Filters, counted, describe, previous, span, view_label, where
from dashboard.periods import Period

ID = {
    "figures": "figure_id",
    "pressure": "pressure_id",
    "district_events": "district_event_id",
    "articles": "article_id",
    "events": "event_id",
    "pressure_episodes": "episode_id",
}
D = dt.date
INJECTIONS = (
    "Helmand' OR '1'='1",
    "Helmand'); DROP TABLE raw_figures; --",
    "%",
    "Helmand\x00",
)


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh database with the rows in ``tests/dbfixture.py``."""
    return build(tmp_path_factory.mktemp("filters") / "sitrep.duckdb")


def ids(path: Path, view: str, f: Filters) -> set[str]:
    """The ids of the rows of ``view`` that ``f`` selects."""
    cond, params = where(f, view)
    with duckdb.connect(str(path)) as con:
        rows = con.sql(f"SELECT {ID[view]} FROM {view} WHERE {cond}", params=params or None).fetchall()  # noqa: S608
    return {r[0] for r in rows}


# The last 7 days of the fixture's data, as the sidebar's preset gives them: undated rows out.
WEEK = Filters(preset="last_7_days", since=D(2021, 7, 2), until=D(2021, 7, 8), undated=False)
FIG_ALL = {f"f{i}" for i in range(1, 12)}
# By default: Afghanistan and the unknown country (f9), not Pakistan (f11).
FIG_SHOWN = FIG_ALL - {"f11"}
PRESSURE_ALL = {f"p{i}" for i in range(1, 7)}
EVENTS_ALL = {f"e{i}" for i in range(1, 10)}
ARTICLES_ALL = {"a1", "a2", "a3", "a4", "a5"}


@pytest.mark.parametrize(
    ("view", "f", "expected"),
    [
        # No filter: everything Afghan or unplaced, undated rows included.
        ("figures", Filters(), FIG_SHOWN),
        ("pressure", Filters(), PRESSURE_ALL),
        ("district_events", Filters(), {"d1", "d2", "d3"}),
        ("articles", Filters(), {"a1", "a2", "a3", "a4", "a5"}),
        # Undated rows only when asked for.
        ("figures", Filters(undated=False), FIG_SHOWN - {"f9", "f10"}),
        ("pressure", Filters(undated=False), PRESSURE_ALL - {"p6"}),
        ("district_events", Filters(undated=False), {"d1", "d2"}),
        ("articles", Filters(undated=False), {"a1", "a2", "a3", "a5"}),
        # Period on the event year; bounds are inclusive.
        ("figures", Filters(period=(2016, 2016)), {"f1", "f2", "f3", "f9", "f10"}),
        ("figures", Filters(period=(2016, 2016), undated=False), {"f1", "f2", "f3"}),
        ("figures", Filters(period=(2017, 2020), undated=False), set()),
        ("pressure", Filters(period=(2016, 2021)), {"p1", "p2", "p3", "p4", "p6"}),
        ("pressure", Filters(period=(2015, 2015), undated=False), {"p5"}),
        ("district_events", Filters(period=(2021, 2021)), {"d3"}),
        # Articles: period is the year published.
        ("articles", Filters(period=(2021, 2021)), {"a2", "a3", "a4"}),
        ("articles", Filters(period=(2021, 2021), undated=False), {"a2", "a3"}),
        # Province: rows without a province drop out.
        ("figures", Filters(province=("Helmand",)), {"f1", "f2", "f3"}),
        ("figures", Filters(province=("Helmand", "Badghis")), {f"f{i}" for i in range(1, 9)}),
        ("figures", Filters(period=(2021, 2021), province=("Helmand",)), set()),
        ("pressure", Filters(province=("Badghis",)), {"p2", "p3", "p4"}),
        ("pressure", Filters(province=("Laghman",), undated=False), set()),
        ("district_events", Filters(province=("Helmand",)), {"d1", "d2"}),
        ("figures", Filters(province=("helmand",)), set()),
        # Articles in a province: those with a figure or pressure mention there.
        ("articles", Filters(province=("Helmand",)), {"a1"}),
        ("articles", Filters(province=("Badghis",)), {"a2", "a3"}),
        ("articles", Filters(province=("Laghman", "Kunduz")), {"a4", "a5"}),
        ("articles", Filters(period=(2021, 2021), province=("Laghman",), undated=False), set()),
        # Kind and victim group narrow figures only.
        ("figures", Filters(kind=("displaced",)), {"f3", "f4", "f5"}),
        ("figures", Filters(victims=("militants",)), {"f6", "f7"}),
        ("figures", Filters(kind=("killed",), victims=("militants", "mixed")), {"f1", "f6"}),
        (
            "figures",
            Filters(
                period=(2021, 2021),
                undated=False,
                province=("Badghis",),
                kind=("wounded",),
                victims=("civilians",),
            ),
            {"f8"},
        ),
        ("pressure", Filters(kind=("displaced",), victims=("civilians",)), PRESSURE_ALL),
        ("articles", Filters(kind=("casualties",)), {"a1", "a2", "a3", "a4", "a5"}),
        # Exact dates, on top of the years; undated rows still follow ``undated``.
        ("figures", Filters(since=D(2021, 7, 8)), {"f4", "f5", "f8", "f9", "f10"}),
        ("figures", Filters(since=D(2021, 7, 8), undated=False), {"f4", "f5", "f8"}),
        ("figures", Filters(until=D(2016, 12, 31), undated=False), {"f1", "f2", "f3"}),
        ("figures", Filters(period=(2021, 2021), until=D(2021, 7, 7), undated=False), {"f6", "f7"}),
        ("pressure", Filters(since=D(2021, 7, 7), until=D(2021, 7, 7), undated=False), {"p3"}),
        ("articles", Filters(since=D(2021, 1, 1), undated=False), {"a2", "a3"}),
        # A preset's days (the last 7 days of the data, as the sidebar makes them): undated rows
        # only when asked for.
        ("figures", WEEK, {"f4", "f5", "f6", "f7", "f8"}),
        ("figures", dataclasses.replace(WEEK, undated=True), {"f4", "f5", "f6", "f7", "f8", "f9", "f10"}),
        ("figures", dataclasses.replace(WEEK, country=()), {"f4", "f5", "f6", "f7", "f8", "f11"}),
        ("pressure", WEEK, {"p2", "p3", "p4"}),
        ("pressure", dataclasses.replace(WEEK, undated=True), {"p2", "p3", "p4", "p6"}),
        ("district_events", WEEK, set()),
        ("district_events", dataclasses.replace(WEEK, undated=True), {"d3"}),
        ("events", WEEK, {"e3", "e4", "e5", "e6"}),
        ("articles", WEEK, {"a2", "a3"}),
        ("pressure_episodes", WEEK, {"ep2"}),
        # Events and episodes span days: they are in a period when they overlap it.
        ("events", Filters(), EVENTS_ALL - {"e9"}),
        ("events", Filters(undated=False), {f"e{i}" for i in range(1, 7)}),
        ("events", Filters(province=("Badghis",), kind=("displaced",)), {"e3"}),
        ("events", Filters(victims=("militants",)), {"e4", "e5"}),
        ("pressure_episodes", Filters(period=(2016, 2021)), {"ep1", "ep2"}),
        ("pressure_episodes", Filters(since=D(2021, 7, 8), until=D(2021, 7, 9)), {"ep2"}),
        ("pressure_episodes", Filters(since=D(2021, 7, 9)), set()),
        ("pressure_episodes", Filters(province=("Kunduz",), kind=("killed",)), {"ep3"}),
        # Country: every country when none is chosen; "unknown" is a row nothing placed (NULL).
        ("figures", Filters(country=()), FIG_ALL),
        ("figures", Filters(country=("PAK",)), {"f11"}),
        ("figures", Filters(country=("AFG",)), FIG_ALL - {"f9", "f11"}),
        ("figures", Filters(country=("unknown",)), {"f9"}),
        ("figures", Filters(country=("PAK", "unknown")), {"f9", "f11"}),
        ("figures", Filters(country=("PAK",), period=(2016, 2016)), set()),
        ("figures", Filters(country=("PAK",), province=("Badghis",)), set()),  # abroad: no province
        ("figures", Filters(country=("pak",)), set()),  # codes as stored; the address canonicalises
        ("events", Filters(country=()), EVENTS_ALL),
        ("events", Filters(country=("PAK",)), {"e9"}),
        ("events", Filters(country=("unknown",)), {"e7"}),
        ("pressure", Filters(country=("PAK",)), set()),
        ("pressure", Filters(country=("AFG",)), PRESSURE_ALL),
        ("district_events", Filters(country=("PAK",)), set()),
        ("pressure_episodes", Filters(country=("PAK",)), set()),
        # Articles have no country: one may report from several.
        ("articles", Filters(country=("PAK",)), ARTICLES_ALL),
        ("articles", Filters(country=("PAK",), province=("Badghis",)), {"a2", "a3"}),
        # Hiding low confidence: figures, events and pressure mentions; medium (f9) stays.
        ("figures", Filters(hide_low=True), FIG_SHOWN - {"f10"}),
        ("figures", Filters(hide_low=True, country=()), FIG_ALL - {"f10"}),
        ("figures", Filters(hide_low=True, province=("Laghman",)), set()),
        ("figures", Filters(hide_low=True, victims=("civilians",)), {"f3", "f4", "f5", "f8"}),
        ("events", Filters(hide_low=True), EVENTS_ALL - {"e8", "e9"}),
        ("pressure", Filters(hide_low=True), PRESSURE_ALL - {"p6"}),
        ("pressure", Filters(hide_low=True, province=("Laghman",)), set()),
        ("district_events", Filters(hide_low=True), {"d1", "d2", "d3"}),
        ("articles", Filters(hide_low=True), ARTICLES_ALL),
        ("pressure_episodes", Filters(hide_low=True), {"ep1", "ep2", "ep3"}),
        # Hiding armed groups' claims: figures, the events they are chosen for, pressure mentions.
        ("figures", Filters(hide_claims=True), FIG_SHOWN - {"f8"}),
        ("events", Filters(hide_claims=True), EVENTS_ALL - {"e6", "e9"}),
        ("pressure", Filters(hide_claims=True), PRESSURE_ALL - {"p3"}),
        ("district_events", Filters(hide_claims=True), {"d1", "d2", "d3"}),
        ("articles", Filters(hide_claims=True), ARTICLES_ALL),
    ],
)
def test_where_selects(db_file: Path, view: str, f: Filters, expected: set[str]) -> None:
    assert ids(db_file, view, f) == expected


@pytest.mark.parametrize(
    ("each_event", "cond", "label"), [(True, "is_primary", "events"), (False, "counted", "every-report")]
)
def test_counting(each_event: bool, cond: str, label: str) -> None:
    f = Filters(each_event=each_event)
    assert (counted(f), view_label(f)) == (cond, label)


def _counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path)) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ID}  # noqa: S608


@pytest.mark.parametrize("view", list(ID))
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_matches_nothing_and_changes_nothing(db_file: Path, view: str, value: str) -> None:
    before = _counts(db_file)
    f = Filters(province=(value,), country=(value,), kind=(value,), victims=(value,))
    cond, params = where(f, view)
    assert value not in cond
    assert ids(db_file, view, f) == set()
    assert _counts(db_file) == before


# The default country: Afghanistan and the rows nothing placed.
AFG = "(country IN (?) OR country IS NULL)"


@pytest.mark.parametrize(
    ("f", "view", "sql", "params"),
    [
        (Filters(), "figures", AFG, ["AFG"]),
        (Filters(country=()), "figures", "TRUE", []),
        (Filters(undated=False), "pressure", f"year IS NOT NULL AND {AFG}", ["AFG"]),
        (
            Filters(period=(2016, 2021), undated=False, country=()),
            "figures",
            "year >= ? AND year <= ?",
            [2016, 2021],
        ),
        (
            Filters(period=(2016, 2021)),
            "district_events",
            f"((year >= ? AND year <= ?) OR year IS NULL) AND {AFG}",
            [2016, 2021, "AFG"],
        ),
        (
            Filters(period=(2021, 2021), undated=False),
            "articles",
            "year(published) >= ? AND year(published) <= ?",
            [2021, 2021],
        ),
        (Filters(province=("A", "B"), country=()), "pressure", "province IN (?, ?)", ["A", "B"]),
        (Filters(kind=("killed",), country=()), "district_events", "TRUE", []),
        (
            Filters(period=(2016, 2021), since=D(2021, 7, 1), undated=False, country=()),
            "events",
            "year(date_end) >= ? AND year(date_start) <= ? AND date_end >= ?",
            [2016, 2021, D(2021, 7, 1)],
        ),
        (
            Filters(until=D(2021, 7, 1), country=()),
            "figures",
            "((event_date <= ?) OR year IS NULL)",
            [D(2021, 7, 1)],
        ),
        (
            dataclasses.replace(WEEK, country=()),
            "figures",
            "event_date >= ? AND event_date <= ?",
            [D(2021, 7, 2), D(2021, 7, 8)],
        ),
        (
            dataclasses.replace(WEEK, country=(), undated=True),
            "pressure_episodes",
            "((last_date >= ? AND first_date <= ?) OR year(first_date) IS NULL)",
            [D(2021, 7, 2), D(2021, 7, 8)],
        ),
        (Filters(country=("PAK", "AFG")), "pressure_episodes", "country IN (?, ?)", ["PAK", "AFG"]),
        (Filters(country=("unknown",)), "events", "country IS NULL", []),
        (Filters(country=("PAK",)), "articles", "TRUE", []),
        (
            Filters(province=("Helmand",), hide_low=True),
            "figures",
            f"province IN (?) AND {AFG} AND confidence <> ?",
            ["Helmand", "AFG", "low"],
        ),
        (Filters(country=(), hide_low=True), "events", "confidence <> ?", ["low"]),
        (Filters(country=(), hide_low=True), "district_events", "TRUE", []),
        (Filters(hide_low=True), "articles", "TRUE", []),
    ],
)
def test_where_text(f: Filters, view: str, sql: str, params: list[object]) -> None:
    if view in HAS_REVIEW:  # figures an analyst rejected are left out unless asked for
        sql = "review_status <> ?" if sql == "TRUE" else f"{sql} AND review_status <> ?"
        params = [*params, "rejected"]
    assert where(f, view) == (sql, params)


@pytest.mark.parametrize(
    ("f", "sql", "params"),
    [
        (Filters(country=(), show_rejected=True), "TRUE", []),
        (
            Filters(country=(), reviewed_only=True),
            "review_status <> ? AND review_status <> ?",
            ["rejected", "unreviewed"],
        ),
        (Filters(country=(), show_rejected=True, reviewed_only=True), "review_status <> ?", ["unreviewed"]),
    ],
)
def test_reviews_narrow_every_reviewed_view(f: Filters, sql: str, params: list[object]) -> None:
    for view in ("figures", "pressure", "district_events"):
        assert where(f, view) == (sql, params)
    assert where(f, "events") == ("TRUE", [])


def test_unknown_view_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown view"):
        where(Filters(), "raw_figures; DROP TABLE raw_runs")


@pytest.mark.parametrize(
    ("f", "text"),
    [
        (Filters(), "all provinces · all years · undated included"),
        (
            Filters(period=(2016, 2021), undated=False, province=("Helmand",)),
            "Helmand · 2016–2021 · undated excluded",
        ),
        (
            Filters(period=(2021, 2021), victims=("security_forces",)),
            "all provinces · 2021 · undated included · security forces",
        ),
        (
            Filters(period=(2015, 2016), kind=("killed", "wounded")),
            "all provinces · 2015–2016 · undated included · killed, wounded",
        ),
        (
            Filters(period=(2021, 2021), since=D(2021, 7, 1), each_event=False),
            "all provinces · 2021, 2021-07-01 to … · undated included · every report",
        ),
        (Filters(hide_low=True), "all provinces · all years · undated included · low confidence hidden"),
        # A preset says its name and its days; a custom range its years or its days.
        (WEEK, "all provinces · Last 7 days: 2021-07-02 to 2021-07-08 · undated excluded"),
        (
            Filters(preset="this_year", since=D(2021, 1, 1), until=D(2021, 7, 8), province=("Helmand",)),
            "Helmand · This year: 2021-01-01 to 2021-07-08 · undated included",
        ),
        (
            Filters(preset="custom", since=D(2021, 7, 1), until=D(2021, 7, 8), undated=False),
            "all provinces · 2021-07-01 to 2021-07-08 · undated excluded",
        ),
        (Filters(preset="custom", period=(2016, 2016)), "all provinces · 2016 · undated included"),
        # The country is said only when it is not the default, in any order.
        (Filters(country=("unknown", "AFG")), "all provinces · all years · undated included"),
        (
            Filters(country=("PAK", "AFG"), province=("Helmand",)),
            "Helmand · Pakistan, Afghanistan · all years · undated included",
        ),
        (Filters(country=()), "all provinces · all countries · all years · undated included"),
        (
            Filters(country=("unknown",), hide_low=True),
            "all provinces · (unknown country) · all years · undated included · low confidence hidden",
        ),
    ],
)
def test_describe(f: Filters, text: str) -> None:
    assert describe(f) == text


DATA = (D(2015, 9, 28), D(2021, 7, 8))  # the fixture's first and last event date


@pytest.mark.parametrize(
    ("f", "days", "before"),
    [
        # All dates: nothing to compare with.
        (Filters(), None, None),
        (Filters(undated=False, province=("Helmand",)), None, None),
        # A preset, and the same number of days before it.
        (WEEK, Period(D(2021, 7, 2), D(2021, 7, 8)), Period(D(2021, 6, 25), D(2021, 7, 1))),
        (
            Filters(preset="this_month", since=D(2021, 7, 1), until=D(2021, 7, 8)),
            Period(D(2021, 7, 1), D(2021, 7, 8)),
            Period(D(2021, 6, 23), D(2021, 6, 30)),
        ),
        # A range of years ends where the data does: 2021 so far, against as many days before it.
        (
            Filters(preset="custom", period=(2021, 2021)),
            Period(D(2021, 1, 1), D(2021, 7, 8)),
            Period(D(2020, 6, 26), D(2020, 12, 31)),
        ),
        (
            Filters(preset="custom", period=(2016, 2016)),
            Period(D(2016, 1, 1), D(2016, 12, 31)),
            Period(D(2014, 12, 31), D(2015, 12, 31)),  # 2016 has 366 days
        ),
        # Nothing in the data is dated before 2015-09-28: no period to compare with.
        (Filters(preset="custom", period=(2015, 2021)), Period(D(2015, 1, 1), D(2021, 7, 8)), None),
        # Days and years together: the days within the years.
        (
            Filters(period=(2016, 2021), since=D(2021, 7, 1)),
            Period(D(2021, 7, 1), D(2021, 7, 8)),
            Period(D(2021, 6, 23), D(2021, 6, 30)),
        ),
    ],
)
def test_the_period_and_the_one_before_it(f: Filters, days: Period | None, before: Period | None) -> None:
    assert span(f, DATA) == days
    found = previous(f, DATA)
    if before is None:
        assert found is None
        return
    earlier, period = found
    assert period == before and period.days == days.days
    # The same choices over the days before: only the period changes.
    assert earlier == dataclasses.replace(
        f, preset="custom", period=None, since=before.start, until=before.end
    )


def test_no_dated_item_no_period() -> None:
    assert span(WEEK, None) is None and previous(WEEK, None) is None


def test_the_period_before_selects_its_own_rows(db_file: Path) -> None:
    # The week before the fixture's last week holds nothing.
    earlier, _ = previous(WEEK, DATA)
    assert ids(db_file, "figures", earlier) == set()
    # March to October 2016 (245 days) holds the attack on Lashkar Gah; the 245 days before it
    # the fall of Kunduz in September 2015.
    months = Filters(preset="custom", since=D(2016, 3, 1), until=D(2016, 10, 31), undated=False)
    earlier, period = previous(months, DATA)
    assert period == Period(D(2015, 6, 30), D(2016, 2, 29))
    assert ids(db_file, "pressure", months) == {"p1"}
    assert ids(db_file, "pressure", earlier) == {"p5"}
