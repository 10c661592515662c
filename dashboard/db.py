"""The only module of the app that reads the database.

Each query opens a short-lived read-only connection: the batch step replaces the file whole
(``os.replace``), so a held connection would keep reading the old one. Results are cached by
``Source`` (path and modification time) and ``Filters``, so a replaced file is read afresh.
Aggregation happens in DuckDB; ``sum`` of a BIGINT is a HUGEINT there, hence the casts.
SQL text is assembled only from the constants here and ``filters.where``; every value is
bound as a parameter (the reason each ``noqa: S608`` is safe).
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboard.filters import KINDS, VICTIMS, Filters, where

VIEWS = ("articles", "figures", "pressure", "district_events", "rejects", "runs")

# Columns shown and downloaded for each table, evidence sentence included.
COLUMNS = {
    "figures": (
        "event_date", "year", "province", "place", "kind", "victims", "number_text", "value",
        "value_low", "value_high", "qualifier", "unit", "people_estimate", "counted", "role",
        "sentence", "title", "source", "url", "published", "date_precision", "figure_id",
        "parent_figure_id", "article_id",
    ),
    "pressure": (
        "event_date", "year", "capital", "province", "level", "level_rank", "is_background",
        "trigger", "sentence", "title", "source", "url", "published", "date_precision",
        "pressure_id", "article_id",
    ),
    "district_events": (
        "event_date", "year", "district", "province", "status", "is_background", "sentence",
        "date_precision", "district_event_id", "article_id",
    ),
    "articles": (
        "published", "title", "source", "url", "file", "date_source", "date_precision",
        "n_chars", "external_id", "article_id",
    ),
}  # fmt: skip
ORDER = {
    "figures": "event_date NULLS LAST, province NULLS LAST, kind, figure_id",
    "pressure": "event_date NULLS LAST, capital, level_rank, pressure_id",
    "district_events": "event_date NULLS LAST, province, district, district_event_id",
    "articles": "published NULLS LAST, title, article_id",
}


@dataclasses.dataclass(frozen=True)
class Source:
    """A database file as it was at one moment; a new mtime means new cache entries."""

    path: str
    mtime_ns: int


@dataclasses.dataclass(frozen=True)
class Options:
    """What the sidebar can offer, read from the data."""

    years: tuple[int, ...]
    undated: int
    provinces: tuple[str, ...]
    victims: tuple[str, ...]
    kinds: tuple[str, ...] = KINDS


def source(path: str) -> Source | None:
    """The database at ``path`` as it is now, or None when there is no such file."""
    try:
        return Source(str(path), os.stat(path).st_mtime_ns)
    except FileNotFoundError:
        return None


def _query(src: Source, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
    """Run one read-only query on a fresh connection and return its rows."""
    with duckdb.connect(src.path, read_only=True) as con:
        return con.sql(sql, params=params or None).pl()


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
    return None


@st.cache_data(show_spinner=False, max_entries=64)
def options(src: Source) -> Options:
    """Years, provinces and victim groups present, and how many items have no year."""
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
    return Options(
        years=tuple(years["year"].to_list()),
        undated=int(undated["n"][0]),
        provinces=tuple(provinces["province"].to_list()),
        victims=tuple(v for v in VICTIMS if v in victims),
    )


@st.cache_data(show_spinner=False, max_entries=256)
def rows(src: Source, view: str, f: Filters) -> pl.DataFrame:
    """The filtered rows of one public view, in the table's column order."""
    cond, params = where(f, view)
    columns = ", ".join(COLUMNS[view])  # a KeyError for anything but a known view
    sql = f"SELECT {columns} FROM {view} WHERE {cond} ORDER BY {ORDER[view]}"  # noqa: S608
    return _query(src, sql, params)


@st.cache_data(show_spinner=False, max_entries=16)
def rejects(src: Source) -> pl.DataFrame:
    """Inputs the batch step could not use, with the reason and how to fix it."""
    return _query(src, "SELECT path, line, reason, detail FROM rejects ORDER BY path, line NULLS FIRST")


@st.cache_data(show_spinner=False, max_entries=16)
def last_run(src: Source) -> dict[str, Any] | None:
    """The latest batch run, or None when the database records none."""
    df = _query(src, "SELECT * FROM runs ORDER BY finished_at DESC LIMIT 1")
    return df.row(0, named=True) if df.height else None


@st.cache_data(show_spinner=False, max_entries=256)
def totals(src: Source, f: Filters) -> dict[str, int]:
    """Headline numbers: people displaced, killed, wounded; capitals under pressure; articles."""
    fw, fp = where(f, "figures")
    pw, pp = where(f, "pressure")
    aw, ap = where(f, "articles")
    sql = f"""
        WITH
            fig AS (SELECT kind, people_estimate FROM figures WHERE counted AND {fw}),
            -- "Current" pressure: background mentions and retakings are not pressure now.
            cap AS (SELECT capital FROM pressure WHERE NOT is_background AND level_rank > 0 AND {pw}),
            art AS (SELECT article_id FROM articles WHERE {aw})
        SELECT
            (SELECT CAST(coalesce(sum(people_estimate), 0) AS BIGINT) FROM fig
                WHERE kind = 'displaced') AS displaced,
            (SELECT CAST(coalesce(sum(people_estimate), 0) AS BIGINT) FROM fig
                WHERE kind = 'killed') AS killed,
            (SELECT CAST(coalesce(sum(people_estimate), 0) AS BIGINT) FROM fig
                WHERE kind = 'wounded') AS wounded,
            (SELECT count(DISTINCT capital) FROM cap) AS capitals,
            (SELECT count(*) FROM art) AS articles
    """  # noqa: S608
    return {k: int(v) for k, v in _query(src, sql, fp + pp + ap).row(0, named=True).items()}


def _people(
    src: Source, f: Filters, kinds: tuple[str, ...], group: tuple[str, ...], dated: bool
) -> pl.DataFrame:
    """Sum of counted ``people_estimate`` for ``kinds``, grouped by fixed column expressions."""
    cond, params = where(f, "figures")
    marks = ", ".join("?" for _ in kinds)
    keys = ", ".join(group)
    date_cond = "event_date IS NOT NULL" if dated else "TRUE"
    sql = f"""
        SELECT {keys}, CAST(sum(people_estimate) AS BIGINT) AS people, count(*) AS reports
        FROM figures
        WHERE counted AND kind IN ({marks}) AND {date_cond} AND {cond}
        GROUP BY ALL ORDER BY ALL
    """  # noqa: S608
    return _query(src, sql, list(kinds) + params)


_MONTH = "CAST(date_trunc('month', event_date) AS DATE) AS month"
_PROVINCE = "coalesce(province, '(no province)') AS province"


@st.cache_data(show_spinner=False, max_entries=256)
def displacement_by_province(src: Source, f: Filters) -> pl.DataFrame:
    """People displaced per province (counted figures)."""
    return _people(src, f, ("displaced",), (_PROVINCE,), dated=False)


@st.cache_data(show_spinner=False, max_entries=256)
def displacement_by_month(src: Source, f: Filters) -> pl.DataFrame:
    """People displaced per month and province (counted, dated figures)."""
    return _people(src, f, ("displaced",), (_MONTH, _PROVINCE), dated=True)


@st.cache_data(show_spinner=False, max_entries=256)
def harm_by_month(src: Source, f: Filters) -> pl.DataFrame:
    """People killed, wounded or hurt per month, kind and victim group (counted, dated figures)."""
    return _people(src, f, ("killed", "wounded", "casualties"), (_MONTH, "kind", "victims"), dated=True)


@st.cache_data(show_spinner=False, max_entries=256)
def harm_by_province(src: Source, f: Filters) -> pl.DataFrame:
    """People killed, wounded or hurt per province, kind and victim group (counted figures)."""
    return _people(src, f, ("killed", "wounded", "casualties"), (_PROVINCE, "kind", "victims"), dated=False)


@st.cache_data(show_spinner=False, max_entries=256)
def pressure_by_day(src: Source, f: Filters) -> pl.DataFrame:
    """Dated pressure mentions per day, capital, level and background flag."""
    cond, params = where(f, "pressure")
    sql = f"""
        SELECT event_date, capital, province, level, level_rank, is_background,
               count(*) AS mentions
        FROM pressure
        WHERE event_date IS NOT NULL AND {cond}
        GROUP BY ALL ORDER BY event_date, capital, level_rank
    """  # noqa: S608
    return _query(src, sql, params)
