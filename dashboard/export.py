"""CSV downloads that are safe to open in a spreadsheet, and their file names."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from dashboard import countries
from dashboard.filters import HAS_CLAIMANT, HAS_CONFIDENCE, HAS_COUNTRY, HAS_REVIEW, Filters, view_label

# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV Injection").
FORMULA_START = r"^[=+\-@\t\r]"
MAX_NAMED_VALUES = 3


def neutralise(df: pl.DataFrame) -> pl.DataFrame:
    """Prefix a single quote to every string cell a spreadsheet would read as a formula."""
    strings = [name for name, dtype in df.schema.items() if dtype == pl.String]
    return df.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in strings
    )


def with_view(frame: pl.DataFrame, view: str, f: Filters) -> pl.DataFrame:
    """The rows a download holds: figures say which view they are (``events`` or ``every-report``)."""
    if view == "figures":
        return frame.with_columns(pl.lit(view_label(f)).alias("view"))
    return frame


def csv_bytes(df: pl.DataFrame) -> bytes:
    """UTF-8 CSV of every row and column of ``df``, neutralised against formula injection."""
    return neutralise(df).write_csv().encode("utf-8")


def _slug(text: str) -> str:
    """``text`` reduced to ASCII letters, digits, ``_`` and ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_text).strip("_-")


def _values(values: tuple[str, ...], noun: str) -> str:
    """A few values joined by ``_``, or a count when there are too many to name."""
    if len(values) > MAX_NAMED_VALUES:
        return f"{len(values)}_{noun}"
    return "_".join(_slug(v) for v in values)


def filename(view: str, f: Filters) -> str:
    """A descriptive download name, e.g. ``sitrep-figures-events-Helmand-2016-2021.csv``.

    Figures name how they count (``events`` or ``every-report``), as their ``view`` column does.
    Countries are named by their codes (``PAK_AFG``, ``all_countries``) when they are not the
    default; ``without_low_confidence`` says low-confidence rows were hidden.
    """
    parts = ["sitrep", view]
    if view == "figures":
        parts.append(view_label(f))
    if f.province:
        parts.append(_values(f.province, "provinces"))
    if view in HAS_COUNTRY and not countries.is_default(f.country):
        parts.append(_values(f.country, "countries") or "all_countries")
    if view in ("figures", "events"):
        parts += [
            _values(values, noun) for values, noun in ((f.kind, "kinds"), (f.victims, "groups")) if values
        ]
    if f.period is not None:
        first, last = f.period
        parts.append(str(first) if first == last else f"{first}-{last}")
    if f.since is not None or f.until is not None:
        parts.append(f"{f.since or ''}_{f.until or ''}".strip("_"))
    if f.hide_low and view in HAS_CONFIDENCE:
        parts.append("without_low_confidence")
    if f.hide_claims and view in HAS_CLAIMANT:
        parts.append("without_armed_group_claims")
    if f.reviewed_only and view in HAS_REVIEW:
        parts.append("reviewed_only")
    if f.show_rejected and view in HAS_REVIEW:
        parts.append("with_rejected")
    name = "-".join(p for p in (_slug(p) for p in parts) if p)
    return f"{name}.csv"
