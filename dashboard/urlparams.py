"""Filters in the page address, so a view can be bookmarked and shared.

``?province=Badghis&province=Helmand&period=2016-2021&kind=displaced&victims=civilians&undated=0``,
plus ``since=2021-07-01&until=2021-07-31`` (exact event dates), ``each_event=0`` (count every
report rather than each event once), ``country=PAK&country=AFG`` (``country=all`` for every
country, ``country=unknown`` for rows nothing placed) and ``hide_low=1``. Each key is the name
of a ``Filters`` field and of its widget. Older addresses still open: ``from``/``to`` (years)
and ``reports=all|events`` are read, never written. Parsing is pure and forgiving: a value the
data does not offer is dropped with a notice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard import countries
from dashboard.filters import NAMES, Filters, Options

KEYS = NAMES  # what the address holds
LEGACY = ("from", "to", "reports")  # older keys: read, then replaced by the ones above
# The open tabs (``?view=Capitals&table=Events``): Streamlit binds these to the tabs themselves.
TAB_KEYS = ("view", "table", "sources")
# A widget, not a filter: whether ``since`` and ``until`` apply. The address says so by holding them.
EXACT = "exact"
WIDGET_KEYS = (*NAMES, EXACT)
REPORTS = {"all": False, "events": True}  # legacy reports=… → each_event
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
# ``country=all``: every country, the empty choice (the default is Afghanistan and the unknown country).
ALL_COUNTRIES = "all"
# ``2016`` or ``2016-2021`` (an en dash too, as the page writes a period).
_PERIOD = re.compile(r"(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?")


def defaults(options: Options) -> dict[str, Any]:
    """Widget values when the address says nothing: everything, all years, undated included."""
    period = (options.years[0], options.years[-1]) if options.years else None
    since, until = options.dates or (None, None)
    return {
        "province": [],
        "country": list(countries.DEFAULT),
        "kind": [],
        "victims": [],
        "period": period,
        "undated": True,
        "since": since,
        "until": until,
        "each_event": True,
        "hide_low": False,
        "hide_claims": False,
        "show_rejected": False,
        "reviewed_only": False,
        EXACT: False,
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


def _countries(raw: Sequence[str], allowed: Sequence[str], notices: list[str]) -> list[str] | None:
    """The countries ``country=`` chooses: ``all`` → every country (``[]``); None when it chooses none.

    A code the data does not offer is dropped with a notice; when every code is dropped the
    default stays, rather than widening the view to every country.
    """
    if any(value.strip().casefold() == ALL_COUNTRIES for value in raw):
        return []
    chosen = _choices(raw, allowed, "country", notices)
    return chosen or None


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


def _period(
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


def _flag(raw: Sequence[str], key: str, current: bool, notices: list[str]) -> bool:
    """The last yes-or-no value given for ``key`` (``1``/``0``, ``true``/``false``, ...), else ``current``."""
    for value in raw:
        word = value.strip().lower()
        if word in TRUE + FALSE:
            current = word in TRUE
        else:
            notices.append(f"{key}={value!r} is not yes or no")
    return current


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
        if key not in KEYS and key not in LEGACY and key not in TAB_KEYS:
            notices.append(f"unknown parameter {key!r}")
    for key, allowed in (
        ("province", options.provinces),
        ("kind", options.kinds),
        ("victims", options.victims),
    ):
        values[key] = _choices(params.get(key, ()), allowed, key, notices)
    chosen = _countries(params.get("country", ()), options.countries, notices)
    if chosen is not None:
        values["country"] = chosen
    if values["period"] is not None:
        values["period"] = _period(params, values["period"], options.years, notices)
    values["undated"] = _flag(params.get("undated", ()), "undated", values["undated"], notices)
    for value in params.get("reports", ()):
        if value.strip().lower() in REPORTS:
            values["each_event"] = REPORTS[value.strip().lower()]
        else:
            notices.append(f"reports={value!r} is not 'all' or 'events'")
    values["each_event"] = _flag(params.get("each_event", ()), "each_event", values["each_event"], notices)
    values["hide_low"] = _flag(params.get("hide_low", ()), "hide_low", values["hide_low"], notices)
    values["hide_claims"] = _flag(
        params.get("hide_claims", ()), "hide_claims", values["hide_claims"], notices
    )
    for key in ("show_rejected", "reviewed_only"):
        values[key] = _flag(params.get(key, ()), key, values[key], notices)
    since = _date(params.get("since", ()), "since", options, notices)
    until = _date(params.get("until", ()), "until", options, notices)
    if since is not None or until is not None:
        since = values["since"] if since is None else since
        until = values["until"] if until is None else until
        values.update({EXACT: True, "since": min(since, until), "until": max(since, until)})
    return values, notices


def _years_text(period: Sequence[int]) -> str:
    """``2016-2021``, or ``2016`` for one year."""
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def encode(values: Mapping[str, Any], options: Options) -> dict[str, list[str]]:
    """Query parameters for widget values, leaving out whatever equals the default."""
    base = defaults(options)
    params: dict[str, list[str]] = {}
    for key in ("province", "kind", "victims"):
        if values.get(key):
            params[key] = list(values[key])
    chosen = values.get("country", base["country"])
    if not countries.is_default(chosen):
        params["country"] = list(chosen) or [ALL_COUNTRIES]
    period = values.get("period")
    if period is not None and base["period"] is not None and tuple(period) != base["period"]:
        params["period"] = [_years_text(period)]
    if not values.get("undated", True):
        params["undated"] = ["0"]
    if values.get(EXACT) and base["since"] is not None:
        # Both ends, always: a date range present in the address is what turns it on.
        for key in ("since", "until"):
            params[key] = [(values.get(key) or base[key]).isoformat()]
    if not values.get("each_event", True):
        params["each_event"] = ["0"]
    if values.get("hide_low"):
        params["hide_low"] = ["1"]
    if values.get("hide_claims"):
        params["hide_claims"] = ["1"]
    for key in ("show_rejected", "reviewed_only"):
        if values.get(key):
            params[key] = ["1"]
    return {key: params[key] for key in KEYS if key in params}  # in the sidebar's order


def changes(current: Mapping[str, Sequence[str]], wanted: Mapping[str, list[str]]) -> tuple[dict, list[str]]:
    """What to set and what to delete so the address holds ``wanted`` for the filter keys.

    Only filter keys (and their legacy spellings, which give way to the current ones) are
    touched: the tab keys belong to the tabs, and leaving equal values alone keeps a rerun
    from rewriting the address for nothing.
    """
    to_set = {key: value for key, value in wanted.items() if list(current.get(key, ())) != value}
    to_delete = [key for key in (*KEYS, *LEGACY) if key in current and key not in wanted]
    return to_set, to_delete


def to_filters(values: Mapping[str, Any]) -> Filters:
    """The ``Filters`` that widget values stand for: exact dates count only while ``exact`` is on."""
    since, until = (values["since"], values["until"]) if values.get(EXACT) else (None, None)
    if since is not None and until is not None and since > until:
        since, until = until, since
    period = values["period"]
    return Filters(
        province=tuple(values["province"]),
        country=tuple(values["country"]),
        kind=tuple(values["kind"]),
        victims=tuple(values["victims"]),
        period=(period[0], period[1]) if period else None,
        undated=bool(values["undated"]),
        since=since,
        until=until,
        each_event=bool(values["each_event"]),
        hide_low=bool(values["hide_low"]),
        hide_claims=bool(values.get("hide_claims", False)),
        show_rejected=bool(values.get("show_rejected", False)),
        reviewed_only=bool(values.get("reviewed_only", False)),
    )
