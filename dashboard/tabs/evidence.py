"""The Evidence tab: one figure, pressure mention or district event, its sentence highlighted in its article.

Article text is never HTML: it is shown as plain text, or as Markdown in which every punctuation
character is escaped (``dashboard/excerpt.py``), so the only markup is the highlight.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import dates, db, excerpt
from dashboard.filters import Filters
from dashboard.tabs import review
from dashboard.tabs.common import MAX_SHOWN, event_reports
from pipeline.citation import HOW_FOUND, citation
from pipeline.settings import Settings

# What evidence can be shown for: kind → (view, id column, what the picker calls it).
EVIDENCE_KINDS = {
    "figure": ("figures", "figure_id", "a figure"),
    "pressure": ("pressure", "pressure_id", "a pressure mention"),
    "district_event": ("district_events", "district_event_id", "a district event"),
}


def _choice_label(row: dict[str, Any], kind: str) -> str:
    """``2016-10-10 · Helmand · killed 14 — The militants killed 14 …`` for the picker."""
    what = {
        "figure": lambda: f"{row['kind']} {row['number_text']}",
        "pressure": lambda: f"{row['capital']} {row['level']}",
        "district_event": lambda: f"{row['district']} {row['status']}",
    }[kind]()
    place = row.get("province") or "no province"
    sentence = row["sentence"] if len(row["sentence"]) <= 80 else row["sentence"][:79] + "…"
    when = dates.text(row["event_date"], row["date_precision"]) or "undated"
    return f"{when} · {place} · {what} — {sentence}"


def draw(src: db.Source, f: Filters) -> None:
    """Pick a figure, pressure mention or district event (same filters as the tables); see its evidence."""
    kind = st.radio(
        "Evidence for",
        list(EVIDENCE_KINDS),
        format_func=lambda k: EVIDENCE_KINDS[k][2],
        horizontal=True,
        key="evidence_kind",
    )
    view, id_column, _ = EVIDENCE_KINDS[kind]
    frame = db.rows(src, view, f, MAX_SHOWN)
    if frame.is_empty():
        st.info(f"No {view.replace('_', ' ')} in the selection: widen the filters to see evidence.")
        return
    labels = {r[id_column]: _choice_label(r, kind) for r in frame.head(MAX_SHOWN).iter_rows(named=True)}
    chosen = st.selectbox(
        "Row (same filters as the tables)",
        list(labels),
        format_func=lambda i: labels.get(i, i),
        key=f"evidence_{kind}",
    )
    for_row(src, kind, chosen)


def for_row(src: db.Source, kind: str, row_id: str | None) -> None:
    """One row's evidence, its review controls, and the reports of its event (for a figure)."""
    found = db.evidence(src, kind, row_id) if row_id else None
    if found is None:
        st.info("Choose a row to see its evidence.")
        return
    show(found)
    # SITREP_READONLY=1 serves the dashboard without review controls (for publishing a view).
    if src.reviews and not Settings.load().readonly:
        st.markdown("**Review**")
        name = review.reviewer()
        review.panel(src, kind, found, name)
        review.add_form(src, found, name)
    if found.get("event_id"):
        st.markdown("**Reports of the same event**")
        event_reports(src, found["event_id"])


def _confidence(level: str, reason: str | None) -> str:
    """``medium (no place)``, or ``high`` when nothing lowers it."""
    return f"{level} ({reason})" if reason else level


def _found(value: str | None, how: str | None, missing: str) -> str:
    """``Reuters (read from the page's dateline)``, or what stands for a value not found."""
    if not value:
        return missing
    return f"{value} ({HOW_FOUND.get(how, how)})" if how else value


def citation_line(found: dict[str, Any]) -> str:
    """The standard citation of an evidence row's article."""
    return citation(
        source=found["source"],
        title=found["title"],
        author=found["author"],
        published=found["published"],
        precision=found["published_precision"],
        url=found["url"],
        file=found["file"],
    )


def show(found: dict[str, Any]) -> None:
    """Title, source, author, dates and link as text, each with how it was found; a citation to
    copy; then the paragraph and the article with the sentence marked."""
    published = dates.text(found["published"], found["published_precision"])
    meta = [
        ("Title", _found(found["title"], found["title_from"], "(no title)")),
        ("Source", _found(found["source"], found["source_from"], "(unknown)")),
        ("Author", _found(found["author"], found["author_from"], "(not named)")),
        ("Published", _found(published, found["date_source"], "undated")),
        ("Event date", dates.text(found["event_date"], found["date_precision"]) or "undated"),
        ("Confidence", _confidence(found["confidence"], found["confidence_reason"])),
        (
            "Told by",
            f"{found['claimed_by'] or '(nobody named)'} ({found['claimant_type'].replace('_', ' ')})",
        ),
        ("Link", _found(found["url"], found["url_from"], "(none)")),
        ("File", found["file"]),
    ]
    # st.text: the metadata is shown verbatim, a link is never made clickable.
    st.text("\n".join(f"{name}: {value}" for name, value in meta))
    # st.code: plain text with a copy button, never rendered as HTML or Markdown.
    st.caption("Citation (copy with the button at its right)")
    st.code(citation_line(found), language=None)
    text = found["text"]
    start, end = found["sentence_start"], found["sentence_end"]
    with st.container(border=True):
        st.markdown(excerpt.highlighted_markdown(excerpt.excerpt(text, start, end)))
    with st.expander("Whole article, sentence marked ⟦ ⟧"):
        st.text(excerpt.marked_text(excerpt.excerpt(text, start, end, whole=True)))
