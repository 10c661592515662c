"""The rows the brief lists, in words, each with the reports it rests on: the largest figures of
each kind (armed groups' claims apart), capitals whose status changed, districts taken or retaken.

The rows come from the dashboard's queries; the only SQL here looks up, by id, what a listed row
shows and the article it comes from (``reports``). Pure but for ``run``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl

from dashboard import dates, queries, workings
from dashboard.brief.document import Citation, Item, Section
from dashboard.brief.notes import LABELS
from dashboard.filters import Filters
from dashboard.queries import Query

Run = Callable[[Query], pl.DataFrame]
KINDS = tuple(LABELS)  # displaced, killed, wounded: the kinds the headline sums
LARGEST = 5  # figures listed per kind
CITATION = (
    "a.article_id, a.file, a.title, a.source, a.url, a.published, a.date_precision AS published_precision"
)
# What a listed row takes from its view besides its report: its id column, columns, and a join.
LOOKUP = {
    "events": (
        "event_id",
        "v.sentence, v.claimed_by, v.claimant_type, v.confidence, v.confidence_reason, x.date_precision",
        "LEFT JOIN figures AS x ON x.figure_id = v.figure_id",
    ),
    "pressure": (
        "pressure_id",
        "v.sentence, v.claimed_by, v.claimant_type, v.confidence, v.confidence_reason, v.date_precision",
        "",
    ),
    "district_events": ("district_event_id", "v.sentence, v.date_precision", ""),
}
QUALIFIER = {"about": "about ", "at_least": "at least ", "more_than": "more than ", "up_to": "up to "}
QUALIFIER |= {"vague": "at least ", "range": "at least "}


def reports(view: str, ids: list[str]) -> Query:
    """The listed rows of ``view`` with what an item shows and their article's citation."""
    column, taken, joined = LOOKUP[view]  # a KeyError for anything but a known view
    marks = ", ".join("?" for _ in ids)
    sql = f"""
        SELECT v.{column} AS row_id, {taken}, {CITATION}
        FROM {view} AS v JOIN articles AS a ON a.article_id = v.article_id {joined}
        WHERE v.{column} IN ({marks})
    """  # noqa: S608
    return sql, list(ids)


class Sources:
    """The reports cited, numbered from 1 in the order the brief first cites them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.citations: list[Citation] = []

    def cite(self, row: dict[str, Any]) -> int:
        """The number of the article ``row`` comes from (``CITATION`` columns), cited once."""
        if row["article_id"] not in self.numbers:
            self.citations.append(Citation(*(row[k] for k in Citation.__dataclass_fields__)))
            self.numbers[row["article_id"]] = len(self.citations)
        return self.numbers[row["article_id"]]


def lookup(run: Run, view: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """``reports`` by row id (nothing to run for no ids)."""
    if not ids:
        return {}
    return {r["row_id"]: r for r in run(reports(view, ids)).iter_rows(named=True)}


def _when(date: dt.date | None, precision: str | None) -> str:
    """``on 2021-07-08``, ``in 2021-05``, ``in 2016``: a date as precisely as it is known."""
    if date is None:
        return "on an unknown date"
    return f"{'on' if (precision or 'day') == 'day' else 'in'} {dates.text(date, precision)}"


def _claimant(row: dict[str, Any]) -> str | None:
    """``Afghan officials (local official)``, or None when nobody is named."""
    kind = (row.get("claimant_type") or "unknown").replace("_", " ")
    named = row.get("claimed_by")
    if kind == "unknown":
        return named or None
    return f"{named or 'unnamed'} ({kind})"


def _confidence(row: dict[str, Any]) -> str:
    """`` · confidence low (no place)`` unless it is high."""
    level = row.get("confidence")
    if not level or level == "high":
        return ""
    reason = f" ({row['confidence_reason']})" if row.get("confidence_reason") else ""
    return f" · confidence {level}{reason}"


def _event_item(event: dict[str, Any], seen: dict[str, Any], sources: Sources) -> Item:
    """A figure counted for an event, in words, with its sentence, claimant and report."""
    precision = seen.get("date_precision")
    when = dates.span((event["date_start"], precision), (event["date_end"], precision))
    people = f"{QUALIFIER.get(event['qualifier'], '')}{event['people_estimate']:,} people"
    if event["unit"] == "families" and event["value"] is not None:
        people += f" ({event['value']:,} families)"
    place = event["province"] or "no province"
    if event["place"]:
        place += f" ({event['place']})"
    n = event["n_reports"]
    what = f"{people} {event['kind']} · {place} · {when} · {n} report{'s' if n != 1 else ''}"
    refs = (sources.cite(seen),) if seen else ()
    return Item(what + _confidence(seen), seen.get("sentence"), _claimant(seen), refs)


Listed = list[tuple[str, bool, Item]]  # kind, whether an armed group claims it, the item


def largest(run: Run, f: Filters, sources: Sources) -> tuple[Listed, dict[str, int]]:
    """The largest events of each kind as items, and how many events each kind sums."""
    summed = run(workings.summed_events(f, LARGEST))
    seen = lookup(run, "events", summed["event_id"].to_list())
    listed = []
    for event in summed.iter_rows(named=True):
        row = seen.get(event["event_id"], {})
        armed = row.get("claimant_type") == "armed_group"
        listed.append((event["kind"], armed, _event_item(event, row, sources)))
    counts = dict(summed.group_by("kind").agg(pl.col("n_events").first()).iter_rows())
    return listed, counts


def figure_sections(listed: Listed) -> tuple[Section, ...]:
    """The largest figures of each kind, then the armed groups' claims among them, apart."""
    sections = [
        Section(
            f"Largest figures: {label.lower()}",
            f"The {LARGEST} largest in the selection, one per event, with who tells them "
            "(armed groups' claims are listed apart, below).",
            tuple(item for k, armed, item in listed if k == kind and not armed),
            "None but armed groups' claims." if any(k == kind for k, _, _ in listed) else "None reported.",
        )
        for kind, label in LABELS.items()
    ]
    claims = Section(
        "Armed groups' claims",
        "Figures among the largest that an armed group claims (as a rule, the other side's losses).",
        tuple(item for _, armed, item in listed if armed),
        "No armed group's claim among the largest figures.",
    )
    return (*sections, claims)


def capitals(
    run: Run, f: Filters, earlier: Filters | None, sources: Sources
) -> tuple[Section, tuple[int, ...], pl.DataFrame]:
    """Capitals whose status changed, the reports of those counted under pressure, their levels."""
    status = run(queries.capital_status(f)).filter(~pl.col("is_background"))
    levels = run(queries.capital_levels(f))
    highest = dict(zip(levels["capital"].to_list(), levels["level"].to_list(), strict=True))
    before: dict[str, tuple[str, str | None]] = {}
    if earlier is not None:
        for row in run(queries.capital_status(earlier)).iter_rows(named=True):
            before[row["capital"]] = (row["level"], _when(row["event_date"], row["date_precision"]))
    seen = lookup(run, "pressure", status["pressure_id"].to_list())
    items, counted, unchanged = [], [], 0
    for row in status.iter_rows(named=True):
        look = seen.get(row["pressure_id"], {})
        ref = (sources.cite(look),) if look else ()
        if row["level"] != "retaken":
            counted += ref
        if earlier is not None and before.get(row["capital"], (None,))[0] == row["level"]:
            unchanged += 1
            continue
        when = _when(row["event_date"], row["date_precision"])
        what = f"{row['capital']} ({row['province']}): {row['level']} {when}"
        if highest.get(row["capital"], row["level"]) != row["level"]:
            what += f"; highest in the period: {highest[row['capital']]}"
        if earlier is not None:
            level, then = before.get(row["capital"], (None, None))
            what += f"; before: {level} {then}" if level else "; no earlier report"
        items.append(Item(what + _confidence(look), row["sentence"], _claimant(look), ref))
    about = (
        "Each capital whose latest current report in the period differs from its latest report before it"
        + (f"; {unchanged} other capital(s) reported no change." if unchanged else ".")
        if earlier is not None
        else "Each capital's latest current report (the brief covers all the data)."
    )
    section = Section(
        "Capitals whose status changed", about, tuple(items), "No capital's status changed in the period."
    )
    return section, tuple(dict.fromkeys(counted)), levels


def districts(run: Run, f: Filters, sources: Sources) -> Section:
    """Districts reported fallen or retaken (not recalled as background), latest first."""
    rows = run(queries.rows("district_events", f)).filter(
        pl.col("status").is_in(["fell", "retaken"]) & ~pl.col("is_background")
    )
    seen = lookup(run, "district_events", rows["district_event_id"].to_list())
    grouped: dict[tuple, Item] = {}
    for row in rows.sort("event_date", descending=True, nulls_last=True).iter_rows(named=True):
        when = _when(row["event_date"], row["date_precision"])
        key = (row["district"], row["province"], row["status"], when)
        look = seen.get(row["district_event_id"])
        ref = (sources.cite(look),) if look else ()
        if key in grouped:  # the same report told twice: one line, every report cited
            old = grouped[key]
            grouped[key] = dataclasses.replace(old, refs=tuple(dict.fromkeys(old.refs + ref)))
            continue
        what = f"{row['district']} ({row['province']}): {row['status']} {when}"
        grouped[key] = Item(what, row["sentence"], None, ref)
    return Section(
        "Districts that fell or were retaken",
        "District reports in the selection (earlier events an article recalls are left out).",
        tuple(grouped.values()),
        "No district was reported taken or retaken.",
    )
