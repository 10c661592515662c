"""The main area's upper half: headline numbers, the map, charts and capitals under pressure.

Layout only; queries come from ``db``, figures from ``charts`` and ``maps``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import charts, db, maps
from dashboard.filters import Filters, describe
from dashboard.tables import COLUMN_CONFIG
from pipeline.extract.places import capital_coordinates

HEADLINE = (
    ("displaced", "People displaced"),
    ("killed", "Killed"),
    ("wounded", "Wounded"),
    ("capitals", "Capitals under pressure"),
    ("articles", "Reports read"),
)


def span(first: dt.date | None, last: dt.date | None) -> str:
    """``2016-10-10 to 2021-07-08``, one date when they agree, or a note that nothing is dated."""
    if first is None:
        return "no dated item"
    return str(first) if first == last else f"{first} to {last}"


def victim_split(frame: pl.DataFrame, kind: str) -> str:
    """``militants 69 · mixed 14`` for one kind, from ``db.harm_by_victims``."""
    part = frame.filter(pl.col("kind") == kind)
    return " · ".join(f"{v.replace('_', ' ')} {n:,}" for v, n in part.select("victims", "people").rows())


def _counting(f: Filters) -> str:
    return "each event once" if f.each_event else "every report"


def headline(src: db.Source, f: Filters) -> None:
    """What is selected, and five headline numbers for it, each with the dates it covers."""
    st.caption(f"Showing {describe(f)}. Figures count {_counting(f)}.")
    t = db.totals(src, f)
    split = db.harm_by_victims(src, f)
    helps: dict[str, str] = {
        "displaced": "Sum of people displaced.",
        "killed": "Sum of people killed, by victim group below.",
        "wounded": "Sum of people wounded, by victim group below.",
        "capitals": (
            "Provincial capitals whose latest current (not background) mention in the selection is "
            "'threatened' or worse; a capital whose latest mention is a retaking is not counted."
        ),
        "articles": "Articles in the selection (by publication date).",
    }
    for col, (key, label) in zip(st.columns(len(HEADLINE)), HEADLINE, strict=True):
        value = t[key]
        col.metric(label, f"{value:,}", help=helps[key])
        col.caption(span(t[f"{key}_first"], t[f"{key}_last"]))
        if key in ("killed", "wounded") and value:
            col.caption(victim_split(split, key))
    st.caption(
        f"Sums count {_counting(f)}: "
        + (
            "one figure per event, chosen from its reports by the batch step. "
            if f.each_event
            else "every report's figure; an event told in several articles is counted more than once. "
        )
        + "A figure repeated within one article, or a part of a stated total, is never summed."
    )


def _chart(frame: pl.DataFrame, draw: Callable[[pl.DataFrame], go.Figure], empty: str, key: str) -> None:
    """Draw a chart, or say why there is none instead of showing empty axes."""
    if frame.is_empty():
        st.info(empty)
        return
    st.plotly_chart(draw(frame), key=key, config={"displaylogo": False})


def map_section(src: db.Source, f: Filters) -> None:
    """Provinces shaded by people displaced or hurt; capitals coloured by their highest level."""
    metric = st.radio(
        "Shade provinces by",
        list(maps.METRICS),
        format_func=lambda m: maps.METRICS[m][0],
        horizontal=True,
        key="map_metric",
    )
    totals = db.province_totals(src, f)
    levels = db.capital_levels(src, f)
    fig = maps.figure(totals, levels, capital_coordinates(), metric)
    st.plotly_chart(fig, key="map", config={"displaylogo": False, "scrollZoom": False})
    shaded = totals.filter(pl.col(metric) > 0).height
    st.caption(
        f"{shaded} province(s) with {maps.METRICS[metric][0].lower()} in the selection; "
        f"{levels.height} capital(s) with current pressure mentions (grey: none). "
        "Figures without a province are not on the map. Outlines: Natural Earth (public domain)."
    )


def chart_sections(src: db.Source, f: Filters) -> None:
    """Displacement and harm charts, two to a row."""
    st.subheader("Displacement")
    left, right = st.columns(2)
    with left:
        _chart(
            db.displacement_by_province(src, f),
            charts.displacement_by_province,
            "No displacement figures.",
            "dp",
        )
    with right:
        _chart(
            db.displacement_by_month(src, f),
            charts.displacement_by_month,
            "No dated displacement figures.",
            "dm",
        )

    st.subheader("Killed and wounded")
    left, right = st.columns(2)
    with left:
        _chart(db.harm_by_month(src, f), charts.harm_by_month, "No dated killed or wounded figures.", "hm")
    with right:
        _chart(db.harm_by_province(src, f), charts.harm_by_province, "No killed or wounded figures.", "hp")


_STATUS_CONFIG: dict[str, Any] = {
    **COLUMN_CONFIG,
    "is_background": st.column_config.CheckboxColumn("background"),
}


def pressure_section(src: db.Source, f: Filters) -> None:
    """Timeline of capitals under pressure, each capital's latest status, and the episodes."""
    st.subheader("Provincial capitals under pressure")
    bucket = st.radio("Timeline per", list(charts.BUCKET_WIDTH), horizontal=True, key="bucket")
    grid = db.pressure_grid(src, f, bucket)
    _chart(grid, lambda df: charts.pressure_grid(df, bucket), "No dated pressure mentions.", "pt")
    st.caption(
        "Each square is the highest level a capital reached in that period "
        "(threatened < attacked < besieged < breached < fell); hollow squares are background "
        "mentions (earlier events an article recalls); teal is a retaking."
    )
    left, right = st.columns(2)
    with left:
        _side_table(
            db.capital_status(src, f),
            "Latest status of each capital",
            "No capital is mentioned under pressure in the selection.",
            "table_status",
            "The latest mention per capital (current ones before background ones), with its evidence.",
        )
    with right:
        _side_table(
            db.rows(src, "pressure_episodes", f),
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
    st.dataframe(frame, hide_index=True, key=key, column_config=_STATUS_CONFIG)
    st.caption(about)


def footer(src: db.Source) -> None:
    """When and how the database was built."""
    run = db.last_run(src)
    if run:
        st.caption(
            f"Database {src.path}, built {run['finished_at']:%Y-%m-%d %H:%M} "
            f"by extractor {run['extractor']}: "
            f"{run['n_read']} input(s) read, {run['n_loaded']} loaded, {run['n_rejected']} rejected."
        )
    else:
        st.caption(f"Database {src.path}.")
