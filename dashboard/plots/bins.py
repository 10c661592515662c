"""The time bin of a chart over time, picked from the span it covers: days for a month, weeks
for half a year, months for a few years, quarters beyond. Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt

DAY_MS = 24 * 3600 * 1000


@dataclasses.dataclass(frozen=True)
class Bin:
    name: str  # day, week, month, quarter: a key of ``dashboard.queries.BUCKETS``
    up_to_days: float  # the longest span it is chosen for
    bar_ms: int  # a bar's width: Plotly sizes date bars by the gap between them otherwise
    hover: str  # the same in a hover line
    words: str  # "per week"


BINS = (
    Bin("day", 31, int(0.8 * DAY_MS), "%d %b %Y", "per day"),
    Bin("week", 183, int(5.5 * DAY_MS), "week of %d %b %Y", "per week"),
    Bin("month", 3 * 366, 26 * DAY_MS, "%b %Y", "per month"),
    Bin("quarter", float("inf"), 80 * DAY_MS, "quarter from %b %Y", "per quarter"),
)
BY_NAME = {b.name: b for b in BINS}


def choose(first: dt.date | None, last: dt.date | None) -> Bin:
    """The bin for a chart whose dated items run from ``first`` to ``last`` (months when unknown)."""
    if first is None or last is None:
        return BY_NAME["month"]
    span = (last - first).days + 1
    return next(b for b in BINS if span <= b.up_to_days)


def last_day(bin_: Bin, first: dt.date) -> dt.date:
    """The last day of the bin that starts on ``first``."""
    if bin_.name == "day":
        return first
    if bin_.name == "week":
        return first + dt.timedelta(days=6)
    months = 1 if bin_.name == "month" else 3
    year, month = divmod(first.month - 1 + months, 12)
    return dt.date(first.year + year, month + 1, 1) - dt.timedelta(days=1)
