"""Filters in the page address, so a view can be bookmarked and shared.

``?province=Badghis&province=Helmand&from=2016&to=2021&kind=displaced&victims=civilians&undated=0``.
Parsing is pure and forgiving: a value the data does not offer is dropped with a notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.db import Options

KEYS = ("province", "from", "to", "kind", "victims", "undated")
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def defaults(options: Options) -> dict[str, Any]:
    """Widget values when the address says nothing: everything, all years, undated included."""
    period = (options.years[0], options.years[-1]) if options.years else None
    return {"province": [], "kind": [], "victims": [], "period": period, "undated": True}


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


def parse(params: Mapping[str, Sequence[str]], options: Options) -> tuple[dict[str, Any], list[str]]:
    """Widget values from query parameters (each key mapped to all its values), and notices."""
    values = defaults(options)
    notices: list[str] = []
    for key in params:
        if key not in KEYS:
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
    return params
