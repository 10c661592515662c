"""The one writer: polars frames into a new DuckDB file that atomically replaces the live one.

A running dashboard never sees a half-written database: the new file is built beside
the live one, closed, then swapped in with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb
import polars as pl

SCHEMA = Path(__file__).with_name("schema.sql")

S, N, B, D, F = pl.String, pl.Int64, pl.Boolean, pl.Date, pl.Float64

# Table -> {column: polars type}, in insert order. Mirrors schema.sql; a test checks they agree.
TABLES: dict[str, dict[str, type[pl.DataType]]] = {
    "raw_articles": {
        "article_id": S, "file": S, "external_id": S, "title": S, "source": S, "url": S,
        "published": D, "date_source": S, "date_precision": S, "n_chars": N, "text": S,
    },
    "raw_figures": {
        "figure_id": S, "article_id": S, "kind": S, "value": N, "value_low": N, "value_high": N,
        "qualifier": S, "unit": S, "people_estimate": N, "victims": S, "province": S, "place": S,
        "event_date": D, "date_precision": S, "counted": B, "role": S, "parent_figure_id": S,
        "number_text": S, "sentence": S, "char_start": N, "char_end": N, "sentence_start": N,
        "sentence_end": N, "event_id": S, "is_primary": B,
    },
    "raw_pressure": {
        "pressure_id": S, "article_id": S, "capital": S, "province": S, "level": S, "trigger": S,
        "event_date": D, "date_precision": S, "is_background": B, "sentence": S, "char_start": N,
        "char_end": N, "sentence_start": N, "sentence_end": N,
    },
    "raw_district_events": {
        "district_event_id": S, "article_id": S, "district": S, "province": S, "status": S,
        "event_date": D, "date_precision": S, "is_background": B, "sentence": S, "char_start": N,
        "char_end": N,
    },
    "raw_events": {
        "event_id": S, "kind": S, "province": S, "place": S, "victims": S, "date_start": D,
        "date_end": D, "n_reports": N, "figure_id": S, "value": N, "value_low": N, "value_high": N,
        "qualifier": S, "unit": S, "people_estimate": N, "chosen_by": S,
    },
    "raw_pressure_episodes": {
        "episode_id": S, "capital": S, "province": S, "first_date": D, "last_date": D,
        "highest_level": S, "latest_level": S, "n_reports": N, "n_mentions": N, "is_background": B,
    },
    "raw_rejects": {"path": S, "line": N, "reason": S, "detail": S},
    "raw_runs": {
        "run_id": N, "finished_at": pl.Datetime, "extractor": S, "inputs": S, "n_read": N,
        "n_loaded": N, "n_unchanged": N, "n_rejected": N, "seconds": F,
    },
}  # fmt: skip


def frame(table: str, rows: list[dict] | None = None) -> pl.DataFrame:
    """A frame with exactly the table's columns and types."""
    schema = TABLES[table]
    return pl.DataFrame(rows or [], schema=schema)


def conform(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Cast a frame read back from DuckDB to the table's polars types."""
    return df.select([pl.col(c).cast(t) for c, t in TABLES[table].items()])


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view of ``schema.sql``."""
    con.execute(SCHEMA.read_text(encoding="utf-8"))


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    columns = list(TABLES[table])
    if df.is_empty():
        return
    con.register("incoming", df.select(columns).to_arrow())
    # Table and column names come from the TABLES constant above, never from input.
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM incoming")  # noqa: S608
    con.unregister("incoming")


def write_database(path: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Build a complete database at ``path.tmp-<pid>`` and swap it in for ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp)) as con:
            create_schema(con)
            for table in TABLES:
                _insert(con, table, frames.get(table, frame(table)))
            con.execute("CHECKPOINT")
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def remove_stale_files(path: Path, alive) -> list[Path]:
    """Delete half-written databases (and their .wal) left by runs that were killed."""
    removed = []
    for tmp in path.parent.glob(f"{path.name}.tmp-*"):
        pid = tmp.name.removeprefix(f"{path.name}.tmp-").removesuffix(".wal")
        if pid.isdigit() and not alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def read_tables(path: Path) -> dict[str, pl.DataFrame]:
    """Every raw table of an existing database, for an incremental run; empty when there is none.

    A database written by an older version may lack newer columns: they come back as nulls,
    so its articles are kept and re-extracted rather than lost.
    """
    if not path.exists():
        return {}
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for table, cols in TABLES.items():
            present = {
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
                ).fetchall()
            }
            if not present:
                continue
            # Names come from TABLES and the catalogue, never from input.
            select = ", ".join(c if c in present else f"NULL AS {c}" for c in cols)
            out[table] = conform(table, con.execute(f"SELECT {select} FROM {table}").pl())  # noqa: S608
    return out
