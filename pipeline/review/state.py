"""The current review of each anchor, folded from the history.

Actions count in the order they were recorded, except those an undo points at (and the undos
themselves). For each anchor the latest remaining action decides the status: confirm →
confirmed, correct → corrected, reject → rejected; a row an analyst added stays ``added``
until it is rejected. Corrections accumulate field by field, a later value of a field
replacing an earlier one, and outlast a later confirm (the corrected row is what was
confirmed). An anchor whose every action was undone has no review.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from pipeline.review.anchor import Anchor
from pipeline.review.store import Action

STATUS_OF = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected", "add": "added"}


@dataclasses.dataclass(frozen=True)
class Review:
    anchor: Anchor
    status: str  # confirmed, corrected, rejected or added
    fields: dict[str, object]  # the corrected (or added) values, by field
    reviewed_by: str  # who took the deciding action
    reviewed_at: str  # when (UTC, ISO 8601)
    reason: str | None  # why it was rejected
    note: str | None  # the deciding action's note
    row_id: str | None  # the row's id when the deciding action was taken
    action_ids: tuple[int, ...]  # the actions it rests on, oldest first


def fold(actions: Iterable[Action]) -> dict[Anchor, Review]:
    """Each anchor's current review, in the order anchors were first reviewed."""
    actions = list(actions)
    undone = {a.undoes for a in actions if a.action == "undo"}
    by_anchor: dict[Anchor, list[Action]] = {}
    for action in actions:
        if action.action != "undo" and action.action_id not in undone:
            by_anchor.setdefault(action.anchor, []).append(action)
    return {anchor: _review(anchor, kept) for anchor, kept in by_anchor.items()}


def _review(anchor: Anchor, actions: list[Action]) -> Review:
    last = actions[-1]
    fields: dict[str, object] = {}
    for action in actions:
        fields.update(action.fields)
    added = any(a.action == "add" for a in actions)
    status = "added" if added and last.action != "reject" else STATUS_OF[last.action]
    return Review(
        anchor,
        status,
        fields,
        last.reviewer,
        last.created_at or "",
        last.reason,
        last.note,
        last.row_id,
        tuple(a.action_id for a in actions if a.action_id is not None),
    )
