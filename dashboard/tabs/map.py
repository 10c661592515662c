"""The Map tab: provinces shaded by people displaced or hurt, capitals by their highest level.

The outlines and the capitals' coordinates are read once per process (both loaders are
cached), so a rerun reads no file; only the two queries run.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import polars as pl
import streamlit as st

from dashboard import db, headline
from dashboard.filters import Filters
from dashboard.plots import province_map
from dashboard.tabs import evidence
from dashboard.tabs.common import points, table
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
    totals, levels = db.map_data(src, f)
    fig = province_map.figure(totals, levels, capital_coordinates(), metric)
    picked = st.plotly_chart(
        fig,
        key="map",
        config={"displaylogo": False, "scrollZoom": False},
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(caption(totals, levels, metric, headline.numbers(src, f)[0].totals["capitals"]))
    _opened(src, f, picked)


def caption(totals: pl.DataFrame, levels: pl.DataFrame, metric: str, under_pressure: int) -> str:
    """What the map shows in words: the shaded provinces by name (the map cannot write them
    offline), and the capitals counted as the headline counts them."""
    label = province_map.METRICS[metric][0].lower()
    shaded = totals.filter(pl.col(metric) > 0).sort([metric, "province"], descending=[True, False])
    named = "; ".join(f"{r['province']} {r[metric]:,}" for r in shaded.iter_rows(named=True))
    mentioned = levels.height
    return (
        f"{label.capitalize()}: {named or 'none in the selection'}. "
        f"{under_pressure} capital(s) under pressure now (as in the headline: the latest mention is "
        f"no retaking); {mentioned} with current pressure mentions coloured by the highest level "
        "(grey: none). Figures without a province are not on the map. "
        "Outlines: Natural Earth (public domain)."
    )


def clicked(selection: Any) -> tuple[str | None, str | None]:
    """The capital (a dot) or the province (a shaded area) a click on the map chose."""
    for point in points(selection):
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data:
            return str(data[0]), None
        if point.get("location"):
            return None, str(point["location"])
    return None, None


def _opened(src: db.Source, f: Filters, selection: Any) -> None:
    """Under the map: the evidence of a clicked capital's latest mention, or a clicked province's
    figures (a selected row opens its evidence)."""
    capital, province = clicked(selection)
    if capital is None and province is None:
        st.caption("Click a capital's dot for its latest mention, or a shaded province for its figures.")
        return
    with st.container(border=True):
        if capital is not None:
            latest = db.capital_status(src, f).filter(pl.col("capital") == capital)
            if latest.is_empty():
                st.info(f"{capital}: no pressure mention in the selection.")
                return
            st.markdown(f"**{capital}: its latest mention**")
            evidence.for_row(src, "pressure", latest["pressure_id"][0])
            return
        st.markdown(f"**{province}: its figures**")
        narrowed = dataclasses.replace(f, province=(province,))
        picked = table(src, narrowed, "figures", f"Figures in {province}.", "figure_id")
        if picked:
            evidence.for_row(src, "figure", picked)
