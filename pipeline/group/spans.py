"""The days a date stands for: one day, a whole month or a whole year, by its precision."""

from __future__ import annotations

import datetime as dt


def day_span(date: dt.date | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a date of some precision may stand for."""
    if date is None or precision is None:
        return None
    if precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if precision == "month":
        nxt = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return date.replace(day=1), nxt - dt.timedelta(days=1)
    return date, date
