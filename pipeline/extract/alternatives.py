"""Estimates of one toll from different sources in one article: counted once.

"The Taliban said their attack killed 190 people", "a defense source said 126 soldiers were
killed", "security officials said at least 72": three figures of one kind, place and day,
each from its own source, are three estimates of one toll, not three tolls. One is counted
(``total``); the others become ``alternative`` rows with it as their parent. So does an
earlier figure a source revises in the same article ("the toll rose to 52"). Figures that
name different places, victims of different sides, or other days stay apart, as do figures
from one source (a part or a second happening, not a second opinion).

Which estimate is counted: not a party's count of the other side's losses while any other
exists; then the most trusted kind of source (``vocab.SOURCE_PREFERENCE``); then the most
specific number; then the larger.
"""

from __future__ import annotations

from pipeline import vocab

ADDITIONAL = {"also", "another", "other", "others", "further", "additional", "separate", "separately"}
REVISIONS = ("rose to", "risen to", "climbed to", "increased to", "jumped to", "has reached", "reached")


def _compatible(a: dict, b: dict) -> bool:
    """Two counted figures that may count the same people: one kind, unit, country, province
    and day, places and victims that do not differ."""
    same = ("kind", "unit", "country", "province", "event_date")
    if any(a[k] != b[k] for k in same) or a["value"] == b["value"]:
        return False
    if a["place"] and b["place"] and a["place"] != b["place"]:
        return False
    # One group, or one figure naming none; a count of militants is another toll than the
    # people a hospital counts, and a mixed toll than one side's.
    groups = {a["victims"], b["victims"]}
    return len(groups) == 1 or ("unspecified" in groups and not groups & {"militants", "mixed"})


def _additional(row: dict) -> bool:
    """ "One Afghan soldier was also killed", "another 12 were wounded": a toll on top, not an
    estimate of the same one."""
    words = set(row["sentence"].lower().replace(",", " ").split())
    return bool(words & ADDITIONAL)


def _revision(earlier: dict, later: dict) -> bool:
    """ "The toll rose to 52" after "40 were killed": the later figure revises the earlier."""
    text = later["sentence"].lower()
    return later["char_start"] > earlier["char_start"] and any(word in text for word in REVISIONS)


def rank(row: dict) -> tuple:
    """How an analyst orders estimates of one toll: lower is counted first."""
    return (
        vocab.party_count(row["victims"], row["claimant_type"]),
        vocab.SOURCE_PREFERENCE.index(row["claimant_type"]),
        vocab.SPECIFICITY[row["qualifier"]],
        -(row["people_estimate"] or 0),
        row["char_start"],
    )


def mark_alternatives(rows: list[dict]) -> None:
    """Turn other sources' estimates of a counted figure's toll into ``alternative`` rows."""
    totals = [r for r in rows if r["role"] == "total" and r["value"] is not None]
    sources: dict[str, set[str]] = {r["figure_id"]: {r["claimed_by"] or ""} for r in totals}
    for r in rows:  # a total's repeats may name its source ("More than 2,000 ..., an official said")
        if r["role"] == "repeat" and r["parent_figure_id"] in sources:
            sources[r["parent_figure_id"]].add(r["claimed_by"] or "")
    named = {fid: {s for s in found if s} for fid, found in sources.items()}
    # Groups grow one figure at a time: a figure joins a group only when its source differs
    # from every member's, or it revises one ("1,850 families ... in one district", told by the
    # source of "up to 2,058", is a part, not a second opinion).
    groups: list[list[dict]] = []
    for b in totals:
        for members in groups:
            fits = all(_compatible(a, b) for a in members) and not _additional(b)
            apart = named[b["figure_id"]] and all(
                named[a["figure_id"]] and not named[a["figure_id"]] & named[b["figure_id"]] for a in members
            )
            if fits and (apart or any(_revision(a, b) for a in members)):
                members.append(b)
                break
        else:
            groups.append([b])
    for members in groups:
        if len(members) < 2:
            continue
        revised = [b for a in members for b in members if _revision(a, b)]
        chosen = max(revised, key=lambda r: r["char_start"]) if revised else min(members, key=rank)
        for r in members:
            if r is not chosen:
                r["role"], r["counted"], r["parent_figure_id"] = "alternative", False, chosen["figure_id"]
