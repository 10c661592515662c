"""The periods people report on: last 7 days, last 30 days, this month, this year, all, or a range.

Presets count back from the latest event date in the data, not from today, so an archive of
2016 reads as well as this week's news. A period is a pair of days, both included; the
period before it has the same length and ends the day before it starts, which is what a
headline's change is measured against. Pure: the sidebar, the headline and the brief call these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

# Preset name -> what the sidebar calls it, in the sidebar's order.
PRESETS = {
    "last_7_days": "Last 7 days",
    "last_30_days": "Last 30 days",
    "this_month": "This month",
    "this_year": "This year",
    "all": "All",
    "custom": "Custom range",
}
DEFAULT = "all"


@dataclasses.dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """How many days it covers."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def label(self) -> str:
        """``2021-08-07 to 2021-08-13``, or one day."""
        return str(self.start) if self.start == self.end else f"{self.start} to {self.end}"


def preset(name: str, latest: dt.date) -> Period | None:
    """The period ``name`` means when the data's latest event date is ``latest``.

    None for ``all`` (no bound) and for ``custom`` (the reader gives the days).
    """
    if name not in PRESETS:
        raise ValueError(f"unknown period {name!r}: use one of {', '.join(PRESETS)}")
    if name == "last_7_days":
        return Period(latest - dt.timedelta(days=6), latest)
    if name == "last_30_days":
        return Period(latest - dt.timedelta(days=29), latest)
    if name == "this_month":
        return Period(latest.replace(day=1), latest)
    if name == "this_year":
        return Period(latest.replace(month=1, day=1), latest)
    return None
