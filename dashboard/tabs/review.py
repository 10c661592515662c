"""Review a row from its evidence: confirm it, reject it with a reason, correct any field, undo;
and add a figure the rules missed, from a sentence of the article shown.

Each action is appended to the review history (``pipeline/review/store.py``), anchored to the
row's words in its article, and shows at once: the views read the history laid over the
database (``db._overlay``); events, pressure episodes and added figures follow at the next
ingest. The reviewer's name is asked once per browser session. Nothing here renders article
text: sentences are offered as plain option labels.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard import db
from pipeline.errors import ReviewError
from pipeline.review.added import sentences
from pipeline.review.fields import CHOICES, NUMBERS, VIEW_COLUMNS, provinces
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
# What each field is called on the form, per target where it differs.
LABELS = {
    ("pressure", "place"): "capital",
    ("district_event", "place"): "district",
    ("district_event", "status_district"): "status",
}
WHAT = {"figure": "figure", "pressure": "pressure mention", "district_event": "district event"}


def reviewer() -> str:
    """The reviewer's name, asked once per browser session ('' until it is given)."""
    # Kept apart from the widget, whose state goes when another tab is open.
    remembered = st.session_state.get("reviewer_name", "")
    name = st.text_input("Your name (kept for this browser session)", value=remembered, key="reviewer")
    name = name.strip()
    st.session_state["reviewer_name"] = name
    return name


def panel(src: db.Source, target: str, found: dict[str, Any], name: str) -> None:
    """The review controls under a row's evidence, and what the history says of it now; ``name``
    is the reviewer's (see ``reviewer``), asked under the heading ``for_row`` writes."""
    by = f" by {found['reviewed_by']}" if found.get("reviewed_by") else ""
    st.caption(
        f"Review status: {found['review_status']}{by}. Numbers and tables show a review at once; "
        "events and pressure episodes follow at the next ingest."
    )
    if not name:
        st.info(f"Give your name to review this {WHAT[target]}.")
        return
    now = db.review_values(src, target, found["id"]) or {}
    with st.form(key=f"review_{found['id']}", clear_on_submit=False):
        verb = st.radio("Action", list(VERBS), format_func=VERBS.get, horizontal=True, key="review_verb")
        left, right = st.columns(2)
        reason = left.selectbox("Reason (for a rejection)", list(REASONS), format_func=REASONS.get)
        note = right.text_input("Note")
        st.caption("For a correction, change the fields that are wrong; the others stay as they are.")
        columns = st.columns(3)
        edited = {}
        for i, field in enumerate(VIEW_COLUMNS[target]):
            with columns[i % 3]:
                edited[field] = _widget(target, field, now.get(field), f"fix_{found['id']}_{field}")
        submitted = st.form_submit_button("Record")
    if submitted:
        fields = _changed(edited, now) if verb == "correct" else {}
        if verb == "correct" and not fields:
            st.warning("Nothing to correct: change a field first.")
        else:
            _save(src, Action(
                target, verb, found["article_id"], found["char_start"], found["char_end"],
                found["anchor_text"], name, row_id=found["id"], fields=fields,
                before={field: now.get(field) for field in fields},
                reason=reason if verb == "reject" else None, note=note or None,
            ))  # fmt: skip
    if st.button("Undo my last review", key="review_undo"):
        with open_store(src.reviews) as store:
            undone = undo_last(store, name)
        st.toast("Nothing of yours to undo." if undone is None else "Your last review was undone.")
        st.rerun()


def add_form(src: db.Source, found: dict[str, Any], name: str) -> None:
    """Add a figure the rules missed: pick its sentence in this article, give its words and fields."""
    with st.expander("Add a figure the rules missed in this article"):
        if not name:
            st.info("Give your name above to add a figure.")
            return
        text = found["text"]
        spans = sentences(text)
        pick = st.selectbox(
            "Sentence",
            range(len(spans)),
            format_func=lambda i: _shortened(text[spans[i][0] : spans[i][1]]),
            key=f"add_sentence_{found['article_id']}",
        )
        with st.form(key=f"add_{found['article_id']}"):
            words = st.text_input("The number as written in that sentence (e.g. 'at least 33')")
            columns = st.columns(3)
            values = {}
            for i, field in enumerate(VIEW_COLUMNS["figure"]):
                with columns[i % 3]:
                    values[field] = _widget("figure", field, None, f"add_{field}")
            note = st.text_input("Note", key="add_note")
            submitted = st.form_submit_button("Add figure")
        if not submitted:
            return
        start, end = spans[pick]
        at = text.find(words.strip(), start, end) if words.strip() else -1
        if at < 0:
            st.error("Those words are not in the sentence chosen: copy the number as the sentence writes it.")
            return
        fields = _changed(values, {})
        _save(src, Action(
            "figure", "add", found["article_id"], at, at + len(words.strip()), words.strip(), name,
            fields=fields, note=note or None,
        ))  # fmt: skip


def _shortened(sentence: str, width: int = 110) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _widget(target: str, field: str, value: object, key: str) -> object:
    """One correctable field's input, showing its current value."""
    label = LABELS.get((target, field), field.replace("_", " "))
    if field in CHOICES:
        options = ["", *CHOICES[field]]
        return st.selectbox(label, options, index=options.index(value) if value in options else 0, key=key)
    if field in NUMBERS:
        return st.number_input(label, min_value=0, step=1, value=value, key=key)
    if field == "province":
        options = ["", *sorted(provinces())]
        return st.selectbox(label, options, index=options.index(value) if value in options else 0, key=key)
    if field == "event_date":
        return st.date_input(label, value=value, key=key)
    return st.text_input(label, value=value or "", key=key)


def _changed(edited: dict[str, object], now: dict[str, object]) -> dict[str, object]:
    """The fields given a value that differs from the current one (an emptied field is left as it was)."""
    out: dict[str, object] = {}
    for field, value in edited.items():
        if value is None or value == "":
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
            if now.get(field) is not None and now[field].isoformat() == value:
                continue
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            value = value.strip()
        if value != now.get(field):
            out[field] = value
    return out


def _save(src: db.Source, action: Action) -> None:
    """Append one action; a refused value is said, and nothing is written."""
    try:
        with open_store(src.reviews) as store:
            record(store, action)
    except ReviewError as err:
        st.error(str(err))
        return
    later = " It counts from the next ingest." if action.action == "add" else ""
    st.toast(f"Recorded: {action.action} by {action.reviewer}.{later}")
    st.rerun()
