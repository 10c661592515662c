"""Reading the live database back for an incremental run: metadata, runs, rejects and stored rows.

Read-only connections; article texts are read only for the articles that must be extracted again.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipeline.store.schema import conform, tables, views


def read_state(path: Path) -> dict[str, pl.DataFrame]:
    """What an incremental run needs to know of the live database, without article texts:
    the articles' metadata, the runs, the rejects; empty when there is no database."""
    if not path.exists():
        return {}
    meta = [c for c in tables()["raw_articles"] if c != "text"]
    with duckdb.connect(str(path), read_only=True) as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not {"raw_articles", "raw_runs", "raw_rejects"} <= present:
            return {}
        return {
            "raw_articles": _select(con, "raw_articles", meta),
            "raw_runs": conform("raw_runs", _select(con, "raw_runs", list(tables()["raw_runs"]))),
            "raw_rejects": conform("raw_rejects", _select(con, "raw_rejects", list(tables()["raw_rejects"]))),
        }


def missing_columns(path: Path) -> list[str]:
    """The columns of this schema's tables and views that the database at ``path`` lacks
    ("raw_articles.author"): it was written by an older sitrep; empty when there is no database."""
    if not path.exists():
        return []
    with duckdb.connect(str(path), read_only=True) as con:
        columns = "SELECT table_name, column_name FROM information_schema.columns"
        present = set(con.execute(columns).fetchall())
    wanted = [
        (name, column) for shape in (tables(), views()) for name, cols in shape.items() for column in cols
    ]
    return [f"{name}.{column}" for name, column in wanted if (name, column) not in present]


def _select(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], where: str = "") -> pl.DataFrame:
    present = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    # Names come from schema.sql and the catalogue, never from input; a column an older version
    # lacked comes back as nulls.
    select = ", ".join(c if c in present else f"NULL AS {c}" for c in columns)
    df = con.execute(f"SELECT {select} FROM {table} {where}").pl()  # noqa: S608
    return df.select([pl.col(c).cast(tables()[table][c]) for c in columns])


def read_rows(
    path: Path, table: str, columns: list[str], article_ids: set[str] | None = None
) -> pl.DataFrame:
    """Some columns of a table of the live database, for all articles or only the ones given."""
    if not path.exists():
        return pl.DataFrame(schema={c: tables()[table][c] for c in columns})
    with duckdb.connect(str(path), read_only=True) as con:
        where = ""
        if article_ids is not None:
            con.register(
                "wanted", pl.DataFrame({"article_id": sorted(article_ids)}, schema={"article_id": pl.String})
            )
            where = "WHERE article_id IN (SELECT article_id FROM wanted)"
        return _select(con, table, columns, where)
