"""The reviews taken since the database's last ingest, laid over its ``raw_reviews``.

The batch step applies reviews when it runs; reviews an analyst records between two ingests are
read from the history and laid over the database's table, so the dashboard and the brief count
them at once, alike. Reads only: the caller holds the read-only connection.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipeline.review.apply import live_frame
from pipeline.review.state import fold
from pipeline.review.store import history, newest_action, open_store


def overlay(
    con: duckdb.DuckDBPyConnection, reviews: str | Path, household_size: float
) -> pl.DataFrame | None:
    """``raw_reviews`` with the reviews in ``reviews`` taken since the database's last ingest, or
    None when there are none (the database's own table is then current)."""
    if "reviews_seen" not in {r[0] for r in con.execute("DESCRIBE raw_runs").fetchall()}:
        return None  # a database built before reviews
    row = con.execute("SELECT reviews_seen FROM raw_runs ORDER BY run_id DESC LIMIT 1").fetchone()
    seen = (row[0] if row else 0) or 0
    with open_store(reviews) as store:
        if newest_action(store) == seen:
            return None
        folded = fold(history(store))
    ids = [r.row_id for r in folded.values() if r.anchor.target == "figure" and r.row_id]
    con.register("wanted", pl.DataFrame({"figure_id": ids}, schema={"figure_id": pl.String}))
    try:
        rows = con.execute(
            "SELECT figure_id, value, value_low, unit FROM raw_figures"
            " WHERE figure_id IN (SELECT figure_id FROM wanted)"
        ).fetchall()
        stored = con.sql("SELECT * FROM raw_reviews").pl()
    finally:
        con.unregister("wanted")
    extracted = {fid: (value, low, unit) for fid, value, low, unit in rows}
    return live_frame(stored, folded, seen, extracted, household_size)
