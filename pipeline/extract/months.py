"""Month and weekday names as journalists write them ("Sept.", "Oct", "Monday"), and their patterns."""

from __future__ import annotations

import calendar

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAY_ABBREVIATIONS = tuple(calendar.day_abbr)
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# A month name or abbreviation with an optional full stop, captured as ``month``.
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


def month_number(name: str) -> int:
    """1-12 for a month name as matched by ``MONTH`` ("Sept." -> 9)."""
    return MONTHS[name.lower().rstrip(".")]
