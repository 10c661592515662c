"""The Capitals tab: the timeline of provincial capitals under pressure, latest status, episodes."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from dashboard import dates, db
from dashboard.filters import Filters
from dashboard.plots import timeline
from dashboard.tabs.common import COLUMN_CONFIG, chart

_STATUS_CONFIG: dict[str, Any] = {
    **COLUMN_CONFIG,
    "is_background": st.column_config.CheckboxColumn("background"),
}


def draw(src: db.Source, f: Filters) -> None:
    """Timeline of capitals under pressure, each capital's latest status, and the episodes."""
    st.subheader("Provincial capitals under pressure")
    bucket = st.radio("Timeline per", list(timeline.BUCKET_WIDTH), horizontal=True, key="bucket")
    grid, status, episodes = db.capitals(src, f, bucket)
    chart(grid, lambda df: timeline.pressure_grid(df, bucket), "No dated pressure mentions.", "pt")
    st.caption(
        "Each square is the highest level a capital reached in that period "
        f"({' < '.join(timeline.ESCALATION)}); hollow squares are background "
        "mentions (earlier events an article recalls); teal is a retaking. A mention dated only "
        "to the month is not in the weekly timeline, one dated only to the year in neither."
    )
    left, right = st.columns(2)
    with left:
        _side_table(
            status,
            "Latest status of each capital",
            "No capital is mentioned under pressure in the selection.",
            "table_status",
            "The latest mention per capital (current ones before background ones), with its evidence.",
        )
    with right:
        _side_table(
            episodes,
            "Pressure episodes",
            "No pressure episode overlaps the selection.",
            "table_episodes",
            "Mentions of one capital no more than a few days apart, grouped by the batch step: "
            "first and last date, highest and latest level, and how many reports.",
        )


def _side_table(frame: pl.DataFrame, heading: str, empty: str, key: str, about: str) -> None:
    """A small table under a bold heading with what its rows are, or why there are none."""
    st.markdown(f"**{heading}**")
    if frame.is_empty():
        st.info(empty)
        return
    st.dataframe(dates.shown(frame), hide_index=True, key=key, column_config=_STATUS_CONFIG)
    st.caption(about)
