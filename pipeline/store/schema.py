"""The schema as code: ``schema.sql`` filled in from the vocabulary, and every table's shape.

``schema.sql`` is the one definition of the database. Its ``{NAME}`` markers stand for the
lists of ``pipeline.vocab`` (``CHECK (kind IN ({KINDS}))``), so the checks and the extractor
can never disagree. The column names and types of every table and view are read back from
DuckDB itself after running the DDL in memory: the writer's frames, the grouping step's
schemas and the dashboard's table columns all come from here.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import duckdb
import polars as pl

from pipeline import vocab

SCHEMA_SQL = Path(__file__).with_name("schema.sql")

# Marker -> the vocabulary list it stands for, as SQL string literals.
LISTS = {
    "KINDS": vocab.KINDS,
    "VICTIMS": vocab.VICTIMS,
    "UNITS": vocab.UNITS,
    "QUALIFIERS": vocab.QUALIFIERS,
    "ROLES": vocab.ROLES,
    "LEVELS": vocab.LEVELS,
    "DISTRICT_STATUSES": vocab.DISTRICT_STATUSES,
    "DATE_PRECISIONS": vocab.DATE_PRECISIONS,
    "DATE_SOURCES": vocab.DATE_SOURCES,
    "CITATION_SOURCES": vocab.CITATION_SOURCES,
    "PLACE_BASES": vocab.PLACE_BASES,
    "CONFIDENCE": vocab.CONFIDENCE,
    "CLAIMANT_TYPES": vocab.CLAIMANT_TYPES,
    "REVIEW_TARGETS": vocab.REVIEW_TARGETS,
    "REVIEW_STATUSES": vocab.REVIEW_STATUSES,
}
# DuckDB type -> polars type of the frames that carry a table's rows.
POLARS_TYPES: dict[str, pl.DataType] = {
    "VARCHAR": pl.String(),
    "BIGINT": pl.Int64(),
    "INTEGER": pl.Int64(),
    "BOOLEAN": pl.Boolean(),
    "DATE": pl.Date(),
    "DOUBLE": pl.Float64(),
    "TIMESTAMP": pl.Datetime("us"),
}
# Columns that locate a row's evidence in its article's text: kept, read by the evidence
# view, but not shown in the dashboard's tables.
OFFSETS = ("char_start", "char_end", "sentence_start", "sentence_end")
# Columns that hold the evidence itself: the grouping step never needs them.
EVIDENCE = ("number_text", "sentence", "trigger", *OFFSETS)


def _literals(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _whens(ranks: dict[str, int]) -> str:
    return " ".join(f"WHEN '{level}' THEN {rank}" for level, rank in ranks.items())


def level_case(column: str, ranks: dict[str, int]) -> str:
    """``CASE level WHEN 'threatened' THEN 1 ... END``: a level's rank as SQL, from the vocabulary."""
    return f"CASE {column} {_whens(ranks)} END"


def ddl() -> str:
    """The SQL that creates every table and view, vocabulary filled in."""
    fill = {name: _literals(values) for name, values in LISTS.items()}
    fill["LEVEL_RANK"] = _whens(vocab.LEVEL_RANK)

    def one(m: re.Match) -> str:
        if m.group(1) not in fill:
            raise KeyError(f"{SCHEMA_SQL.name}: unknown marker {{{m.group(1)}}}; known: {sorted(fill)}")
        return fill[m.group(1)]

    return re.sub(r"\{([A-Z_]+)\}", one, SCHEMA_SQL.read_text(encoding="utf-8"))


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view."""
    con.execute(ddl())


@functools.cache
def _shapes() -> tuple[dict[str, dict[str, pl.DataType]], dict[str, dict[str, pl.DataType]]]:
    with duckdb.connect() as con:
        create_schema(con)
        names = con.execute(
            "SELECT table_name, 'table' FROM duckdb_tables() UNION ALL "
            "SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
        columns = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
        # Tables in the order schema.sql creates them: parents before children.
        order = [
            r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_oid").fetchall()
        ]
    shape: dict[str, dict[str, pl.DataType]] = {}
    for table, column, kind in columns:
        shape.setdefault(table, {})[column] = POLARS_TYPES[kind]
    views = {name for name, what in names if what == "view"}
    return {t: shape[t] for t in order}, {v: shape[v] for v in sorted(views)}


def tables() -> dict[str, dict[str, pl.DataType]]:
    """Every table (``raw_*``), in creation order, with its columns and their polars types."""
    return _shapes()[0]


def views() -> dict[str, dict[str, pl.DataType]]:
    """Every public view with its columns (in the order the dashboard shows them) and types."""
    return _shapes()[1]


def frame(table: str, rows: list[dict] | None = None) -> pl.DataFrame:
    """A frame with exactly the table's columns and types."""
    return pl.DataFrame(rows or [], schema=tables()[table])


def conform(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Cast a frame read back from DuckDB to the table's polars types."""
    return df.select([pl.col(c).cast(t) for c, t in tables()[table].items()])


def without_evidence(table: str) -> list[str]:
    """The table's columns less its evidence: what grouping reads back for every stored row."""
    return [c for c in tables()[table] if c not in EVIDENCE]
