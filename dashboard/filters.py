"""What the sidebar can offer, what the reader chose, and the SQL condition that means per view.

Pure: conditions are built here and run elsewhere (``db.py``). Values are always bound as ``?``
parameters; table and column names come only from the constants below. Each field of
``Filters`` has one name: the same word is its widget key and its key in the page address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from dashboard.countries import DEFAULT as DEFAULT_COUNTRIES
from dashboard.countries import UNKNOWN, is_default
from dashboard.countries import name as country_name
from dashboard.periods import DEFAULT as ALL_DATES
from dashboard.periods import PRESETS, Period
from pipeline.vocab import CONFIDENCE, KINDS

# The period of the reader's own years or days (the other presets are counted back from the data).
CUSTOM = "custom"

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
# Articles have no country: one article may report from several.
HAS_COUNTRY = HAS_PROVINCE
# The rows "hide low confidence" leaves out (an event has its chosen figure's confidence).
HAS_CONFIDENCE = frozenset({"figures", "pressure", "events"})
LOW = CONFIDENCE[-1]
# The rows "hide armed groups' claims" can leave out (an event has its chosen figure's source).
HAS_CLAIMANT = HAS_CONFIDENCE
ARMED_GROUP = "armed_group"
# The rows an analyst's review can leave out of the tables.
HAS_REVIEW = frozenset({"figures", "pressure", "district_events"})
# An article is "in" a province when one of its figures or pressure mentions is.
ARTICLE_PLACE_VIEWS = ("figures", "pressure")


@dataclasses.dataclass(frozen=True)
class Options:
    """What the sidebar can offer, read from the data by ``db.options``."""

    years: tuple[int, ...]
    undated: int
    provinces: tuple[str, ...]
    victims: tuple[str, ...]
    kinds: tuple[str, ...] = KINDS
    # Country codes to choose from (``UNKNOWN`` for rows nothing placed).
    countries: tuple[str, ...] = DEFAULT_COUNTRIES
    # First and last event date in the data, for the exact-date picker.
    dates: tuple[dt.date, dt.date] | None = None


@dataclasses.dataclass(frozen=True)
class Filters:
    """What the reader chose; an empty tuple means "no filter", not "match nothing"."""

    province: tuple[str, ...] = ()
    # ISO 3166-1 alpha-3 codes, ``UNKNOWN`` for rows nothing placed; () for every country.
    country: tuple[str, ...] = DEFAULT_COUNTRIES
    kind: tuple[str, ...] = ()
    victims: tuple[str, ...] = ()
    # The period's name (``periods.PRESETS``): ``all``, ``custom`` (the years or days below) or a
    # preset, whose days ``since`` and ``until`` hold, counted back from the latest event date.
    preset: str = ALL_DATES
    # First and last event year, both included; None: every year.
    period: tuple[int, int] | None = None
    # Keep items whose date is unknown.
    undated: bool = True
    # Exact event dates, on top of the years; None leaves that end open.
    since: dt.date | None = None
    until: dt.date | None = None
    # Count each event once (its primary figure) rather than every report of it.
    each_event: bool = True
    # Leave out figures, events and pressure mentions whose confidence is low.
    hide_low: bool = False
    # Leave out what an armed group claims (the Taliban's tolls and captures).
    hide_claims: bool = False
    # Show figures an analyst rejected (they are never summed); only figures an analyst reviewed.
    show_rejected: bool = False
    reviewed_only: bool = False


# The filters' names, in the sidebar's order: widget keys and address keys alike.
NAMES = tuple(field.name for field in dataclasses.fields(Filters))


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
    """The period condition (rows overlapping it); rows without a date pass only when ``undated``."""
    parts: list[str] = []
    params: list[object] = []
    first_year, last_year = (int(f.period[0]), int(f.period[1])) if f.period else (None, None)
    for (first, last), lo, hi in (
        (YEAR_SPAN[view], first_year, last_year),
        (DATE_SPAN[view], f.since, f.until),
    ):
        if lo is not None:
            parts.append(f"{last} >= ?")
            params.append(lo)
        if hi is not None:
            parts.append(f"{first} <= ?")
            params.append(hi)
    expr = YEAR_EXPR[view]
    if not parts:
        return (None, []) if f.undated else (f"{expr} IS NOT NULL", [])
    bounded = " AND ".join(parts)
    if f.undated:
        return f"(({bounded}) OR {expr} IS NULL)", params
    return bounded, params


def _country(chosen: tuple[str, ...]) -> tuple[str, list[object]]:
    """``country IN (?, ...)``, with ``OR country IS NULL`` when the unknown country is chosen."""
    codes = tuple(c for c in chosen if c != UNKNOWN)
    unknown = "country IS NULL"
    if not codes:
        return unknown, []
    cond, params = _in("country", codes)
    if UNKNOWN in chosen:
        return f"({cond} OR {unknown})", params
    return cond, params


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

    if f.province and view in HAS_PROVINCE:
        # IN never matches NULL, so rows without a province drop out, as intended.
        cond, p = _in("province", f.province)
        parts.append(cond)
        params += p
    elif f.province and view == "articles":
        subqueries = []
        for place_view in ARTICLE_PLACE_VIEWS:
            cond, p = _in("province", f.province)
            subqueries.append(f"SELECT article_id FROM {place_view} WHERE {cond}")  # noqa: S608
            params += p
        parts.append(f"article_id IN ({' UNION '.join(subqueries)})")

    if f.country and view in HAS_COUNTRY:
        cond, p = _country(f.country)
        parts.append(cond)
        params += p

    if f.hide_low and view in HAS_CONFIDENCE:
        parts.append("confidence <> ?")
        params.append(LOW)

    if f.hide_claims and view in HAS_CLAIMANT:
        parts.append("claimant_type <> ?")
        params.append(ARMED_GROUP)

    if view in HAS_REVIEW and not f.show_rejected:
        parts.append("review_status <> ?")
        params.append("rejected")
    if view in HAS_REVIEW and f.reviewed_only:
        parts.append("review_status <> ?")
        params.append("unreviewed")

    if view in HAS_KIND_VICTIMS:
        for column, values in (("kind", f.kind), ("victims", f.victims)):
            if values:
                cond, p = _in(column, values)
                parts.append(cond)
                params += p

    return (" AND ".join(parts) if parts else "TRUE"), params


def _period_text(f: Filters) -> str:
    """``Last 7 days: 2021-08-07 to 2021-08-13``, ``2016–2021``, ``2021-07-01 to 2021-07-31``."""
    if f.preset in PRESETS and f.preset not in (ALL_DATES, CUSTOM) and f.since and f.until:
        return f"{PRESETS[f.preset]}: {Period(f.since, f.until).label()}"
    parts = []
    if f.period is not None:
        parts.append(str(f.period[0]) if f.period[0] == f.period[1] else f"{f.period[0]}–{f.period[1]}")
    if f.since is not None or f.until is not None:
        parts.append(f"{f.since or '…'} to {f.until or '…'}")
    return ", ".join(parts) or "all years"


def span(f: Filters, dates: tuple[dt.date, dt.date] | None) -> Period | None:
    """The days ``f`` covers (None when it sets no period); a range of years ends at the data's
    latest event date, so the current year counts as far as the data goes."""
    if dates is None:
        return None
    start = dt.date(f.period[0], 1, 1) if f.period else None
    end = min(dt.date(f.period[1], 12, 31), dates[1]) if f.period else None
    if f.since is not None:
        start = max(start or f.since, f.since)
    if f.until is not None:
        end = min(end or f.until, f.until)
    if start is None and end is None:
        return None
    start, end = start or dates[0], end or dates[1]
    return Period(start, end) if start <= end else None


def previous(f: Filters, dates: tuple[dt.date, dt.date] | None) -> tuple[Filters, Period] | None:
    """The same choices over the period of the same length before ``f``'s, and that period; None
    when ``f`` sets no period or the data holds nothing dated that early (``dates``: its first
    and last event date)."""
    current = span(f, dates)
    if current is None or dates is None:
        return None
    before = current.previous()
    if before.end < dates[0]:
        return None
    return dataclasses.replace(f, preset=CUSTOM, period=None, since=before.start, until=before.end), before


def describe(f: Filters) -> str:
    """The choices in words, e.g. ``Helmand · 2016–2021 · undated included``.

    The country is named only when it is not the default (Afghanistan and the unknown country).
    """
    period = _period_text(f)
    parts = [", ".join(f.province) or "all provinces"]
    if not is_default(f.country):
        parts.append(", ".join(country_name(c) for c in f.country) or "all countries")
    parts += [
        period,
        "undated included" if f.undated else "undated excluded",
    ]
    if f.kind:
        parts.append(", ".join(f.kind))
    if f.victims:
        parts.append(", ".join(v.replace("_", " ") for v in f.victims))
    if not f.each_event:
        parts.append("every report")
    if f.hide_low:
        parts.append("low confidence hidden")
    if f.hide_claims:
        parts.append("armed groups' claims hidden")
    if f.show_rejected:
        parts.append("rejected rows shown")
    if f.reviewed_only:
        parts.append("reviewed rows only")
    return " · ".join(parts)
