"""Plotly figures from the aggregated frames ``db.py`` returns.

Only plain cartesian charts: Plotly's geo and mapbox traces fetch map data from a CDN.
"""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

from dashboard.filters import KINDS, LEVELS, VICTIMS

# Escalation reads left to right, pale to dark; a retaking is good news, so it stands apart.
LEVEL_COLORS = {
    "threatened": "#f2c14e",
    "attacked": "#f08a3c",
    "besieged": "#d9472b",
    "breached": "#a4161a",
    "fell": "#4a0e0e",
    "retaken": "#2a9d8f",
}
VICTIM_COLORS = {
    "civilians": "#d62728",
    "security_forces": "#1f77b4",
    "militants": "#7f7f7f",
    "mixed": "#9467bd",
    "unspecified": "#bcbd22",
}
MENTION = {False: "current", True: "background"}
MENTION_SYMBOLS = {"current": "circle", "background": "circle-open"}
# Plotly sizes date-axis bars by the gap between x values; months years apart would give
# bars years wide, so monthly bars get a fixed width (in milliseconds) of about a month.
MONTH_BAR_MS = 26 * 24 * 3600 * 1000


def _style(fig: go.Figure, title: str) -> go.Figure:
    """Common layout: title, compact margins, legend above the plot."""
    fig.update_layout(title=title, margin={"l": 10, "r": 10, "t": 60, "b": 10}, legend_title_text="")
    return fig


def displacement_by_province(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars of people displaced per province, largest first."""
    df = df.sort("people")
    fig = px.bar(
        df,
        x="people",
        y="province",
        orientation="h",
        hover_data=["reports"],
        labels={"people": "people displaced", "province": ""},
    )
    return _style(fig, "People displaced by province")


def displacement_by_month(df: pl.DataFrame) -> go.Figure:
    """Monthly bars of people displaced, stacked by province."""
    fig = px.bar(
        df,
        x="month",
        y="people",
        color="province",
        hover_data=["reports"],
        labels={"people": "people displaced", "month": ""},
    )
    fig.update_traces(width=MONTH_BAR_MS)
    fig.update_xaxes(tickformat="%b %Y")
    return _style(fig, "People displaced per month")


def _harm(df: pl.DataFrame, x: str, title: str) -> go.Figure:
    """Bars of people hurt along ``x``, one panel per kind, stacked by victim group."""
    kinds = [k for k in KINDS if k in set(df["kind"].to_list())]
    fig = px.bar(
        df,
        x=x,
        y="people",
        color="victims",
        facet_col="kind",
        category_orders={"kind": kinds, "victims": list(VICTIMS)},
        color_discrete_map=VICTIM_COLORS,
        hover_data=["reports"],
        labels={"people": "people", "month": "", "province": ""},
    )
    # Facet titles read "kind=killed" by default; the kind alone is clearer.
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    return _style(fig, title)


def harm_by_month(df: pl.DataFrame) -> go.Figure:
    """Monthly people killed and wounded, by victim group."""
    fig = _harm(df, "month", "Killed and wounded per month, by victim group")
    fig.update_traces(width=MONTH_BAR_MS)
    fig.update_xaxes(tickformat="%b %Y")
    return fig


def harm_by_province(df: pl.DataFrame) -> go.Figure:
    """People killed and wounded per province, by victim group."""
    return _harm(df, "province", "Killed and wounded by province, by victim group")


def pressure_timeline(df: pl.DataFrame) -> go.Figure:
    """One marker per capital, day and level; background mentions drawn hollow."""
    df = df.with_columns(pl.col("is_background").replace_strict(MENTION, return_dtype=pl.String))
    present = set(df["level"].to_list())
    fig = px.scatter(
        df,
        x="event_date",
        y="capital",
        color="level",
        symbol="is_background",
        size="mentions",
        size_max=16,
        category_orders={
            "level": [lv for lv in LEVELS if lv in present],
            "is_background": list(MENTION_SYMBOLS),
        },
        color_discrete_map=LEVEL_COLORS,
        symbol_map=MENTION_SYMBOLS,
        hover_data=["province", "mentions"],
        labels={"event_date": "", "capital": "", "is_background": "mention"},
    )
    return _style(fig, "Provincial capitals under pressure")
