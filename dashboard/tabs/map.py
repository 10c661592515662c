"""The Map tab: provinces shaded by people displaced or hurt, capitals by their highest level.

The outlines and the capitals' coordinates are read once per process (both loaders are
cached), so a rerun reads no file; only the two queries run.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import province_map
from pipeline.extract.places import capital_coordinates


def draw(src: db.Source, f: Filters) -> None:
    """The offline map with a choice of what shades the provinces, and what it leaves out."""
    metric = st.radio(
        "Shade provinces by",
        list(province_map.METRICS),
        format_func=lambda m: province_map.METRICS[m][0],
        horizontal=True,
        key="map_metric",
    )
    totals = db.province_totals(src, f)
    levels = db.capital_levels(src, f)
    fig = province_map.figure(totals, levels, capital_coordinates(), metric)
    st.plotly_chart(fig, key="map", config={"displaylogo": False, "scrollZoom": False})
    shaded = totals.filter(pl.col(metric) > 0).height
    st.caption(
        f"{shaded} province(s) with {province_map.METRICS[metric][0].lower()} in the selection; "
        f"{levels.height} capital(s) with current pressure mentions (grey: none). "
        "Figures without a province are not on the map. Outlines: Natural Earth (public domain)."
    )
