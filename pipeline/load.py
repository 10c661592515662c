"""The one writer: polars frames into a new DuckDB file that atomically replaces the live one.

A running dashboard never sees a half-written database: the new file is built beside
the live one, closed, then swapped in with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
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


@contextlib.contextmanager
def _swap(path: Path, start_from: Path | None = None):
    """A connection to a new file beside ``path`` (a copy of ``start_from`` if given) that replaces
    ``path`` when the block ends without error; on error the live file is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    leftovers = (tmp, tmp.with_name(tmp.name + ".wal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        if start_from is not None:
            shutil.copyfile(start_from, tmp)
        with duckdb.connect(str(tmp)) as con:
            yield con
            con.execute("CHECKPOINT")
        os.replace(tmp, path)
    finally:
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def write_database(path: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Build a complete database beside ``path`` and swap it in."""
    with _swap(path) as con:
        create_schema(con)
        for table in TABLES:
            _insert(con, table, frames.get(table, frame(table)))


# Tables whose rows belong to one article; they are replaced article by article.
PER_ARTICLE = ("raw_figures", "raw_pressure", "raw_district_events")
# Tables derived from everything at each run; they are replaced whole.
DERIVED = ("raw_events", "raw_pressure_episodes", "raw_rejects")


def update_database(
    path: Path,
    drop_articles: set[str],
    drop_extracted: set[str],
    frames: dict[str, pl.DataFrame],
    figure_events: pl.DataFrame,
) -> None:
    """Copy the live database, change only what this run changed, and swap the copy in.

    ``drop_articles`` leave ``raw_articles`` (to be inserted again from ``frames``);
    ``drop_extracted`` lose their per-article rows; derived tables are replaced whole; runs
    are appended; every figure gets its (possibly new) ``event_id`` and ``is_primary``.
    """
    with _swap(path, start_from=path) as con:
        con.register(
            "drop_extracted", pl.DataFrame({"article_id": sorted(drop_extracted)}, schema={"article_id": S})
        )
        con.register(
            "drop_articles", pl.DataFrame({"article_id": sorted(drop_articles)}, schema={"article_id": S})
        )
        for table in PER_ARTICLE:  # children before the articles they point to
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM drop_extracted)")  # noqa: S608
        con.execute("DELETE FROM raw_articles WHERE article_id IN (SELECT article_id FROM drop_articles)")
        for table in DERIVED:
            con.execute(f"DELETE FROM {table}")  # noqa: S608
        for table in TABLES:  # parents before children
            if table in frames:
                _insert(con, table, frames[table])
        con.register("figure_events", figure_events.to_arrow())
        con.execute(
            "UPDATE raw_figures SET event_id = e.event_id, is_primary = e.is_primary "
            "FROM figure_events AS e WHERE raw_figures.figure_id = e.figure_id"
        )


def read_state(path: Path) -> dict[str, pl.DataFrame]:
    """What an incremental run needs to know of the live database, without article texts:
    the articles' metadata, the runs, the rejects; empty when there is no database."""
    if not path.exists():
        return {}
    meta = [c for c in TABLES["raw_articles"] if c != "text"]
    with duckdb.connect(str(path), read_only=True) as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not {"raw_articles", "raw_runs", "raw_rejects"} <= present:
            return {}
        return {
            "raw_articles": _select(con, "raw_articles", meta),
            "raw_runs": conform("raw_runs", _select(con, "raw_runs", list(TABLES["raw_runs"]))),
            "raw_rejects": conform("raw_rejects", _select(con, "raw_rejects", list(TABLES["raw_rejects"]))),
        }


def _select(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], where: str = "") -> pl.DataFrame:
    present = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    # Names come from TABLES and the catalogue, never from input; a column an older version
    # lacked comes back as nulls.
    select = ", ".join(c if c in present else f"NULL AS {c}" for c in columns)
    df = con.execute(f"SELECT {select} FROM {table} {where}").pl()  # noqa: S608
    return df.select([pl.col(c).cast(TABLES[table][c]) for c in columns])


def read_rows(
    path: Path, table: str, columns: list[str], article_ids: set[str] | None = None
) -> pl.DataFrame:
    """Some columns of a table of the live database, for all articles or only the ones given."""
    if not path.exists():
        return pl.DataFrame(schema={c: TABLES[table][c] for c in columns})
    with duckdb.connect(str(path), read_only=True) as con:
        where = ""
        if article_ids is not None:
            con.register(
                "wanted", pl.DataFrame({"article_id": sorted(article_ids)}, schema={"article_id": S})
            )
            where = "WHERE article_id IN (SELECT article_id FROM wanted)"
        return _select(con, table, columns, where)


def remove_stale_files(path: Path, alive) -> list[Path]:
    """Delete half-written databases (and their .wal) left by runs that were killed."""
    removed = []
    for tmp in path.parent.glob(f"{path.name}.tmp-*"):
        pid = tmp.name.removeprefix(f"{path.name}.tmp-").removesuffix(".wal")
        if pid.isdigit() and not alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed
