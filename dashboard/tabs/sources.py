"""The Sources tab: the articles behind the view, the inputs the batch step rejected, and the
reviews that no row holds any more."""

from __future__ import annotations

import streamlit as st

from dashboard import db, export
from dashboard.filters import Filters
from dashboard.tabs.common import table

ARTICLES_ABOUT = "Articles read; with a province chosen, those with a figure or mention there."


def draw(src: db.Source, f: Filters) -> None:
    """Inner tabs: the filtered articles, and the rejected inputs (not filtered)."""
    articles, rejected, orphans = st.tabs(
        ["Articles", "Rejected inputs", "Reviews without a row"],
        key="sources",
        bind="query-params",
        on_change="rerun",
    )
    if articles.open:
        with articles:
            table(src, f, "articles", ARTICLES_ABOUT)
    if rejected.open:
        with rejected:
            _rejects(src)
    if orphans.open:
        with orphans:
            _orphans(src)


def _rejects(src: db.Source) -> None:
    """The inputs the batch step could not use, with a download."""
    found = db.rejects(src)
    st.caption(f"Input files the batch step could not use (not filtered). {found.height} row(s).")
    if found.is_empty():
        st.info("No input was rejected.")
        return
    st.download_button(
        "Download CSV",
        data=export.csv_bytes(found),
        file_name="sitrep-rejects.csv",
        mime="text/csv",
        key="download_rejects",
        on_click="ignore",
    )
    st.dataframe(found, hide_index=True, key="table_rejects")


def _orphans(src: db.Source) -> None:
    """Reviews whose words the last ingest found in no row: kept in the history, listed here."""
    found = db.review_orphans(src)
    st.caption(
        "Reviews whose words no row holds after the last ingest (the article's text changed, or "
        f"the rules no longer find the row). They stay in the review history. {found.height} row(s)."
    )
    if found.is_empty():
        st.info("Every review found its row.")
        return
    st.download_button(
        "Download CSV",
        data=export.csv_bytes(found),
        file_name="sitrep-review-orphans.csv",
        mime="text/csv",
        key="download_review_orphans",
        on_click="ignore",
    )
    st.dataframe(found, hide_index=True, key="table_review_orphans")
