"""``Filters`` → SQL conditions, run against a real DuckDB built from ``pipeline/store/schema.sql``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from dbfixture import build

from dashboard.filters import Filters, counted, describe, view_label, where

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


FIG_ALL = {f"f{i}" for i in range(1, 10)}
PRESSURE_ALL = {f"p{i}" for i in range(1, 7)}


@pytest.mark.parametrize(
    ("view", "f", "expected"),
    [
        # No filter: everything, undated rows included.
        ("figures", Filters(), FIG_ALL),
        ("pressure", Filters(), PRESSURE_ALL),
        ("district_events", Filters(), {"d1", "d2", "d3"}),
        ("articles", Filters(), {"a1", "a2", "a3", "a4", "a5"}),
        # Undated rows only when asked for.
        ("figures", Filters(include_undated=False), FIG_ALL - {"f9"}),
        ("pressure", Filters(include_undated=False), PRESSURE_ALL - {"p6"}),
        ("district_events", Filters(include_undated=False), {"d1", "d2"}),
        ("articles", Filters(include_undated=False), {"a1", "a2", "a3", "a5"}),
        # Period on the event year; bounds are inclusive.
        ("figures", Filters(2016, 2016), {"f1", "f2", "f3", "f9"}),
        ("figures", Filters(2016, 2016, include_undated=False), {"f1", "f2", "f3"}),
        ("figures", Filters(2017, 2020, include_undated=False), set()),
        ("pressure", Filters(2016, None), {"p1", "p2", "p3", "p4", "p6"}),
        ("pressure", Filters(None, 2015, include_undated=False), {"p5"}),
        ("district_events", Filters(2021, 2021), {"d3"}),
        # Articles: period is the year published.
        ("articles", Filters(2021, 2021), {"a2", "a3", "a4"}),
        ("articles", Filters(2021, 2021, include_undated=False), {"a2", "a3"}),
        # Province: rows without a province drop out.
        ("figures", Filters(provinces=("Helmand",)), {"f1", "f2", "f3"}),
        ("figures", Filters(provinces=("Helmand", "Badghis")), FIG_ALL - {"f9"}),
        ("figures", Filters(2021, 2021, provinces=("Helmand",)), set()),
        ("pressure", Filters(provinces=("Badghis",)), {"p2", "p3", "p4"}),
        ("pressure", Filters(provinces=("Laghman",), include_undated=False), set()),
        ("district_events", Filters(provinces=("Helmand",)), {"d1", "d2"}),
        ("figures", Filters(provinces=("helmand",)), set()),
        # Articles in a province: those with a figure or pressure mention there.
        ("articles", Filters(provinces=("Helmand",)), {"a1"}),
        ("articles", Filters(provinces=("Badghis",)), {"a2", "a3"}),
        ("articles", Filters(provinces=("Laghman", "Kunduz")), {"a4", "a5"}),
        ("articles", Filters(2021, 2021, provinces=("Laghman",), include_undated=False), set()),
        # Kind and victim group narrow figures only.
        ("figures", Filters(kinds=("displaced",)), {"f3", "f4", "f5"}),
        ("figures", Filters(victims=("militants",)), {"f6", "f7"}),
        ("figures", Filters(kinds=("killed",), victims=("militants", "mixed")), {"f1", "f6"}),
        ("figures", Filters(2021, 2021, False, ("Badghis",), ("wounded",), ("civilians",)), {"f8"}),
        ("pressure", Filters(kinds=("displaced",), victims=("civilians",)), PRESSURE_ALL),
        ("articles", Filters(kinds=("casualties",)), {"a1", "a2", "a3", "a4", "a5"}),
        # Exact dates, on top of the years; undated rows still follow include_undated.
        ("figures", Filters(date_from=D(2021, 7, 8)), {"f4", "f5", "f8", "f9"}),
        ("figures", Filters(date_from=D(2021, 7, 8), include_undated=False), {"f4", "f5", "f8"}),
        ("figures", Filters(date_to=D(2016, 12, 31), include_undated=False), {"f1", "f2", "f3"}),
        ("figures", Filters(2021, 2021, False, date_to=D(2021, 7, 7)), {"f6", "f7"}),
        ("pressure", Filters(date_from=D(2021, 7, 7), date_to=D(2021, 7, 7), include_undated=False), {"p3"}),
        ("articles", Filters(date_from=D(2021, 1, 1), include_undated=False), {"a2", "a3"}),
        # Events and episodes span days: they are in a period when they overlap it.
        ("events", Filters(), {f"e{i}" for i in range(1, 8)}),
        ("events", Filters(include_undated=False), {f"e{i}" for i in range(1, 7)}),
        ("events", Filters(provinces=("Badghis",), kinds=("displaced",)), {"e3"}),
        ("events", Filters(victims=("militants",)), {"e4", "e5"}),
        ("pressure_episodes", Filters(2016, 2021), {"ep1", "ep2"}),
        ("pressure_episodes", Filters(date_from=D(2021, 7, 8), date_to=D(2021, 7, 9)), {"ep2"}),
        ("pressure_episodes", Filters(date_from=D(2021, 7, 9)), set()),
        ("pressure_episodes", Filters(provinces=("Kunduz",), kinds=("killed",)), {"ep3"}),
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
    f = Filters(provinces=(value,), kinds=(value,), victims=(value,))
    cond, params = where(f, view)
    assert value not in cond
    assert ids(db_file, view, f) == set()
    assert _counts(db_file) == before


@pytest.mark.parametrize(
    ("f", "view", "sql", "params"),
    [
        (Filters(), "figures", "TRUE", []),
        (Filters(include_undated=False), "pressure", "year IS NOT NULL", []),
        (Filters(2016, 2021, include_undated=False), "figures", "year >= ? AND year <= ?", [2016, 2021]),
        (Filters(2016, None), "district_events", "((year >= ?) OR year IS NULL)", [2016]),
        (Filters(None, 2021, False), "articles", "year(published) <= ?", [2021]),
        (Filters(provinces=("A", "B")), "pressure", "province IN (?, ?)", ["A", "B"]),
        (Filters(kinds=("killed",)), "district_events", "TRUE", []),
        (
            Filters(2016, 2021, False, date_from=D(2021, 7, 1)),
            "events",
            "year(date_end) >= ? AND year(date_start) <= ? AND date_end >= ?",
            [2016, 2021, D(2021, 7, 1)],
        ),
        (Filters(date_to=D(2021, 7, 1)), "figures", "((event_date <= ?) OR year IS NULL)", [D(2021, 7, 1)]),
    ],
)
def test_where_text(f: Filters, view: str, sql: str, params: list[object]) -> None:
    assert where(f, view) == (sql, params)


def test_unknown_view_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown view"):
        where(Filters(), "raw_figures; DROP TABLE raw_runs")


@pytest.mark.parametrize(
    ("f", "text"),
    [
        (Filters(), "all provinces · all years · undated included"),
        (Filters(2016, 2021, False, ("Helmand",)), "Helmand · 2016–2021 · undated excluded"),
        (
            Filters(2021, 2021, victims=("security_forces",)),
            "all provinces · 2021 · undated included · security forces",
        ),
        (
            Filters(None, 2016, kinds=("killed", "wounded")),
            "all provinces · …–2016 · undated included · killed, wounded",
        ),
        (
            Filters(2021, 2021, date_from=D(2021, 7, 1), each_event=False),
            "all provinces · 2021, 2021-07-01 to … · undated included · every report",
        ),
    ],
)
def test_describe(f: Filters, text: str) -> None:
    assert describe(f) == text
