"""The one writer: polars frames into a new DuckDB file that atomically replaces the live one.

A running dashboard never sees a half-written database: the new file is built beside
the live one, closed, then swapped in with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import polars as pl

from pipeline.store.schema import create_schema, frame, tables


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> None:
    columns = list(tables()[table])
    if df.is_empty():
        return
    con.register("incoming", df.select(columns).to_arrow())
    # Table and column names come from schema.sql, never from input.
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM incoming")  # noqa: S608
    con.unregister("incoming")


@contextlib.contextmanager
def _swap(path: Path, start_from: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
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
        for table in tables():
            _insert(con, table, frames.get(table, frame(table)))


# Tables whose rows belong to one article; they are replaced article by article.
PER_ARTICLE = ("raw_figures", "raw_pressure", "raw_district_events")
# Tables derived from everything at each run; they are replaced whole.
DERIVED = ("raw_events", "raw_pressure_episodes", "raw_rejects", "raw_reviews", "raw_review_orphans")


def update_database(
    path: Path,
    drop_articles: set[str],
    drop_extracted: set[str],
    frames: dict[str, pl.DataFrame],
    figure_events: pl.DataFrame,
) -> None:
    """Copy the live database, change only what this run changed, and swap the copy in.

    ``drop_articles`` leave ``raw_articles`` (to be inserted again from ``frames``);
    ``drop_extracted`` lose their per-article rows; derived tables and the figures analysts
    added are replaced whole; runs are appended; every figure gets its (possibly new)
    ``event_id`` and ``is_primary``. A file an earlier version wrote is never updated: the run
    reads every article again into a new file (``reader.missing_columns``).
    """
    with _swap(path, start_from=path) as con:
        con.register(
            "drop_extracted",
            pl.DataFrame({"article_id": sorted(drop_extracted)}, schema={"article_id": pl.String}),
        )
        con.register(
            "drop_articles",
            pl.DataFrame({"article_id": sorted(drop_articles)}, schema={"article_id": pl.String}),
        )
        for table in PER_ARTICLE:  # children before the articles they point to
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM drop_extracted)")  # noqa: S608
        con.execute("DELETE FROM raw_figures WHERE added")  # made anew from the review history
        con.execute("DELETE FROM raw_articles WHERE article_id IN (SELECT article_id FROM drop_articles)")
        for table in DERIVED:
            con.execute(f"DELETE FROM {table}")  # noqa: S608
        for table in tables():  # parents before children
            if table in frames:
                _insert(con, table, frames[table])
        con.register("figure_events", figure_events.to_arrow())
        con.execute(
            "UPDATE raw_figures SET event_id = e.event_id, is_primary = e.is_primary "
            "FROM figure_events AS e WHERE raw_figures.figure_id = e.figure_id"
        )


def remove_stale_files(path: Path, alive: Callable[[int], bool]) -> list[Path]:
    """Delete half-written databases (and their .wal) left by runs that were killed."""
    removed = []
    for tmp in path.parent.glob(f"{path.name}.tmp-*"):
        pid = tmp.name.removeprefix(f"{path.name}.tmp-").removesuffix(".wal")
        if pid.isdigit() and not alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _ids(article_ids: set[str]) -> pl.DataFrame:
    return pl.DataFrame({"article_id": sorted(article_ids)}, schema={"article_id": pl.String})
