"""Plotly figures from the aggregated frames ``db.py`` returns.

Only plain cartesian charts here (Plotly's geo and mapbox traces fetch map data from a CDN;
the offline map is in ``maps.py``). Colours are fixed hues that read on light and dark
backgrounds; background, fonts and grid are left to the reader's theme.
"""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

from dashboard.filters import KINDS, LEVELS, VICTIMS

# Escalation reads yellow to red to purple (every step visible on white and on near-black);
# a retaking is good news, so it stands apart in teal.
LEVEL_COLORS = {
    "threatened": "#f2c14e",
    "attacked": "#f08a3c",
    "besieged": "#d9472b",
    "breached": "#b0173a",
    "fell": "#8e2c9e",
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
# Plotly sizes date-axis bars by the gap between x values; months years apart would give
# bars years wide, so monthly bars get a fixed width (in milliseconds) of about a month.
MONTH_BAR_MS = 26 * 24 * 3600 * 1000


def _style(fig: go.Figure, title: str) -> go.Figure:
    """Common layout: title, compact margins, legend above the plot.

    The template is left as it is: the default one, which in the app is Streamlit's, whose
    placeholder colours the browser swaps for the reader's light or dark theme.
    """
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


BUCKET_WIDTH = {"week": "week of", "month": "month of"}
RETAKEN_MARK = "retaken in the same period"


def pressure_grid(df: pl.DataFrame, bucket: str) -> go.Figure:
    """Capital × week (or month), a square per cell coloured by the highest level reached.

    Background mentions (earlier events recalled) are hollow squares; a retaking in a period
    that also saw worse is a teal diamond beside the square.
    """
    fig = go.Figure()
    present = set(df["level"].to_list())
    for level in (lv for lv in LEVELS if lv in present):
        for background in (False, True):
            part = df.filter((pl.col("level") == level) & (pl.col("is_background") == background))
            if part.is_empty():
                continue
            fig.add_trace(
                go.Scatter(
                    x=part["period"].to_list(),
                    y=part["capital"].to_list(),
                    mode="markers",
                    marker={
                        "symbol": "square-open" if background else "square",
                        "size": 14,
                        "color": LEVEL_COLORS[level],
                        "line": {"width": 2.5 if background else 0, "color": LEVEL_COLORS[level]},
                    },
                    name=f"{level}, {MENTION[background]}",
                    legendgroup=level,
                    customdata=part.select("province", "levels", "mentions").rows(),
                    hovertemplate=(
                        f"%{{y}} (%{{customdata[0]}})<br>{BUCKET_WIDTH[bucket]} %{{x|%Y-%m-%d}}"
                        f"<br>highest: {level} ({MENTION[background]})<br>levels: %{{customdata[1]}}"
                        "<br>mentions: %{customdata[2]}<extra></extra>"
                    ),
                )
            )
    also = df.filter(pl.col("retaken") & (pl.col("level") != "retaken"))
    if not also.is_empty():
        fig.add_trace(
            go.Scatter(
                x=also["period"].to_list(),
                y=also["capital"].to_list(),
                mode="markers",
                marker={"symbol": "diamond", "size": 8, "color": LEVEL_COLORS["retaken"]},
                name=RETAKEN_MARK,
                hovertemplate="%{y}: retaken in this period too<extra></extra>",
            )
        )
    capitals = sorted(set(df["capital"].to_list()), reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=capitals, title_text="")
    fig.update_xaxes(title_text="", tickformat="%b %Y")
    fig.update_layout(height=max(240, 60 + 36 * len(capitals)))
    return _style(fig, f"Capitals under pressure per {bucket}: highest level reached")
