"""The brief's content, gathered with the dashboard's own queries.

Every sum is one the dashboard shows (``queries.totals``, ``workings.summed_events`` …), run
through ``run``, a function from a query to its rows: the brief's numbers are the headline's for
the same filters. The only SQL written here finds the data's first and last dates; ``items``
lists the rows behind the numbers. Pure but for ``run`` and the images ``charts`` draws.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from dashboard import dates, queries, workings
from dashboard.brief import items, notes
from dashboard.brief.document import Brief, Image, Number
from dashboard.brief.items import KINDS, Run
from dashboard.filters import CUSTOM, Filters, describe, previous, span
from dashboard.periods import Period
from dashboard.queries import FILTERED_VIEWS

ONE_DAY = dt.timedelta(days=1)

# The headline's numbers, as ``dashboard/headline.py`` names them (a test holds them alike).
HEADLINE = (
    ("displaced", "People displaced"),
    ("killed", "Killed"),
    ("wounded", "Wounded"),
    ("capitals", "Capitals under pressure"),
    ("articles", "Reports read"),
)
MAX_ARTICLES = 50  # articles "Reports read" cites
WEEKLY_UP_TO_DAYS = 92  # a longer period's timeline is drawn per month
DATES = """
    SELECT min(d) AS first, max(d) AS last FROM (
        SELECT event_date AS d FROM figures UNION ALL SELECT event_date FROM pressure
        UNION ALL SELECT event_date FROM district_events
    )
"""


def before(f: Filters, dates: tuple[dt.date, dt.date] | None) -> tuple[Period | None, Filters | None]:
    """The period ``f`` selects (None: all the data) and the same filters over the period of the
    same length before it, as the headline's change counts them (``filters.previous``); None for
    the latter when nothing in the data is dated that early."""
    period = span(f, dates)
    found = previous(f, dates) if period else None
    return period, found[0] if found else None


def _bucket(period: Period | None, first: dt.date | None, last: dt.date | None) -> str:
    """``week`` for the timeline of a short period (or of data that spans a short one), else ``month``."""
    days = period.days if period else (last - first).days + 1 if first and last else 0
    return "week" if days <= WEEKLY_UP_TO_DAYS else "month"


def _span(totals: dict[str, Any], key: str) -> str:
    """The dates of what a headline number sums."""
    first = totals[f"{key}_first"], totals[f"{key}_first_precision"]
    return dates.span(first, (totals[f"{key}_last"], totals[f"{key}_last_precision"]))


def _numbers(now: dict, then: dict | None, refs: dict, more: dict, detail: dict) -> tuple[Number, ...]:
    """The headline numbers with their previous values and reports."""
    return tuple(
        Number(
            key,
            label,
            int(now[key]),
            None if then is None else int(then[key]),
            _span(now, key),
            detail.get(key, ""),
            refs.get(key, ()),
            more.get(key, 0),
        )  # fmt: skip
        for key, label in HEADLINE
    )


def gather(run: Run, f: Filters, made_from: str, images: bool = True) -> Brief:
    """The brief for the filters ``f``: everything is read through ``run``."""
    first, last = run((DATES, [])).row(0)
    period, prior = before(f, (first, last) if first is not None else None)
    now = run(queries.totals(f)).row(0, named=True)
    then = run(queries.totals(prior)).row(0, named=True) if prior else None
    head = {
        "title": f"Situation brief: {period.label() if period else 'all the data'}",
        "selection": describe(f),
        "period": period.label() if period else "all the data",
        "previous": period.previous().label() if prior else None,
        "counting": notes.counting(f),
        "made_from": made_from,
    }
    if not bool(run(queries.anything(FILTERED_VIEWS, f))["found"][0]):
        empty = "Nothing was reported for this selection in this period: no figure, event, capital or "
        empty += "district report and no article. Widen the period or the filters."
        numbers = _numbers(now, then, {}, {}, {})
        return Brief(**head, empty=empty, numbers=numbers, sections=(), images=(), notes=(), sources=())

    sources = items.Sources()
    listed, counts = items.largest(run, f, sources)
    # Everything before the period: where each capital stood when it began.
    earlier = (
        dataclasses.replace(f, preset=CUSTOM, period=None, since=None, until=period.start - ONE_DAY)
        if period
        else None
    )
    capitals, capital_refs, levels = items.capitals(run, f, earlier, sources)
    refs: dict[str, tuple[int, ...]] = {"capitals": capital_refs}
    more: dict[str, int] = {}
    for kind in KINDS:
        cited = [item for k, _, item in listed if k == kind]
        refs[kind] = tuple(dict.fromkeys(r for item in cited for r in item.refs))
        more[kind] = counts.get(kind, 0) - len(cited)
    articles = run(queries.rows("articles", f, MAX_ARTICLES))
    # An article's own date precision is ``date_precision`` in the articles view.
    articles = articles.rename({"date_precision": "published_precision"})
    refs["articles"] = tuple(sources.cite(r) for r in articles.iter_rows(named=True))
    more["articles"] = int(now["articles"]) - articles.height
    split = run(queries.harm_by_victims(f))
    detail = {k: notes.victim_split(split, k) for k in ("killed", "wounded")}
    sections = (capitals, *items.figure_sections(listed), items.districts(run, f, sources))
    people = run(queries.people(f, KINDS, (queries.PROVINCE, "kind")))
    drawn: tuple[Image, ...] = ()
    if images:
        from dashboard.brief import charts  # matplotlib, imported only when a brief is drawn

        bucket = _bucket(period, first, last)
        drawn = charts.images(
            run(queries.province_totals(f)), levels, people, run(queries.pressure_grid(f, bucket)), bucket
        )
    said = notes.notes(f, period, run(workings.makeup(f)), people, run(queries.hidden(f, "hide_claims")))
    if f.hide_low:
        said += (notes.hidden_low(run(queries.hidden(f, "hide_low")).row(0, named=True)),)
    return Brief(
        **head,
        empty=None,
        numbers=_numbers(now, then, refs, more, detail),
        sections=sections,
        images=drawn,
        notes=said,
        sources=tuple(sources.citations),
    )
