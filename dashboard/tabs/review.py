"""Review a figure from its evidence: confirm it, reject it with a reason, correct it, or undo.

Each action is appended to the review history (``pipeline/review/store.py``), anchored to the
figure's words in its article, and shows at once: the views read the history laid over the
database (``db._overlay``); events follow at the next ingest. The reviewer's name is asked once
per browser session. Nothing here renders article text.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import db
from pipeline import vocab
from pipeline.errors import ReviewError
from pipeline.review.fields import provinces
from pipeline.review.store import Action, open_store, record, undo_last

VERBS = {"confirm": "Confirm it", "reject": "Reject it", "correct": "Correct it"}
REASONS = {
    "not_a_casualty": "not a casualty figure",
    "wrong_place": "wrong place",
    "other_country": "another country",
    "duplicate": "a duplicate",
    "chrome": "page furniture, not the article",
    "other": "other (say in the note)",
}


def panel(src: db.Source, found: dict[str, Any]) -> None:
    """The review controls under a figure's evidence, and what the history says of it now."""
    st.markdown("**Review**")
    status = found["review_status"]
    by = f" by {found['reviewed_by']}" if found.get("reviewed_by") else ""
    st.caption(f"Review status: {status}{by}. Events count reviews at the next ingest.")
    # Kept apart from the widget, whose state goes when another tab is open.
    remembered = st.session_state.get("reviewer_name", "")
    reviewer = st.text_input(
        "Your name (kept for this browser session)", value=remembered, key="reviewer"
    ).strip()
    st.session_state["reviewer_name"] = reviewer
    if not reviewer:
        st.info("Give your name to review this figure.")
        return
    with st.form(key=f"review_{found['id']}", clear_on_submit=False):
        verb = st.radio("Action", list(VERBS), format_func=VERBS.get, horizontal=True, key="review_verb")
        reason = st.selectbox("Reason (for a rejection)", list(REASONS), format_func=REASONS.get)
        value = st.number_input(
            "Value (for a correction)",
            min_value=0,
            step=1,
            value=int(found["value"] or 0),
            key="review_value",
        )
        kind = st.selectbox("Kind", vocab.KINDS, index=vocab.KINDS.index(found["kind"]))
        options = ["", *sorted(provinces())]
        province = st.selectbox("Province", options, index=options.index(found["province"] or ""))
        note = st.text_input("Note")
        submitted = st.form_submit_button("Record")
    if submitted:
        _record(src, found, reviewer, verb, reason, value, kind, province, note)
    if st.button("Undo my last review", key="review_undo"):
        with open_store(src.reviews) as store:
            undone = undo_last(store, reviewer)
        st.toast("Nothing of yours to undo." if undone is None else "Your last review was undone.")
        st.rerun()


def _record(
    src: db.Source, found: dict[str, Any], reviewer: str, verb: str, reason: str, value: int, kind: str,
    province: str, note: str,
) -> None:  # fmt: skip
    """Append one action for the figure shown; a refused value is said, nothing is written."""
    fields: dict[str, object] = {}
    if verb == "correct":
        changed = {"value": value, "kind": kind, "province": province or None}
        was = {"value": found["value"], "kind": found["kind"], "province": found["province"]}
        fields = {k: v for k, v in changed.items() if v != was[k] and v is not None}
        if not fields:
            st.warning("Nothing to correct: change the value, the kind or the province first.")
            return
    action = Action(
        "figure", verb, found["article_id"], found["char_start"], found["char_end"], found["anchor_text"],
        reviewer, row_id=found["id"], fields=fields, reason=reason if verb == "reject" else None,
        note=note or None,
    )  # fmt: skip
    try:
        with open_store(src.reviews) as store:
            record(store, action)
    except ReviewError as err:
        st.error(str(err))
        return
    st.toast(f"Recorded: {verb} by {reviewer}.")
    st.rerun()
