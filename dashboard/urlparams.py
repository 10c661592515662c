"""Filters in the page address, so a view can be bookmarked and shared.

``?province=Badghis&province=Helmand&from=2016&to=2021&kind=displaced&victims=civilians&undated=0``,
plus ``since=2021-07-01&until=2021-07-31`` (exact event dates) and ``reports=all`` (count every
report rather than each event once). Parsing is pure and forgiving: a value the data does not
offer is dropped with a notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.db import Options

KEYS = ("province", "from", "to", "kind", "victims", "undated", "since", "until", "reports")
# The open tabs (``?view=Capitals&table=Events``): Streamlit binds these to the tabs themselves.
TAB_KEYS = ("view", "table", "sources")
REPORTS = {"all": False, "events": True}  # reports=… → count each event once
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def defaults(options: Options) -> dict[str, Any]:
    """Widget values when the address says nothing: everything, all years, undated included."""
    period = (options.years[0], options.years[-1]) if options.years else None
    since, until = options.dates or (None, None)
    return {
        "province": [],
        "kind": [],
        "victims": [],
        "period": period,
        "undated": True,
        "each_event": True,
        "exact": False,
        "since": since,
        "until": until,
    }


def _choices(raw: Sequence[str], allowed: Sequence[str], key: str, notices: list[str]) -> list[str]:
    """Values of ``raw`` that match ``allowed`` (ignoring case), in canonical spelling."""
    canonical = {a.casefold(): a for a in allowed}
    chosen: list[str] = []
    for value in raw:
        match = canonical.get(value.strip().casefold())
        if match is None:
            notices.append(f"{key}={value!r} is not in the data")
        elif match not in chosen:
            chosen.append(match)
    return chosen


def _year(raw: Sequence[str], key: str, years: Sequence[int], notices: list[str]) -> int | None:
    """The last valid year given for ``key``, or None."""
    found = None
    for value in raw:
        try:
            year = int(value)
        except ValueError:
            notices.append(f"{key}={value!r} is not a year")
            continue
        if years and years[0] <= year <= years[-1]:
            found = year
        else:
            notices.append(f"{key}={value!r} is outside the years in the data")
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


def parse(params: Mapping[str, Sequence[str]], options: Options) -> tuple[dict[str, Any], list[str]]:
    """Widget values from query parameters (each key mapped to all its values), and notices."""
    values = defaults(options)
    notices: list[str] = []
    for key in params:
        if key not in KEYS and key not in TAB_KEYS:
            notices.append(f"unknown parameter {key!r}")
    values["province"] = _choices(params.get("province", ()), options.provinces, "province", notices)
    values["kind"] = _choices(params.get("kind", ()), options.kinds, "kind", notices)
    values["victims"] = _choices(params.get("victims", ()), options.victims, "victims", notices)
    if values["period"] is not None:
        lo = _year(params.get("from", ()), "from", options.years, notices)
        hi = _year(params.get("to", ()), "to", options.years, notices)
        lo = values["period"][0] if lo is None else lo
        hi = values["period"][1] if hi is None else hi
        values["period"] = (min(lo, hi), max(lo, hi))
    for value in params.get("undated", ()):
        if value.strip().lower() in TRUE + FALSE:
            values["undated"] = value.strip().lower() in TRUE
        else:
            notices.append(f"undated={value!r} is not yes or no")
    for value in params.get("reports", ()):
        if value.strip().lower() in REPORTS:
            values["each_event"] = REPORTS[value.strip().lower()]
        else:
            notices.append(f"reports={value!r} is not 'all' or 'events'")
    since = _date(params.get("since", ()), "since", options, notices)
    until = _date(params.get("until", ()), "until", options, notices)
    if since is not None or until is not None:
        since = values["since"] if since is None else since
        until = values["until"] if until is None else until
        values.update(exact=True, since=min(since, until), until=max(since, until))
    return values, notices


def encode(values: Mapping[str, Any], options: Options) -> dict[str, list[str]]:
    """Query parameters for widget values, leaving out whatever equals the default."""
    base = defaults(options)
    params: dict[str, list[str]] = {}
    for key in ("province", "kind", "victims"):
        if values.get(key):
            params[key] = list(values[key])
    period = values.get("period")
    if period is not None and base["period"] is not None:
        if period[0] != base["period"][0]:
            params["from"] = [str(period[0])]
        if period[1] != base["period"][1]:
            params["to"] = [str(period[1])]
    if not values.get("undated", True):
        params["undated"] = ["0"]
    if values.get("exact") and base["since"] is not None:
        # Both ends, always: a date range present in the address is what turns it on.
        for key in ("since", "until"):
            params[key] = [(values.get(key) or base[key]).isoformat()]
    if not values.get("each_event", True):
        params["reports"] = ["all"]
    return params


def changes(current: Mapping[str, Sequence[str]], wanted: Mapping[str, list[str]]) -> tuple[dict, list[str]]:
    """What to set and what to delete so the address holds ``wanted`` for the filter keys.

    Only filter keys are touched: the tab keys belong to the tabs, and leaving equal values
    alone keeps a rerun from rewriting the address for nothing.
    """
    to_set = {key: value for key, value in wanted.items() if list(current.get(key, ())) != value}
    to_delete = [key for key in KEYS if key in current and key not in wanted]
    return to_set, to_delete
