"""The sidebar's choices as a value, and the SQL condition they mean for each public view.

Conditions are built here and run elsewhere (``db.py``). Values are always bound as ``?``
parameters; table and column names come only from the constants below.
"""

from __future__ import annotations

import dataclasses

KINDS = ("killed", "wounded", "displaced", "casualties")
VICTIMS = ("civilians", "security_forces", "militants", "mixed", "unspecified")
LEVELS = ("threatened", "attacked", "besieged", "breached", "fell", "retaken")

# The expression giving each view's year. Figures, pressure and district events carry the
# event's year; an article's period is the year it was published.
YEAR_EXPR = {
    "figures": "year",
    "pressure": "year",
    "district_events": "year",
    "articles": "year(published)",
}
# Which of the sidebar's filters apply to each view.
HAS_PROVINCE = frozenset({"figures", "pressure", "district_events"})
HAS_KIND_VICTIMS = frozenset({"figures"})
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


def _in(column: str, values: tuple[str, ...]) -> tuple[str, list[object]]:
    """``column IN (?, ?, ...)`` with one bound parameter per value."""
    marks = ", ".join("?" for _ in values)
    return f"{column} IN ({marks})", list(values)


def _period(expr: str, f: Filters) -> tuple[str | None, list[object]]:
    """The year condition; rows without a year pass only when ``include_undated``."""
    parts: list[str] = []
    params: list[object] = []
    if f.year_from is not None:
        parts.append(f"{expr} >= ?")
        params.append(int(f.year_from))
    if f.year_to is not None:
        parts.append(f"{expr} <= ?")
        params.append(int(f.year_to))
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

    cond, p = _period(YEAR_EXPR[view], f)
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
    parts = [
        ", ".join(f.provinces) or "all provinces",
        period,
        "undated included" if f.include_undated else "undated excluded",
    ]
    if f.kinds:
        parts.append(", ".join(f.kinds))
    if f.victims:
        parts.append(", ".join(v.replace("_", " ") for v in f.victims))
    return " · ".join(parts)
