"""The Tables tab: figures, events, pressure mentions and district events, each with its CSV."""

from __future__ import annotations

import streamlit as st

from dashboard import db
from dashboard.filters import Filters
from dashboard.tabs.common import table

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


def draw(src: db.Source, f: Filters) -> None:
    """Inner tabs with the filtered rows of each view; only the open one runs its queries."""
    tabs = st.tabs([title for _, title, _ in TABLES], key="table", bind="query-params", on_change="rerun")
    for tab, (view, _, about) in zip(tabs, TABLES, strict=True):
        if tab.open:
            with tab:
                table(src, f, view, about)
