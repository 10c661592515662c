"""Filters in the page address, so a view can be bookmarked and shared.

``?province=Badghis&province=Helmand&kind=displaced&victims=civilians&preset=last_7_days``, the
period as ``period_params`` reads and writes it (``preset``, and a custom range's ``period`` or
``since``/``until``), ``undated=1`` (keep undated items in a period; ``undated=0`` leaves them
out of all dates), ``each_event=0`` (count every report rather than each event once),
``country=PAK&country=AFG`` (``country=all`` for every country, ``country=unknown`` for rows
nothing placed) and ``hide_low=1``. Each key is the name of a ``Filters`` field and of its
widget. Older addresses still open: ``from``/``to`` (years) and ``reports=all|events`` are read,
never written. Parsing is pure and forgiving: a value the data does not offer is dropped with a
notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard import countries, period_params
from dashboard.filters import ALL_DATES, NAMES, Filters, Options
from dashboard.period_params import EXACT, undated_default

KEYS = NAMES  # what the address holds
LEGACY = ("from", "to", "reports")  # older keys: read, then replaced by the ones above
# The open tabs (``?view=Capitals&table=Events``): Streamlit binds these to the tabs themselves.
TAB_KEYS = ("view", "table", "sources")
WIDGET_KEYS = (*NAMES, EXACT)
REPORTS = {"all": False, "events": True}  # legacy reports=… → each_event
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
# ``country=all``: every country, the empty choice (the default is Afghanistan and the unknown country).
ALL_COUNTRIES = "all"


def defaults(options: Options) -> dict[str, Any]:
    """Widget values when the address says nothing: everything, all dates, undated included."""
    period = (options.years[0], options.years[-1]) if options.years else None
    since, until = options.dates or (None, None)
    return {
        "province": [],
        "country": list(countries.DEFAULT),
        "kind": [],
        "victims": [],
        "preset": ALL_DATES,
        "period": period,
        "undated": undated_default(ALL_DATES),
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


def _flag(raw: Sequence[str], key: str, current: bool, notices: list[str]) -> bool:
    """The last yes-or-no value given for ``key`` (``1``/``0``, ``true``/``false``, ...), else ``current``."""
    for value in raw:
        word = value.strip().lower()
        if word in TRUE + FALSE:
            current = word in TRUE
        else:
            notices.append(f"{key}={value!r} is not yes or no")
    return current


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
    period_params.read(params, options, values, notices)
    values["undated"] = _flag(
        params.get("undated", ()), "undated", undated_default(values["preset"]), notices
    )
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
    return values, notices


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
    params |= period_params.write(values, base)
    if bool(values.get("undated", True)) != undated_default(values.get("preset", ALL_DATES)):
        params["undated"] = ["1" if values.get("undated", True) else "0"]
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


def to_filters(values: Mapping[str, Any], latest: dt.date | None = None) -> Filters:
    """The ``Filters`` that widget values stand for; a preset's days count back from ``latest``,
    the data's latest event date (``period_params.bounds``)."""
    period, since, until = period_params.bounds(values, latest)
    return Filters(
        province=tuple(values["province"]),
        country=tuple(values["country"]),
        kind=tuple(values["kind"]),
        victims=tuple(values["victims"]),
        preset=values.get("preset", ALL_DATES),
        period=period,
        undated=bool(values["undated"]),
        since=since,
        until=until,
        each_event=bool(values["each_event"]),
        hide_low=bool(values["hide_low"]),
        hide_claims=bool(values.get("hide_claims", False)),
        show_rejected=bool(values.get("show_rejected", False)),
        reviewed_only=bool(values.get("reviewed_only", False)),
    )
