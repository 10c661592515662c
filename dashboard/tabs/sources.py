"""The Sources tab: the articles behind the view, the inputs the batch step rejected, and the
reviews that no row holds any more."""

from __future__ import annotations

import polars as pl
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
    about = "Input files the batch step could not use (not filtered)."
    _listing(db.rejects(src), about, "No input was rejected.", "rejects")


def _orphans(src: db.Source) -> None:
    """Reviews whose words the last ingest found in no row: kept in the history, listed here."""
    about = (
        "Reviews whose words no row holds after the last ingest (the article's text changed, or "
        "the rules no longer find the row). They stay in the review history."
    )
    _listing(db.review_orphans(src), about, "Every review found its row.", "review_orphans")


def _listing(found: pl.DataFrame, about: str, empty: str, name: str) -> None:
    """An unfiltered list with what it is, how many rows, its CSV, or why it is empty."""
    st.caption(f"{about} {found.height} row(s).")
    if found.is_empty():
        st.info(empty)
        return
    st.download_button(
        "Download CSV",
        data=export.csv_bytes(found),
        file_name=f"sitrep-{name.replace('_', '-')}.csv",
        mime="text/csv",
        key=f"download_{name}",
        on_click="ignore",
    )
    st.dataframe(found, hide_index=True, key=f"table_{name}")
