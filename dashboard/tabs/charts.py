"""The Charts tab: displacement and killed and wounded, by province and per month."""

from __future__ import annotations

import streamlit as st

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import bars
from dashboard.tabs.common import chart


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
            "No dated displacement figures.",
            "dm",
        )

    st.subheader("Killed and wounded")
    left, right = st.columns(2)
    with left:
        chart(db.harm_by_month(src, f), bars.harm_by_month, "No dated killed or wounded figures.", "hm")
    with right:
        chart(db.harm_by_province(src, f), bars.harm_by_province, "No killed or wounded figures.", "hp")
