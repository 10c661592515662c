"""The weekly brief: what a selection holds, what changed against the period before, and the
reports behind every number, as Markdown, HTML or PDF.

``document.py`` is the brief as data, ``contents.py`` fills it with the dashboard's own queries,
``notes.py`` words the notes, ``charts.py`` draws the map and charts, ``render.py`` and
``pdf.py`` write it out. ``build`` is the one place that opens the database: a short-lived
read-only connection, with the reviews taken since the last ingest laid over it as the
dashboard lays them. No Streamlit here: the command line and the dashboard's Brief view share it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import duckdb
import polars as pl

from dashboard.brief.contents import gather
from dashboard.brief.document import Brief
from dashboard.brief.render import markdown, page
from dashboard.filters import Filters
from dashboard.queries import Query
from pipeline import review

FORMATS = {"md": "text/markdown", "html": "text/html", "pdf": "application/pdf"}
MAX_NAMED = 3  # provinces named in a file name; more are counted
LAST_RUN = "SELECT finished_at, extractor FROM runs ORDER BY finished_at DESC LIMIT 1"


def selection(
    province: tuple[str, ...] = (), since: dt.date | None = None, until: dt.date | None = None
) -> Filters:
    """The filters of a brief asked for by provinces and days: undated items are left out of a
    bounded period (they belong to no week), kept when the brief covers all the data."""
    return Filters(province=province, since=since, until=until, undated=since is None and until is None)


def build(
    db: str | Path, f: Filters, reviews: str | Path | None = None, household_size: float = 7.0
) -> Brief:
    """The brief for ``f`` from the database at ``db`` and the review history at ``reviews``."""
    with duckdb.connect(str(db), read_only=True) as con:
        live = None
        if reviews and os.path.exists(reviews):
            live = review.overlay(con, reviews, household_size)
            if live is not None:
                con.register("raw_reviews", live)

        def run(query: Query) -> pl.DataFrame:
            sql, params = query
            return con.sql(sql, params=params or None).pl()

        made = f"Made from the database {db}"
        last = con.sql(LAST_RUN).fetchone()
        if last:
            made += f", built {last[0]:%Y-%m-%d %H:%M} by extractor {last[1]}"
        if live is not None:
            made += f", with the reviews recorded in {reviews} since then"
        return gather(run, f, made + ".")


def render(brief: Brief, fmt: str) -> bytes:
    """The brief as a file of format ``fmt`` (``md``, ``html`` or ``pdf``)."""
    if fmt == "md":
        return markdown(brief).encode("utf-8")
    if fmt == "html":
        return page(brief).encode("utf-8")
    if fmt == "pdf":
        from dashboard.brief import pdf  # fpdf2 and matplotlib's fonts, only for a PDF

        return pdf.document(brief)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def filename(brief: Brief, f: Filters, fmt: str) -> str:
    """``sitrep-brief-Badghis-2021-07-01_to_2021-07-31.md``: named by its provinces and period
    (``all`` for all the data); the document itself says the rest of the selection."""
    places = "_".join(f.province) if len(f.province) <= MAX_NAMED else f"{len(f.province)}_provinces"
    period = brief.period if brief.previous else "all"
    parts = ("sitrep", "brief", places, period)
    return "-".join(p for p in (re.sub(r"[^A-Za-z0-9-]+", "_", p).strip("_") for p in parts) if p) + f".{fmt}"
