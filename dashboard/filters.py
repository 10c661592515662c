"""The sidebar's choices as a value, and the SQL condition they mean for each public view.

Conditions are built here and run elsewhere (``db.py``). Values are always bound as ``?``
parameters; table and column names come only from the constants below.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

# The expressions giving the first and last day of each view's rows. Figures, pressure and
# district events happen on one day; an event or a pressure episode spans several, and is
# in a period when it overlaps it; an article's period is the day it was published.
DATE_SPAN = {
    "figures": ("event_date", "event_date"),
    "pressure": ("event_date", "event_date"),
    "district_events": ("event_date", "event_date"),
    "articles": ("published", "published"),
    "events": ("date_start", "date_end"),
    "pressure_episodes": ("first_date", "last_date"),
}
# The same spans in years (the views carry a ``year`` column where they can).
YEAR_SPAN = {
    "figures": ("year", "year"),
    "pressure": ("year", "year"),
    "district_events": ("year", "year"),
    "articles": ("year(published)", "year(published)"),
    "events": ("year(date_start)", "year(date_end)"),
    "pressure_episodes": ("year(first_date)", "year(last_date)"),
}
YEAR_EXPR = {view: span[0] for view, span in YEAR_SPAN.items()}
# Which of the sidebar's filters apply to each view.
HAS_PROVINCE = frozenset({"figures", "pressure", "district_events", "events", "pressure_episodes"})
HAS_KIND_VICTIMS = frozenset({"figures", "events"})
# An article is "in" a province when one of its figures or pressure mentions is.
ARTICLE_PLACE_VIEWS = ("figures", "pressure")


@dataclasses.dataclass(frozen=True)
class Filters:
    """What the reader chose; an empty tuple means "no filter", not "match nothing"."""

    year_from: int | None = None
    year_to: int | None = None
    include_undated: bool = True
    provinces: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    victims: tuple[str, ...] = ()
    # Exact event dates, on top of the years; None leaves that end open.
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # Count each event once (its primary figure) rather than every report of it.
    each_event: bool = True


def counted(f: Filters) -> str:
    """The figures condition for sums: one figure per event, or every counted report."""
    return "is_primary" if f.each_event else "counted"


def view_label(f: Filters) -> str:
    """``events`` or ``every-report``: which figures the totals, charts and downloads hold."""
    return "events" if f.each_event else "every-report"


def _in(column: str, values: tuple[str, ...]) -> tuple[str, list[object]]:
    """``column IN (?, ?, ...)`` with one bound parameter per value."""
    marks = ", ".join("?" for _ in values)
    return f"{column} IN ({marks})", list(values)


def _period(view: str, f: Filters) -> tuple[str | None, list[object]]:
    """The period condition (rows overlapping it); rows without a date pass only when ``include_undated``."""
    parts: list[str] = []
    params: list[object] = []
    bounds = (
        (YEAR_SPAN[view], f.year_from, f.year_to, int),
        (DATE_SPAN[view], f.date_from, f.date_to, lambda d: d),
    )
    for (first, last), lo, hi, convert in bounds:
        if lo is not None:
            parts.append(f"{last} >= ?")
            params.append(convert(lo))
        if hi is not None:
            parts.append(f"{first} <= ?")
            params.append(convert(hi))
    expr = YEAR_EXPR[view]
    if not parts:
        return (None, []) if f.include_undated else (f"{expr} IS NOT NULL", [])
    bounded = " AND ".join(parts)
    if f.include_undated:
        return f"(({bounded}) OR {expr} IS NULL)", params
    return bounded, params


def where(f: Filters, view: str) -> tuple[str, list[object]]:
    """A boolean SQL condition (``TRUE`` when nothing applies) and its parameters for ``view``."""
    if view not in YEAR_EXPR:
        raise ValueError(f"unknown view {view!r}: expected one of {sorted(YEAR_EXPR)}")
    parts: list[str] = []
    params: list[object] = []

    cond, p = _period(view, f)
    if cond:
        parts.append(cond)
        params += p

    if f.provinces and view in HAS_PROVINCE:
        # IN never matches NULL, so rows without a province drop out, as intended.
        cond, p = _in("province", f.provinces)
        parts.append(cond)
        params += p
    elif f.provinces and view == "articles":
        subqueries = []
        for place_view in ARTICLE_PLACE_VIEWS:
            cond, p = _in("province", f.provinces)
            subqueries.append(f"SELECT article_id FROM {place_view} WHERE {cond}")  # noqa: S608
            params += p
        parts.append(f"article_id IN ({' UNION '.join(subqueries)})")

    if view in HAS_KIND_VICTIMS:
        for column, values in (("kind", f.kinds), ("victims", f.victims)):
            if values:
                cond, p = _in(column, values)
                parts.append(cond)
                params += p

    return (" AND ".join(parts) if parts else "TRUE"), params


def describe(f: Filters) -> str:
    """The choices in words, e.g. ``Helmand · 2016–2021 · undated included``."""
    if f.year_from is None and f.year_to is None:
        period = "all years"
    elif f.year_from == f.year_to:
        period = str(f.year_from)
    else:
        period = f"{f.year_from or '…'}–{f.year_to or '…'}"
    if f.date_from is not None or f.date_to is not None:
        period += f", {f.date_from or '…'} to {f.date_to or '…'}"
    parts = [
        ", ".join(f.provinces) or "all provinces",
        period,
        "undated included" if f.include_undated else "undated excluded",
    ]
    if f.kinds:
        parts.append(", ".join(f.kinds))
    if f.victims:
        parts.append(", ".join(v.replace("_", " ") for v in f.victims))
    if not f.each_event:
        parts.append("every report")
    return " · ".join(parts)
