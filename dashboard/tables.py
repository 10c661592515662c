"""The main area's lower half: filtered tables with downloads, evidence in context, sources.

Layout only; queries come from ``db``, CSV bytes from ``export``, evidence text from
``evidence``. Article text is shown as escaped Markdown or plain text, never as HTML.
"""

from __future__ import annotations

import functools
from typing import Any

import polars as pl
import streamlit as st

from dashboard import db, evidence, export
from dashboard.filters import Filters, describe, view_label

# view, tab title, what the rows are
TABLES = (
    (
        "figures",
        "Figures",
        "Numbers of people killed, wounded or displaced, with the sentence they come from.",
    ),
    ("events", "Events", "Happenings told by one or more reports, each with the figure chosen for it."),
    ("pressure", "Pressure mentions", "Mentions of a provincial capital threatened, attacked, besieged, ..."),
    ("district_events", "District events", "Districts threatened, fallen or retaken."),
)
SOURCES = (
    "articles",
    "Articles",
    "Articles read; with a province chosen, those with a figure or mention there.",
)
# What nothing_matches looks at: every filtered table.
VIEWS = tuple(view for view, _, _ in TABLES) + ("articles",)

# Dates without a time of day; evidence wide enough to read. `url` stays a plain text column
# (no LinkColumn), so a link taken from an article is never made clickable.
COLUMN_CONFIG: dict[str, Any] = {
    **{
        name: st.column_config.DateColumn(name, format="YYYY-MM-DD")
        for name in ("event_date", "published", "date_start", "date_end", "first_date", "last_date")
    },
    "sentence": st.column_config.TextColumn("sentence", width="large"),
    "title": st.column_config.TextColumn("title", width="medium"),
}
MAX_SHOWN = 10_000
EVIDENCE_KINDS = {"figure": ("figures", "figure_id"), "pressure": ("pressure", "pressure_id")}


def csv_frame(frame: pl.DataFrame, view: str, f: Filters) -> pl.DataFrame:
    """The rows a download holds: figures say which view they are (``events`` or ``every-report``)."""
    if view == "figures":
        return frame.with_columns(pl.lit(view_label(f)).alias("view"))
    return frame


def table_csv(src: db.Source, view: str, f: Filters) -> bytes:
    """CSV bytes of every row the table for ``view`` stands for (built when the button is clicked)."""
    return export.csv_bytes(csv_frame(db.rows(src, view, f), view, f))


def _about(view: str, about: str, f: Filters) -> str:
    if view == "figures" and f.each_event:
        return about + " One row per event: the figure chosen for it, and how many reports told it."
    if view == "figures":
        return about + " Every report's figure, including reports of an event told elsewhere too."
    return about


def _table(src: db.Source, f: Filters, view: str, about: str) -> None:
    """One filtered table with a CSV download of the same rows and a caption saying what they are."""
    total = db.count(src, view, f)
    frame = db.rows(src, view, f, MAX_SHOWN)
    # The button comes first: once the caption below shows these filters, the button is current too.
    # Its bytes are made only when it is clicked: a filter change never builds a CSV of a million rows.
    st.download_button(
        "Download CSV",
        data=functools.partial(table_csv, src, view, f),
        file_name=export.filename(view, f),
        mime="text/csv",
        key=f"download_{view}",
        on_click="ignore",
        disabled=frame.is_empty(),
    )
    st.caption(f"{_about(view, about, f)} {total} row(s) for {describe(f)}.")
    if frame.is_empty():
        st.info("No rows match the filters.")
        return
    if total > MAX_SHOWN:
        # A browser table of a million rows helps no one; the download holds them all.
        st.caption(f"Showing the first {MAX_SHOWN:,} rows; the CSV holds all {total:,}.")
    st.dataframe(frame.head(MAX_SHOWN), hide_index=True, key=f"table_{view}", column_config=COLUMN_CONFIG)


def table_sections(src: db.Source, f: Filters) -> None:
    """Tabs with the filtered rows of each view."""
    tabs = st.tabs([title for _, title, _ in TABLES], key="table", bind="query-params", on_change="rerun")
    for tab, (view, _, about) in zip(tabs, TABLES, strict=True):
        if tab.open:
            with tab:
                _table(src, f, view, about)


def _choice_label(row: dict[str, Any], kind: str) -> str:
    """``2016-10-10 · Helmand · killed 14 — The militants killed 14 …`` for the evidence picker."""
    what = f"{row['kind']} {row['number_text']}" if kind == "figure" else f"{row['capital']} {row['level']}"
    place = row.get("province") or "no province"
    sentence = row["sentence"] if len(row["sentence"]) <= 80 else row["sentence"][:79] + "…"
    return f"{row['event_date'] or 'undated'} · {place} · {what} — {sentence}"


def evidence_section(src: db.Source, f: Filters) -> None:
    """Pick a figure or pressure mention; see its sentence highlighted in its article."""
    kind = st.radio(
        "Evidence for",
        list(EVIDENCE_KINDS),
        format_func=lambda k: "a figure" if k == "figure" else "a pressure mention",
        horizontal=True,
        key="evidence_kind",
    )
    view, id_column = EVIDENCE_KINDS[kind]
    frame = db.rows(src, view, f, MAX_SHOWN)
    if frame.is_empty():
        st.info(f"No {view} in the selection: widen the filters to see evidence.")
        return
    labels = {r[id_column]: _choice_label(r, kind) for r in frame.head(MAX_SHOWN).iter_rows(named=True)}
    chosen = st.selectbox(
        "Row (same filters as the tables)",
        list(labels),
        format_func=lambda i: labels.get(i, i),
        key=f"evidence_{kind}",
    )
    found = db.evidence(src, kind, chosen) if chosen else None
    if found is None:
        st.info("Choose a row to see its evidence.")
        return
    show_evidence(found)


def show_evidence(found: dict[str, Any]) -> None:
    """Title, source, date and link as text, then the paragraph and the article with the sentence marked."""
    meta = [
        ("Title", found["title"] or "(no title)"),
        ("Source", found["source"] or "(unknown)"),
        ("Published", str(found["published"] or "undated")),
        ("Event date", str(found["event_date"] or "undated")),
        ("Link", found["url"] or "(none)"),
        ("File", found["file"]),
    ]
    # st.text: the metadata is shown verbatim, a link is never made clickable.
    st.text("\n".join(f"{name}: {value}" for name, value in meta))
    text = found["text"]
    start, end = found["sentence_start"], found["sentence_end"]
    with st.container(border=True):
        st.markdown(evidence.highlighted_markdown(evidence.excerpt(text, start, end)))
    with st.expander("Whole article, sentence marked ⟦ ⟧"):
        st.text(evidence.marked_text(evidence.excerpt(text, start, end, whole=True)))


def sources_section(src: db.Source, f: Filters) -> None:
    """The articles behind the current view, and the inputs the batch step rejected."""
    articles, rejected_tab = st.tabs(
        ["Articles", "Rejected inputs"], key="sources", bind="query-params", on_change="rerun"
    )
    if articles.open:
        with articles:
            view, _, about = SOURCES
            _table(src, f, view, about)
    if rejected_tab.open:
        with rejected_tab:
            _rejects(src)


def _rejects(src: db.Source) -> None:
    """The inputs the batch step could not use, with a download."""
    rejected = db.rejects(src)
    st.caption(f"Input files the batch step could not use (not filtered). {rejected.height} row(s).")
    if rejected.is_empty():
        st.info("No input was rejected.")
    else:
        st.download_button(
            "Download CSV",
            data=export.csv_bytes(rejected),
            file_name="sitrep-rejects.csv",
            mime="text/csv",
            key="download_rejects",
            on_click="ignore",
        )
        st.dataframe(rejected, hide_index=True, key="table_rejects")


def nothing_matches(src: db.Source, f: Filters) -> bool:
    """True when no figure, event, pressure mention, district event or article passes the filters."""
    return not db.anything(src, VIEWS, f)
