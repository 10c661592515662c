"""The brief's notes in words: how the sums count, how much of each was reviewed, how sure it is,
what armed groups claim, and what the selection leaves out. Pure: frames in, sentences out.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from dashboard.filters import Filters
from dashboard.periods import Period
from pipeline.vocab import CONFIDENCE

LABELS = {"displaced": "People displaced", "killed": "Killed", "wounded": "Wounded"}
NO_PROVINCE = "(no province)"  # queries.PROVINCE's name for figures placed in no province


def counting(f: Filters) -> str:
    """How the sums count, in words (as the headline says it)."""
    if f.each_event:
        return "Sums count each event once: one figure per event, chosen from its reports by the batch step."
    return "Sums count every report's figure: an event told in several articles is counted more than once."


def victim_split(frame: pl.DataFrame, kind: str) -> str:
    """``militants 69 · mixed 14`` for one kind, from ``queries.harm_by_victims``."""
    part = frame.filter(pl.col("kind") == kind)
    return " · ".join(f"{v.replace('_', ' ')} {n:,}" for v, n in part.select("victims", "people").rows())


def _share(part: int, whole: int) -> str:
    """``71%`` of a whole, or ``0%`` of nothing."""
    return f"{round(100 * part / whole) if whole else 0}%"


def makeup_note(kind: str, rows: pl.DataFrame) -> str:
    """One number's figures: how many people analysts reviewed, at what confidence, and how many
    an armed group claims; ``rows`` is ``workings.makeup`` for that kind."""
    people, figures = int(rows["people"].sum()), int(rows["figures"].sum())
    reviewed = rows.filter(pl.col("review_status") != "unreviewed")
    text = f"{LABELS[kind]}: {people:,} people in {figures:,} figure(s). "
    if reviewed.is_empty():
        text += "None reviewed by analysts. "
    else:
        statuses = reviewed.group_by("review_status").agg(pl.col("figures").sum()).sort("review_status")
        how = ", ".join(f"{n:,} {status}" for status, n in statuses.iter_rows())
        part = int(reviewed["people"].sum())
        text += f"Reviewed by analysts: {part:,} people ({_share(part, people)}) in {how} figure(s). "
    by_level = dict(rows.group_by("confidence").agg(pl.col("people").sum()).iter_rows())
    text += "Confidence: " + ", ".join(f"{c} {int(by_level.get(c) or 0):,}" for c in CONFIDENCE) + " people. "
    armed = rows.filter(pl.col("armed_group"))
    if armed.is_empty():
        return text + "No armed group's claim."
    part = int(armed["people"].sum())
    return text + (
        f"Armed groups' claims: {part:,} people ({_share(part, people)}) in "
        f"{int(armed['figures'].sum()):,} figure(s), counted in the number."
    )


def notes(
    f: Filters, period: Period | None, makeup: pl.DataFrame, people: pl.DataFrame, claims: pl.DataFrame
) -> tuple[str, ...]:
    """The notes on confidence and review for the selection.

    ``makeup`` is ``workings.makeup``; ``people`` the people per province and kind
    (``queries.people``); ``claims`` what hiding armed groups' claims leaves out (``queries.hidden``).
    """
    said = [makeup_note(k, makeup.filter(pl.col("kind") == k)) for k in LABELS]
    claimed = claims.row(0, named=True)
    if claimed["pressure"] or claimed["figures"]:
        said.append(
            f"{claimed['figures']:,} figure(s) and {claimed['pressure']:,} pressure mention(s) in the "
            "selection are an armed group's claim"
            + (", left out by the filters (Hide armed groups' claims)." if f.hide_claims else ".")
        )
    else:
        said.append("No figure or pressure mention in the selection is an armed group's claim.")
    nowhere = people.filter(pl.col("province") == NO_PROVINCE)
    if not nowhere.is_empty():
        amounts = ", ".join(f"{n:,} {kind}" for kind, n in nowhere.select("kind", "people").iter_rows())
        said.append(f"Placed in no province, so on neither the map nor the province chart: {amounts}.")
    if period is not None and f.undated:
        said.append(
            "Undated items are counted in this period's numbers (the filters include them), "
            "never in the previous period's."
        )
    return tuple(said)


def hidden_low(hidden: dict[str, Any]) -> str:
    """What hiding low-confidence rows leaves out, from ``queries.hidden``."""
    return (
        f"Low-confidence rows are left out by the filters: {hidden['figures']:,} figure(s) and "
        f"{hidden['pressure']:,} pressure mention(s)."
    )
