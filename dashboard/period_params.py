"""The period in the page address: ``preset``, and a custom range's years or days.

``preset=last_7_days`` (any name of ``periods.PRESETS``; ``all`` is left out), or
``preset=custom`` with ``period=2016-2021`` (event years) or ``since=2021-07-01&until=2021-07-31``
(exact event dates, while the "Exact dates" widget is on). An address with years or dates and no
``preset`` (as addresses were before presets) is a custom range; the legacy ``from``/``to`` are
years. Pure, and forgiving like ``urlparams``: a value the data does not offer is dropped with a
notice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.filters import ALL_DATES, CUSTOM, Options
from dashboard.periods import PRESETS, preset

# A widget, not a filter: whether ``since`` and ``until`` apply. The address says so by holding them.
EXACT = "exact"
# The keys that give a custom range its years or days.
RANGE_KEYS = ("period", "from", "to", "since", "until")
# ``2016`` or ``2016-2021`` (an en dash too, as the page writes a period).
_PERIOD = re.compile(r"(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?")


def undated_default(chosen: str) -> bool:
    """Whether undated items are in by default: for all dates, not for a period."""
    return chosen == ALL_DATES


def offered(options: Options) -> tuple[str, ...]:
    """The periods the data allows: presets need an event date to count back from, a custom
    range years or dates."""
    if options.dates is not None:
        return tuple(PRESETS)
    return (ALL_DATES, CUSTOM) if options.years else (ALL_DATES,)


def _in_years(year: int, years: Sequence[int]) -> bool:
    """Whether ``year`` lies within the data's first and last year."""
    return bool(years) and years[0] <= year <= years[-1]


def _year(raw: Sequence[str], key: str, years: Sequence[int], notices: list[str]) -> int | None:
    """The last valid year given for the legacy ``from`` or ``to``, or None."""
    found = None
    for value in raw:
        try:
            year = int(value)
        except ValueError:
            notices.append(f"{key}={value!r} is not a year")
            continue
        if _in_years(year, years):
            found = year
        else:
            notices.append(f"{key}={value!r} is outside the years in the data")
    return found


def _years(
    params: Mapping[str, Sequence[str]], default: tuple[int, int], years: Sequence[int], notices: list[str]
) -> tuple[int, int]:
    """The first and last year from ``period`` (or the legacy ``from``/``to``); ``period`` wins."""
    lo = _year(params.get("from", ()), "from", years, notices)
    hi = _year(params.get("to", ()), "to", years, notices)
    lo = default[0] if lo is None else lo
    hi = default[1] if hi is None else hi
    found = (min(lo, hi), max(lo, hi))
    for value in params.get("period", ()):
        match = _PERIOD.fullmatch(value.strip())
        if match is None:
            notices.append(f"period={value!r} is not a year or a range of years (e.g. 2016-2021)")
            continue
        first, last = int(match[1]), int(match[2] or match[1])
        if not (_in_years(first, years) and _in_years(last, years)):
            notices.append(f"period={value!r} is outside the years in the data")
            continue
        found = (min(first, last), max(first, last))
    return found


def _date(raw: Sequence[str], key: str, options: Options, notices: list[str]) -> dt.date | None:
    """The last valid date (YYYY-MM-DD) within the data's dates given for ``key``, or None."""
    found = None
    for value in raw:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            notices.append(f"{key}={value!r} is not a date (YYYY-MM-DD)")
            continue
        if options.dates and options.dates[0] <= day <= options.dates[1]:
            found = day
        else:
            notices.append(f"{key}={value!r} is outside the dates in the data")
    return found


def _preset(params: Mapping[str, Sequence[str]], options: Options, notices: list[str]) -> str:
    """The period ``preset=`` names (the last one the data allows); without one, a custom range
    when the address gives years or dates, else all dates."""
    allowed = offered(options)
    found = None
    for value in params.get("preset", ()):
        name = value.strip().casefold()
        if name in allowed:
            found = name
        elif name in PRESETS:
            notices.append(f"preset={value!r} needs dated items, and the data has none")
        else:
            notices.append(f"preset={value!r} is not one of {', '.join(PRESETS)}")
    given = [key for key in RANGE_KEYS if key in params]
    if found is None and given and CUSTOM not in allowed:
        notices.append(f"{', '.join(given)} left out: no item has a date")
    if found is None:
        return CUSTOM if given and CUSTOM in allowed else ALL_DATES
    if found != CUSTOM and given:
        notices.append(f"{', '.join(given)} left out: only a custom range (preset=custom) has years or dates")
    return found


def read(
    params: Mapping[str, Sequence[str]], options: Options, values: dict[str, Any], notices: list[str]
) -> None:
    """Set the period's widget values (``preset``, ``period``, ``exact``, ``since``, ``until``) in
    ``values`` (the defaults) from the address."""
    values["preset"] = _preset(params, options, notices)
    if values["preset"] != CUSTOM:
        return
    if values["period"] is not None:
        values["period"] = _years(params, values["period"], options.years, notices)
    since = _date(params.get("since", ()), "since", options, notices)
    until = _date(params.get("until", ()), "until", options, notices)
    if since is not None or until is not None:
        since = values["since"] if since is None else since
        until = values["until"] if until is None else until
        values.update({EXACT: True, "since": min(since, until), "until": max(since, until)})


def _years_text(period: Sequence[int]) -> str:
    """``2016-2021``, or ``2016`` for one year."""
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def write(values: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, list[str]]:
    """The period's query parameters, leaving out what equals the defaults ``base``: a custom
    range's days while "Exact dates" is on, its years while it is off, and nothing of either for
    any other period."""
    chosen = values.get("preset", ALL_DATES)
    params: dict[str, list[str]] = {}
    if chosen != ALL_DATES:
        params["preset"] = [chosen]
    if chosen != CUSTOM:
        return params
    period = values.get("period")
    if values.get(EXACT) and base["since"] is not None:
        # Both ends, always: a date range present in the address is what turns it on.
        for key in ("since", "until"):
            params[key] = [(values.get(key) or base[key]).isoformat()]
    elif not values.get(EXACT) and period and base["period"] and tuple(period) != base["period"]:
        params["period"] = [_years_text(period)]
    return params


def bounds(
    values: Mapping[str, Any], latest: dt.date | None
) -> tuple[tuple[int, int] | None, dt.date | None, dt.date | None]:
    """The years and the first and last days the period's widget values stand for: a preset's
    days counted back from ``latest`` (the data's latest event date), a custom range's days (in
    order) or years, none for all dates."""
    chosen = values.get("preset", ALL_DATES)
    if chosen == CUSTOM and values.get(EXACT):
        since, until = values["since"], values["until"]
        if since is not None and until is not None and since > until:
            since, until = until, since
        return None, since, until
    if chosen == CUSTOM:
        period = values["period"]
        return ((period[0], period[1]) if period else None), None, None
    days = preset(chosen, latest) if latest is not None and chosen in PRESETS else None
    return None, (days.start if days else None), (days.end if days else None)
