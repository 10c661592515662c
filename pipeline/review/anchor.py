"""Where a review points: words of an article, not a row id.

Row ids are made by extraction and change when the rules do; the article's content hash and
the span and words of the number, the trigger or the district do not (or move only a little).
A review is kept against its anchor, and ``match`` finds the row an anchor points at now.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from pipeline.review.fields import ANCHOR_COLUMNS

# How far (in characters) the same words may have moved and still be the same mention.
NEARBY_CHARS = 200


@dataclasses.dataclass(frozen=True)
class Anchor:
    target: str  # figure, pressure or district_event
    article_id: str  # first 16 hex of sha256 of the article's text
    char_start: int
    char_end: int
    text: str  # the number as written, the trigger words, or the district's name


def anchor_of(row: Mapping[str, object], target: str) -> Anchor:
    """The anchor of a row of the public view for ``target`` (figures, pressure, district_events)."""
    return Anchor(
        target,
        str(row["article_id"]),
        int(row["char_start"]),
        int(row["char_end"]),
        str(row[ANCHOR_COLUMNS[target]]),
    )


def match(
    anchors: Sequence[Anchor], rows: Mapping[str, Sequence[Mapping[str, object]]]
) -> list[Mapping[str, object] | None]:
    """For each anchor, the row of ``rows[anchor.target]`` it points at now, or None.

    Only rows of the same article are candidates. In order of preference: the same span with
    the same words; the same span (a figure or a pressure mention whose words were re-read;
    a district is its name, so never another district on the same span); a span overlapping
    it with the same words (a rule now takes a word more or less); the same words starting
    within ``NEARBY_CHARS``. Within one tier the nearest start wins, then the nearest end.
    """
    index: dict[tuple[str, str], list[tuple[Anchor, Mapping[str, object]]]] = {}
    for target, target_rows in rows.items():
        for row in target_rows:
            found = anchor_of(row, target)
            index.setdefault((target, found.article_id), []).append((found, row))
    return [_best(anchor, index.get((anchor.target, anchor.article_id), [])) for anchor in anchors]


def _best(anchor: Anchor, candidates: list[tuple[Anchor, Mapping[str, object]]]) -> Mapping | None:
    ranked = []
    for position, (found, row) in enumerate(candidates):
        tier = _tier(anchor, found)
        if tier is not None:
            distance = (abs(found.char_start - anchor.char_start), abs(found.char_end - anchor.char_end))
            ranked.append((tier, distance, position, row))
    return min(ranked, key=lambda r: r[:3])[3] if ranked else None


def _tier(anchor: Anchor, found: Anchor) -> int | None:
    same_span = (found.char_start, found.char_end) == (anchor.char_start, anchor.char_end)
    same_text = found.text == anchor.text
    if same_span and same_text:
        return 0
    if same_span and anchor.target != "district_event":
        return 1
    if same_text and found.char_start < anchor.char_end and anchor.char_start < found.char_end:
        return 2
    if same_text and abs(found.char_start - anchor.char_start) <= NEARBY_CHARS:
        return 3
    return None
