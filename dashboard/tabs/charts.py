"""The Charts tab: displacement and killed and wounded, by province and over time."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import bars, bins
from dashboard.tabs.common import chart
from pipeline.vocab import HARM


def _note(words: str) -> str:
    """What the charts over time leave out, for their bin."""
    return (
        f"The charts over time ({words}, picked from the span of the selection) leave out figures "
        "dated less precisely than their bin (a figure known only to the year, drawn in January, "
        "would look like January's); the charts per province count them."
    )


def draw(src: db.Source, f: Filters) -> None:
    """Displacement and harm charts, two to a row; the charts over time binned for their span."""
    bin_ = bins.choose(*db.dated_span(src, f))
    st.subheader("Displacement")
    left, right = st.columns(2)
    with left:
        by_province = db.displacement_by_province(src, f)
        chart(by_province, bars.displacement_by_province, "No displacement figures.", "dp")
        _apart(by_province, "displaced")
    with right:
        chart(
            db.displacement_over_time(src, f, bin_.name),
            lambda df: bars.displacement_over_time(df, bin_.name),
            f"No displacement figures dated precisely enough to draw {bin_.words}.",
            "dm",
        )

    st.subheader("Killed and wounded")
    left, right = st.columns(2)
    with left:
        empty = f"No killed or wounded figures dated precisely enough to draw {bin_.words}."
        chart(
            db.harm_over_time(src, f, bin_.name), lambda df: bars.harm_over_time(df, bin_.name), empty, "hm"
        )
    with right:
        hurt = db.harm_by_province(src, f)
        chart(hurt, bars.harm_by_province, "No killed or wounded figures.", "hp")
        _apart(hurt.filter(pl.col("kind").is_in(HARM)), "killed or wounded")
    st.caption(_note(bin_.words))


def _apart(frame: pl.DataFrame, what: str) -> None:
    """Say how many people no province holds: they are in the totals, never drawn as a province."""
    people = bars.placed(frame)[1] if not frame.is_empty() else 0
    if people:
        st.caption(f"Not drawn: {people:,} people {what} in figures that name no province (in the totals).")
