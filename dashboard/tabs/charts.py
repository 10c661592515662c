"""The Charts tab: displacement and killed and wounded, by province and over time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import bars, bins
from dashboard.tabs import evidence
from dashboard.tabs.common import chart, table
from pipeline.vocab import HARM


def _note(words: str) -> str:
    """What the charts over time leave out, for their bin."""
    return (
        f"The charts over time ({words}, picked from the span of the selection) leave out figures "
        "dated less precisely than their bin (a figure known only to the year, drawn in January, "
        "would look like January's); the charts per province count them."
    )


def draw(src: db.Source, f: Filters) -> None:
    """Displacement and harm charts, two to a row; the charts over time binned for their span.
    A click on a bar lists the figures it sums under the charts (select one for its evidence)."""
    data = db.charts(src, f)
    bin_ = bins.choose(*data.span)
    clicks: dict[str, list[dict[str, Any]]] = {}
    st.subheader("Displacement")
    left, right = st.columns(2)
    with left:
        clicks["displaced"] = chart(
            data.by_province, bars.displacement_by_province, "No displacement figures.", "dp", clickable=True
        )
        _apart(data.by_province, "displaced")
    with right:
        clicks["displaced "] = chart(
            data.over_time,
            lambda df: bars.displacement_over_time(df, bin_.name),
            f"No displacement figures dated precisely enough to draw {bin_.words}.",
            "dm",
            clickable=True,
        )

    st.subheader("Killed and wounded")
    left, right = st.columns(2)
    with left:
        empty = f"No killed or wounded figures dated precisely enough to draw {bin_.words}."
        clicks["hurt "] = chart(
            data.hurt_over_time, lambda df: bars.harm_over_time(df, bin_.name), empty, "hm", clickable=True
        )
    with right:
        hurt = data.hurt_by_province
        clicks["hurt"] = chart(
            hurt, bars.harm_by_province, "No killed or wounded figures.", "hp", clickable=True
        )
        _apart(hurt.filter(pl.col("kind").is_in(HARM)), "killed or wounded")
    st.caption(_note(bin_.words))
    picked = next(((what, points[0]) for what, points in clicks.items() if points), None)
    if picked is None:
        st.caption("Click a bar to list the figures it sums, and open their evidence.")
        return
    label, narrowed = behind(f, picked[0].strip(), picked[1], bin_)
    with st.container(border=True):
        st.markdown(f"**The figures behind {label}**")
        row = table(src, narrowed, "figures", f"Figures of {label}.", "figure_id")
        if row:
            evidence.for_row(src, "figure", row)


def behind(f: Filters, what: str, point: dict[str, Any], bin_: bins.Bin) -> tuple[str, Filters]:
    """The words for a clicked bar and the filters that give the figures it sums: its province
    (bars across) or its period (bars over time), and its kinds."""
    kinds = ("displaced",) if what == "displaced" else HARM
    words = "people displaced" if what == "displaced" else "people killed or wounded"
    if isinstance(point.get("y"), str):  # a bar across: its province is its label
        province = point["y"]
        return f"{words} in {province}", dataclasses.replace(f, kind=kinds, province=(province,))
    first = dt.date.fromisoformat(str(point["x"])[:10])
    last = bins.last_day(bin_, first)
    when = str(first) if first == last else f"{first} to {last}"
    # Within the sidebar's own dates, which the bar's sum respects too.
    since = max(first, f.since) if f.since else first
    until = min(last, f.until) if f.until else last
    return f"{words}, {when}", dataclasses.replace(f, kind=kinds, since=since, until=until)


def _apart(frame: pl.DataFrame, what: str) -> None:
    """Say how many people no province holds: they are in the totals, never drawn as a province."""
    people = bars.placed(frame)[1] if not frame.is_empty() else 0
    if people:
        st.caption(f"Not drawn: {people:,} people {what} in figures that name no province (in the totals).")
