"""Dates shown as precisely as they are known: a month as "2016-05", a year as "2016", never a first day.

The database stores a month or a year as its first day with its precision beside it
(``date_precision``); a reader shown "2016-01-01" would take it for a day. Pure: the tables
and the evidence call these on what ``db`` returns; downloads keep the DATE columns.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Each date column a table shows, and the column that says how precisely it is known. In the
# articles view ``date_precision`` is the publication's; elsewhere it is the event's, and the
# publication's is ``published_precision``.
PRECISION_OF = {"event_date": "date_precision", "published": "published_precision"}
PRECISION_OF_VIEW = {"articles": {"published": "date_precision"}}


def text(date: dt.date | None, precision: str | None) -> str | None:
    """``2016-10-11``, ``2016-10`` or ``2016`` as ``precision`` allows; None for no date."""
    if date is None:
        return None
    return date.strftime(FORMATS.get(precision or "day", FORMATS["day"]))


def _text_expr(date: str, precision: str) -> pl.Expr:
    """``date`` as text at the precision in the column ``precision`` (a day when it says none)."""
    as_text = pl.col(date).dt.strftime
    return (
        pl.when(pl.col(precision) == "year")
        .then(as_text(FORMATS["year"]))
        .when(pl.col(precision) == "month")
        .then(as_text(FORMATS["month"]))
        .otherwise(as_text(FORMATS["day"]))
        .alias(date)
    )


def shown(frame: pl.DataFrame, view: str | None = None) -> pl.DataFrame:
    """``frame`` with each date column whose precision it carries turned into that text."""
    pairs = PRECISION_OF_VIEW.get(view or "", PRECISION_OF)
    return frame.with_columns(
        _text_expr(date, precision)
        for date, precision in pairs.items()
        if date in frame.columns and precision in frame.columns
    )


Dated = tuple[dt.date | None, str | None]  # a date and its precision


def span(first: Dated, last: Dated) -> str:
    """``2016-10 to 2021-07-08``, one date when both read alike, or a note that nothing is dated."""
    if first[0] is None:
        return "no dated item"
    a, b = text(*first), text(*last)
    return a if a == b else f"{a} to {b}"
