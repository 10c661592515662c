"""How the pages read the database.

Each query opens a short-lived read-only connection: the batch step replaces the file whole
(``os.replace``), so a held connection would keep reading the old one. Results are cached by
``Source`` (path and modification time) and ``Filters``, so a replaced file is read afresh.
The SQL comes from ``queries.py``; aggregation happens in DuckDB. Pages and tabs call these
functions; besides them only ``dashboard.brief.build`` opens the file, running the same queries
on a connection of its own, with the same reviews laid over (``review.overlay``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboard import countries, queries, workings
from dashboard.filters import Filters, Options
from dashboard.plots import bins
from dashboard.queries import COLUMNS, ORDER  # noqa: F401  (re-exported for callers and tests)
from pipeline import review
from pipeline.store.schema import views
from pipeline.vocab import HARM, VICTIMS

VIEWS = (
    "articles", "figures", "pressure", "district_events", "events", "pressure_episodes", "rejects", "runs",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Source:
    """A database file, and the review history beside it, as they were at one moment; a new
    mtime of either means new cache entries."""

    path: str
    mtime_ns: int
    reviews: str = ""
    reviews_mtime_ns: int = 0
    household_size: float = 7.0


def _mtime(path: str) -> int:
    """The latest change to a file or its write-ahead log (0 when neither exists)."""
    found = [os.stat(p).st_mtime_ns for p in (path, f"{path}-wal") if os.path.exists(p)]
    return max(found, default=0)


def source(path: str, reviews: str = "", household_size: float = 7.0) -> Source | None:
    """The database at ``path`` (and the reviews at ``reviews``) as they are now, or None when
    there is no database."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None
    return Source(str(path), mtime, str(reviews), _mtime(str(reviews)) if reviews else 0, household_size)


def _query(src: Source, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
    """Run one read-only query on a fresh connection (``_connection``) and return its rows."""
    with _connection(src) as con:
        return con.sql(sql, params=params or None).pl()


@contextlib.contextmanager
def _connection(src: Source) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh read-only connection with the reviews taken since the last ingest laid over the
    database's (``raw_reviews``), so a view shows them at once."""
    overlay = _overlay(src) if src.reviews_mtime_ns else None
    with duckdb.connect(src.path, read_only=True) as con:
        if overlay is not None:
            con.register("raw_reviews", overlay)
        yield con


def _queries(src: Source, queries_: list[tuple[str, list[Any]]]) -> list[pl.DataFrame]:
    """Several read-only queries on one connection (each connection costs about 12 ms on a
    large file)."""
    with _connection(src) as con:
        return [con.sql(sql, params=params or None).pl() for sql, params in queries_]


@dataclasses.dataclass(frozen=True)
class Headline:
    """What the headline shows for one choice of filters, read in one connection."""

    found: bool  # any row passes the filters
    totals: dict[str, Any]
    before: dict[str, Any] | None  # the totals of the period before, when there is one
    split: pl.DataFrame  # killed and wounded by victim group
    share: dict[str, int]  # review status -> figures summed
    undated: dict[str, int] | None  # undated rows left out, when the filters leave them out


def _ints(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k.endswith(("_first", "_last", "_precision")) else int(v) for k, v in row.items()}


@st.cache_data(show_spinner=False, max_entries=256)
def headline(src: Source, f: Filters, before: Filters | None) -> Headline:
    """The headline's numbers for ``f`` (and ``before``, the period before), one connection."""
    asked = [
        queries.totals(f),
        queries.harm_by_victims(f),
        workings.reviewed_share(f),
        *([queries.totals(before)] if before is not None else []),
        *([workings.undated(f)] if not f.undated else []),
    ]
    now, split, share, *rest = _queries(src, asked)
    then = rest.pop(0) if before is not None else None
    undated = {k: int(v) for k, v in rest[0].row(0, named=True).items()} if not f.undated else None
    totals = _ints(now.row(0, named=True))
    # An article, a figure or a mention counted means something matches; only when none is
    # does the page ask every view (events and district events too).
    counted = totals["articles"] or totals["figures_summed"] or totals["mentions"]
    found = bool(counted) or bool(_query(src, *queries.anything(queries.FILTERED_VIEWS, f))["found"][0])
    return Headline(
        found,
        totals,
        _ints(then.row(0, named=True)) if then is not None else None,
        split,
        dict(share.iter_rows()),
        undated,
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _overlay(src: Source) -> pl.DataFrame | None:
    """``raw_reviews`` with the reviews taken since the database's last ingest, or None when
    there are none (the database's own table is then current)."""
    with duckdb.connect(src.path, read_only=True) as con:
        return review.overlay(con, src.reviews, src.household_size)


@st.cache_data(show_spinner=False, max_entries=64)
def problem(src: Source) -> str | None:
    """Why the file cannot be used as a sitrep database, or None when it can."""
    try:
        found = _query(src, "SELECT table_name FROM information_schema.tables")
    except duckdb.Error as e:
        return f"{src.path} is not a readable DuckDB database ({e})."
    missing = sorted(set(VIEWS) - set(found["table_name"].to_list()))
    if missing:
        return f"{src.path} lacks the view(s) {', '.join(missing)}."
    columns = _query(src, "SELECT table_name, column_name FROM information_schema.columns").rows()
    lacking = sorted({(v, c) for v in VIEWS for c in views()[v]} - set(columns))
    if lacking:
        named = ", ".join(f"{v}.{c}" for v, c in lacking)
        return f"{src.path} was written by an earlier version: it lacks {named}."
    return None


@st.cache_data(show_spinner=False, max_entries=64)
def options(src: Source) -> Options:
    """Years, provinces, countries and victim groups present, and how many items have no year."""
    years = _query(
        src,
        """
        WITH all_years AS (
            SELECT year FROM figures UNION ALL SELECT year FROM pressure
            UNION ALL SELECT year FROM district_events
            UNION ALL SELECT year(published) FROM articles
        )
        SELECT DISTINCT CAST(year AS INTEGER) AS year FROM all_years
        WHERE year IS NOT NULL ORDER BY year
        """,
    )
    undated = _query(
        src,
        """
        SELECT (SELECT count(*) FROM figures WHERE year IS NULL)
             + (SELECT count(*) FROM pressure WHERE year IS NULL)
             + (SELECT count(*) FROM district_events WHERE year IS NULL) AS n
        """,
    )
    provinces = _query(
        src,
        """
        SELECT DISTINCT province FROM (
            SELECT province FROM figures UNION ALL SELECT province FROM pressure
            UNION ALL SELECT province FROM district_events
        ) WHERE province IS NOT NULL ORDER BY province
        """,
    )
    victims = set(_query(src, "SELECT DISTINCT victims FROM figures")["victims"].to_list())
    present = _query(
        src,
        """
        SELECT DISTINCT country FROM (
            SELECT country FROM figures UNION ALL SELECT country FROM pressure
            UNION ALL SELECT country FROM district_events
        )
        """,
    )
    dates = _query(
        src,
        """
        SELECT min(d) AS first, max(d) AS last FROM (
            SELECT event_date AS d FROM figures UNION ALL SELECT event_date FROM pressure
            UNION ALL SELECT event_date FROM district_events
        )
        """,
    ).row(0)
    return Options(
        years=tuple(years["year"].to_list()),
        undated=int(undated["n"][0]),
        provinces=tuple(provinces["province"].to_list()),
        victims=tuple(v for v in VICTIMS if v in victims),
        countries=countries.offered(present["country"].to_list()),
        dates=(dates[0], dates[1]) if dates[0] is not None else None,
    )


@st.cache_data(show_spinner=False, max_entries=256)
def rows(src: Source, view: str, f: Filters, limit: int | None = None) -> pl.DataFrame:
    """The filtered rows of one public view, in the table's column order (the first ``limit``)."""
    return _query(src, *queries.rows(view, f, limit))


@st.cache_data(show_spinner=False, max_entries=256)
def table(src: Source, view: str, f: Filters, limit: int) -> tuple[int, pl.DataFrame]:
    """How many rows of a public view pass the filters, and the first ``limit``: one connection,
    and no count when the rows are fewer than ``limit`` (they are all there is)."""
    with _connection(src) as con:
        sql, params = queries.rows(view, f, limit)
        frame = con.sql(sql, params=params or None).pl()
        if frame.height < limit:
            return frame.height, frame
        sql, params = queries.count(view, f)
        return int(con.sql(sql, params=params or None).fetchone()[0]), frame


@st.cache_data(show_spinner=False, max_entries=256)
def count(src: Source, view: str, f: Filters) -> int:
    """How many rows of a public view pass the filters."""
    return int(_query(src, *queries.count(view, f))["n"][0])


@st.cache_data(show_spinner=False, max_entries=256)
def hidden(src: Source, f: Filters, switch: str = "hide_low") -> dict[str, int]:
    """How many figures and pressure mentions a hiding switch leaves out of the tables."""
    return {k: int(v) for k, v in _query(src, *queries.hidden(f, switch)).row(0, named=True).items()}


@st.cache_data(show_spinner=False, max_entries=256)
def undated(src: Source, f: Filters) -> dict[str, int]:
    """How many undated figures, pressure mentions and district events "Include undated" would add."""
    return {k: int(v) for k, v in _query(src, *workings.undated(f)).row(0, named=True).items()}


@st.cache_data(show_spinner=False, max_entries=256)
def event_reports(src: Source, event_id: str) -> pl.DataFrame:
    """Every report of one event, oldest first, the chosen one marked by ``is_primary``."""
    return _query(src, *workings.event_reports(event_id))


@st.cache_data(show_spinner=False, max_entries=256)
def reviewed_share(src: Source, f: Filters) -> dict[str, int]:
    """Review status -> how many of the figures the headline sums have it."""
    return dict(_query(src, *workings.reviewed_share(f)).iter_rows())


@st.cache_data(show_spinner=False, max_entries=256)
def summed_events(src: Source, f: Filters, limit: int) -> pl.DataFrame:
    """The largest events behind each headline number, with how many each number sums."""
    return _query(src, *workings.summed_events(f, limit))


@st.cache_data(show_spinner=False, max_entries=64)
def anything(src: Source, views: tuple[str, ...], f: Filters) -> bool:
    """Whether any of the public ``views`` has a row passing the filters."""
    return bool(_query(src, *queries.anything(views, f))["found"][0])


@st.cache_data(show_spinner=False, max_entries=16)
def rejects(src: Source) -> pl.DataFrame:
    """Inputs the batch step could not use, with the reason and how to fix it."""
    return _query(src, "SELECT path, line, reason, detail FROM rejects ORDER BY path, line NULLS FIRST")


@st.cache_data(show_spinner=False, max_entries=16)
def review_orphans(src: Source) -> pl.DataFrame:
    """Reviews that no row held at the last ingest, newest first."""
    return _query(src, "SELECT * FROM review_orphans ORDER BY reviewed_at DESC NULLS LAST, article_id")


@st.cache_data(show_spinner=False, max_entries=16)
def last_run(src: Source) -> dict[str, Any] | None:
    """The latest batch run, or None when the database records none."""
    df = _query(src, "SELECT * FROM runs ORDER BY finished_at DESC LIMIT 1")
    return df.row(0, named=True) if df.height else None


@st.cache_data(show_spinner=False, max_entries=256)
def totals(src: Source, f: Filters) -> dict[str, Any]:
    """Headline numbers (people displaced, killed, wounded; capitals under pressure; articles),
    each with ``<name>_first`` and ``<name>_last``: the dates of what it sums, and how precisely
    each is known (``<name>_first_precision``, ``<name>_last_precision``)."""
    found = _query(src, *queries.totals(f)).row(0, named=True)
    return {k: v if k.endswith(("_first", "_last", "_precision")) else int(v) for k, v in found.items()}


@st.cache_data(show_spinner=False, max_entries=256)
def harm_by_victims(src: Source, f: Filters) -> pl.DataFrame:
    """People killed and wounded per kind and victim group."""
    return _query(src, *queries.harm_by_victims(f))


HURT = (*HARM, "casualties")  # the charts of harm show combined totals too


@dataclasses.dataclass(frozen=True)
class Charts:
    """What the Charts tab draws for one choice of filters, read in one connection."""

    span: tuple[Any, Any]  # the first and last day the charts over time cover
    by_province: pl.DataFrame  # people displaced per province
    over_time: pl.DataFrame  # people displaced per bin and province
    hurt_over_time: pl.DataFrame  # killed, wounded or hurt per bin, kind and victim group
    hurt_by_province: pl.DataFrame  # the same per province


@st.cache_data(show_spinner=False, max_entries=256)
def charts(src: Source, f: Filters, bucket: str | None = None) -> Charts:
    """The Charts tab's data: people displaced, killed or wounded by province and over time,
    in ``bucket`` (day, week, month, quarter) or the bin its dated span calls for
    (``plots/bins.py``); one connection."""
    with _connection(src) as con:

        def run(query: tuple[str, list[Any]]) -> pl.DataFrame:
            return con.sql(query[0], params=query[1] or None).pl()

        found = run(queries.dated_span(f))
        span = (found["first"][0], found["last"][0]) if found.height else (None, None)
        bucket = bucket or bins.choose(*span).name
        return Charts(
            span,
            run(queries.people(f, ("displaced",), (queries.PROVINCE,))),
            run(queries.people(f, ("displaced",), (queries.period(bucket), queries.PROVINCE), bucket)),
            run(queries.people(f, HURT, (queries.period(bucket), "kind", "victims"), bucket)),
            run(queries.people(f, HURT, (queries.PROVINCE, "kind", "victims"))),
        )


@st.cache_data(show_spinner=False, max_entries=256)
def province_totals(src: Source, f: Filters) -> pl.DataFrame:
    """People displaced and killed or wounded per province, for the map."""
    return _query(src, *queries.province_totals(f))


@st.cache_data(show_spinner=False, max_entries=256)
def capital_levels(src: Source, f: Filters) -> pl.DataFrame:
    """Each capital's highest current pressure level in the selection, for the map."""
    return _query(src, *queries.capital_levels(f))


@st.cache_data(show_spinner=False, max_entries=256)
def map_data(src: Source, f: Filters) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``province_totals`` and ``capital_levels`` for the map: one connection."""
    totals, levels = _queries(src, [queries.province_totals(f), queries.capital_levels(f)])
    return totals, levels


@st.cache_data(show_spinner=False, max_entries=256)
def capitals(src: Source, f: Filters, bucket: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The Capitals tab's timeline, latest status and episodes: one connection."""
    asked = [
        queries.pressure_grid(f, bucket),
        queries.capital_status(f),
        queries.rows("pressure_episodes", f),
    ]
    grid, status, episodes = _queries(src, asked)
    return grid, status, episodes


@st.cache_data(show_spinner=False, max_entries=256)
def pressure_grid(src: Source, f: Filters, bucket: str) -> pl.DataFrame:
    """Highest pressure level per capital and week or month (``bucket``)."""
    return _query(src, *queries.pressure_grid(f, bucket))


@st.cache_data(show_spinner=False, max_entries=256)
def capital_status(src: Source, f: Filters) -> pl.DataFrame:
    """Each capital's latest mention in the selection, with its evidence sentence."""
    return _query(src, *queries.capital_status(f))


@st.cache_data(show_spinner=False, max_entries=256)
def evidence(src: Source, kind: str, row_id: str) -> dict[str, Any] | None:
    """A figure's (``kind="figure"``) or pressure mention's evidence and its article, or None."""
    found = _query(src, *queries.evidence(kind, row_id))
    return found.row(0, named=True) if found.height else None


@st.cache_data(show_spinner=False, max_entries=256)
def review_values(src: Source, target: str, row_id: str) -> dict[str, Any] | None:
    """The correctable values of one row as its view shows them now, or None."""
    found = _query(src, *queries.review_values(target, row_id))
    return found.row(0, named=True) if found.height else None
