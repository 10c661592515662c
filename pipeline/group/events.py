"""One happening, many reports: counted figures grouped into events, each counted once.

A pure polars transform over all figures the database will hold (events span articles), run
by the batch step after extraction. Two counted figures describe the same event when they have the
same kind and province, places that do not contradict each other (equal, or one of them
unnamed), compatible victims (equal, or one unspecified or mixed), the same kind of incident
(both name none, or they share one: "air strike", "bombing", "mortar"; an air strike on a
hospital during a battle is not the battle's toll), values that fit one toll (within a factor
of ``VALUE_RATIO`` and dates no more than the date window apart, a month-precision date
covering its month and a year-precision date merging only with an equal value; or a later,
larger report, a toll that grew, 4, 16, 40, 60: within the date window whatever its words, up
to the toll window when it says it is a running count; or the very same number told again).
Groups are closed under these links.

Each event keeps one figure, chosen by the first rule that decides (``CHOICE``): not a
party's count of the other side's losses while another report exists; the most recent report
(tolls and displacement counts are revised upwards as news comes in); the most trusted kind of
source (``vocab.SOURCE_PREFERENCE``); the most specific (exact before about before at-least
…); the larger value. The event shows the range its reports span (``range_low`` to
``range_high``, other sources' estimates in one article included).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from pipeline import vocab
from pipeline.group.spans import day_span
from pipeline.store.schema import tables

VALUE_RATIO = 2.0
SAME_NUMBER_FLOOR = 10  # two tolls this size or larger and equal are one toll told again


def _near(a: dict, b: dict, window: int) -> bool:
    sa, sb = day_span(a["event_date"], a["date_precision"]), day_span(b["event_date"], b["date_precision"])
    if sa is None or sb is None:
        return False  # undated reports stand alone: they cannot be placed in time
    gap = dt.timedelta(days=window)
    if not (sa[0] <= sb[1] + gap and sb[0] <= sa[1] + gap):
        return False
    if "year" in (a["date_precision"], b["date_precision"]):
        return a["value"] is not None and a["value"] == b["value"]
    return True


def _ratio(a: dict, b: dict) -> float:
    """How far apart two values are (1: equal); 1 when either is vague."""
    if a["value"] is None or b["value"] is None:
        return 1.0
    va, vb = a["value_low"] or a["value_high"] or 0, b["value_low"] or b["value_high"] or 0
    return max(va, vb) / max(1, min(va, vb))


def _grew(a: dict, b: dict, window: int, toll_window: int) -> bool:
    """A later, larger report of the same toll: within the date window whatever its words, up
    to ``toll_window`` days later when it says it is a running count ("the toll rose to 60",
    "since Sunday")."""
    first, later = sorted((a, b), key=lambda r: r["published"] or dt.date.min)
    if first["published"] is None or first["published"] == later["published"]:
        return False
    days = (later["published"] - first["published"]).days
    if days > (toll_window if later["running"] else window):
        return False
    return (later["value"] or 0) > (first["value"] or 0)


def _told_again(a: dict, b: dict, toll_window: int) -> bool:
    """The same toll told again days later ("ten days after a bombing killed 61 people"): the
    very same number, not a small one, at most ``toll_window`` days apart."""
    if a["value"] is None or a["value"] != b["value"] or a["value"] < SAME_NUMBER_FLOOR:
        return False
    if a["published"] is None or b["published"] is None or a["published"] == b["published"]:
        return False
    return abs((a["published"] - b["published"]).days) <= toll_window


def _same_incident(a: dict, b: dict) -> bool:
    """Both name the same kind of incident, or neither names one; one that names none may only
    restate the other's number ("the blast killed 40" and "40 people died")."""
    if a["incident"] and b["incident"]:
        return bool(a["incident"] & b["incident"])
    return not (a["incident"] or b["incident"]) or _ratio(a, b) == 1.0


def same_event(a: dict, b: dict, window: int, toll_window: int = 0) -> bool:
    """Whether two counted figures from different reports describe one happening."""
    same = ("kind", "country", "province", "unit")
    if any(a.get(key) != b.get(key) for key in same):
        return False  # a figure abroad never joins an Afghan one, even without a province
    if a["place"] and b["place"] and a["place"] != b["place"]:
        return False
    loose = ("unspecified", "mixed")
    if a["victims"] != b["victims"] and a["victims"] not in loose and b["victims"] not in loose:
        return False
    if not _same_incident(a, b):
        return False
    if _ratio(a, b) <= VALUE_RATIO and _near(a, b, window):
        return True
    return _grew(a, b, window, toll_window) or _told_again(a, b, toll_window)


# An analyst's order of preference among the reports of one happening: each rule keeps the
# reports it ranks highest, until one is left. ``choose_by`` (a setting) puts the most recent
# report or the most trusted kind of source first.
NOT_A_PARTY = ("not a party's claim", lambda r: not vocab.party_count(r["victims"], r.get("claimant_type")))
LATEST = ("most recent report", lambda r: r["published"] or dt.date.min)
TRUSTED = (
    "most trusted source",
    lambda r: -vocab.SOURCE_PREFERENCE.index(r.get("claimant_type") or "unknown"),
)
THEN = (
    ("most specific", lambda r: -vocab.SPECIFICITY[r["qualifier"]]),
    ("larger value", lambda r: r["people_estimate"]),
)
CHOICE = {"latest": (NOT_A_PARTY, LATEST, TRUSTED, *THEN), "trusted": (NOT_A_PARTY, TRUSTED, LATEST, *THEN)}


def _choose(members: list[dict], choose_by: str = "latest") -> tuple[dict, str]:
    """The figure an event keeps, and the rule that decided."""
    rules = CHOICE[choose_by]
    pool = members
    for name, key in rules:
        best = max(key(r) for r in pool)
        top = [r for r in pool if key(r) == best]
        if len(top) == 1:
            return top[0], name if len(members) > 1 else "single report"
        pool = top
    return min(pool, key=lambda r: r["figure_id"]), "single report" if len(members) == 1 else "first by id"


def _low(r: dict) -> int | None:
    return r["value"] if r["value"] is not None else r["value_low"]


def _high(r: dict) -> int | None:
    return r["value"] if r["value"] is not None else r["value_high"] or r["value_low"]


def _groups(rows: list[dict], window: int, toll_window: int) -> list[list[int]]:
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    groups = [{r["victims"]} - {"unspecified", "mixed"} for r in rows]
    by_block: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        if day_span(r["event_date"], r["date_precision"]) is not None:  # undated reports stand alone
            by_block.setdefault((r["kind"], r.get("country"), r["province"], r["unit"]), []).append(i)
    gap = dt.timedelta(days=max(window, toll_window))
    for members in by_block.values():
        # Sorted by start, a report can only be near those that start before its end + the window.
        spans = {i: day_span(rows[i]["event_date"], rows[i]["date_precision"]) for i in members}
        members.sort(key=lambda i: spans[i][0])
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if spans[j][0] > spans[i][1] + gap:
                    break
                a, b = rows[i], rows[j]
                if a["article_id"] != b["article_id"] and same_event(a, b, window, toll_window):
                    ri, rj = find(i), find(j)
                    # The closure may not join two named groups through a report naming none
                    # (20 civilians and 30 Taliban through "16 people"): one event, one group.
                    if ri != rj and len(groups[ri] | groups[rj]) <= 1:
                        parent[ri] = rj
                        groups[rj] |= groups[ri]
    out: dict[int, list[int]] = {}
    for i in range(len(rows)):
        out.setdefault(find(i), []).append(i)
    return list(out.values())


def group_figures(
    figures: pl.DataFrame,
    published: pl.DataFrame,
    window: int,
    toll_window: int = 0,
    choose_by: str = "latest",
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Add ``event_id`` and ``is_primary`` to figures; return them with the events table."""
    dates = dict(zip(published["article_id"], published["published"], strict=True))
    counted = [
        {**r, "published": dates.get(r["article_id"]), "incident": frozenset((r["incident"] or "").split())}
        for r in figures.filter(pl.col("counted")).iter_rows(named=True)
    ]
    # Other sources' estimates stand beside the figure counted in their place.
    alternatives: dict[str, list[dict]] = {}
    for r in figures.filter(pl.col("role") == "alternative").iter_rows(named=True):
        alternatives.setdefault(r["parent_figure_id"], []).append(r)
    event_of: dict[str, str] = {}
    primary: set[str] = set()
    events = []
    for members in _groups(counted, window, toll_window):
        rows = [counted[i] for i in members]
        chosen, rule = _choose(rows, choose_by)
        ids = sorted(r["figure_id"] for r in rows)
        event_id = "e" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12]
        event_of.update(dict.fromkeys(ids, event_id))
        primary.add(chosen["figure_id"])
        spans = [s for r in rows if (s := day_span(r["event_date"], r["date_precision"]))]
        reports = rows + [a for r in rows for a in alternatives.get(r["figure_id"], [])]
        lows = [v for r in reports if (v := _low(r)) is not None]
        highs = [v for r in reports if (v := _high(r)) is not None]
        events.append(
            {
                "event_id": event_id,
                "kind": chosen["kind"],
                "country": chosen.get("country"),
                "province": chosen["province"],
                "place": next((r["place"] for r in rows if r["place"]), None),
                "victims": chosen["victims"],
                "date_start": min(s[0] for s in spans) if spans else None,
                "date_end": max(s[1] for s in spans) if spans else None,
                "n_reports": len({r["article_id"] for r in rows}),
                "figure_id": chosen["figure_id"],
                "value": chosen["value"],
                "value_low": chosen["value_low"],
                "value_high": chosen["value_high"],
                "qualifier": chosen["qualifier"],
                "unit": chosen["unit"],
                "people_estimate": chosen["people_estimate"],
                "chosen_by": rule,
                "range_low": min(lows) if lows else None,
                "range_high": max(highs) if highs else None,
            }
        )
    # Breakdown parts and restatements belong to the event of the figure they hang on.
    parents = dict(zip(figures["figure_id"], figures["parent_figure_id"], strict=True))

    def event_for(fid: str) -> str | None:
        seen = set()
        while fid not in event_of and parents.get(fid) and fid not in seen:
            seen.add(fid)
            fid = parents[fid]
        return event_of.get(fid)

    figures = figures.with_columns(
        pl.Series("event_id", [event_for(f) for f in figures["figure_id"]], dtype=pl.String),
        pl.Series("is_primary", [f in primary for f in figures["figure_id"]], dtype=pl.Boolean),
    )
    return figures, pl.DataFrame(events, schema=tables()["raw_events"])
