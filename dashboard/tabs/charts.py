"""The Charts tab: displacement and killed and wounded, by province and per month."""

from __future__ import annotations

import streamlit as st

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import bars
from dashboard.tabs.common import chart

MONTHLY_NOTE = (
    "The charts per month leave out figures dated only to the year (drawn in January they "
    "would look like January's); the charts per province count them."
)


def draw(src: db.Source, f: Filters) -> None:
    """Displacement and harm charts, two to a row."""
    st.subheader("Displacement")
    left, right = st.columns(2)
    with left:
        chart(
            db.displacement_by_province(src, f),
            bars.displacement_by_province,
            "No displacement figures.",
            "dp",
        )
    with right:
        chart(
            db.displacement_by_month(src, f),
            bars.displacement_by_month,
            "No displacement figures dated to the month.",
            "dm",
        )

    st.subheader("Killed and wounded")
    left, right = st.columns(2)
    with left:
        empty = "No killed or wounded figures dated to the month."
        chart(db.harm_by_month(src, f), bars.harm_by_month, empty, "hm")
    with right:
        chart(db.harm_by_province(src, f), bars.harm_by_province, "No killed or wounded figures.", "hp")
    st.caption(MONTHLY_NOTE)
