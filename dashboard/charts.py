"""Plotly figures from the aggregated frames ``db.py`` returns.

Only plain cartesian charts here (Plotly's geo and mapbox traces fetch map data from a CDN;
the offline map is in ``maps.py``). Colours are fixed hues that read on light and dark
backgrounds; background, fonts and grid are left to the reader's theme.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from pipeline.vocab import KINDS, LEVELS, VICTIMS

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


# Figures are built from graph objects, not plotly.express: express applies and validates a
# whole template per figure (measured: 28 ms for a three-trace bar chart, against 1.4 ms here),
# and every filter change redraws every chart in view.
def _bar(part: pl.DataFrame, x: str, y: str, name: str, what: str, **extra: Any) -> go.Bar:
    """One bar trace whose hover reads ``<x>: <n> <what> (<k> reports)``."""
    horizontal = extra.get("orientation") == "h"
    where = "%{y}" if horizontal else ("%{x|%b %Y}" if x == "month" else "%{x}")
    amount = "%{x:,}" if horizontal else "%{y:,}"
    return go.Bar(
        x=part[x].to_list(),
        y=part[y].to_list(),
        name=name,
        customdata=part["reports"].to_list(),
        hovertemplate=f"{where}{' · ' + name if name else ''}<br>{amount} {what}"
        " (%{customdata} report(s))<extra></extra>",
        **extra,
    )


def _monthly(fig: go.Figure) -> go.Figure:
    """Month bars a month wide, ticks as ``Oct 2016``."""
    fig.update_traces(width=MONTH_BAR_MS)
    fig.update_xaxes(tickformat="%b %Y")
    return fig


def displacement_by_province(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars of people displaced per province, largest first."""
    df = df.sort("people")
    fig = go.Figure(_bar(df, "people", "province", "", "people displaced", orientation="h"))
    fig.update_xaxes(title_text="people displaced")
    return _style(fig, "People displaced by province")


def displacement_by_month(df: pl.DataFrame) -> go.Figure:
    """Monthly bars of people displaced, stacked by province."""
    provinces = sorted(set(df["province"].to_list()))
    fig = go.Figure(
        [
            _bar(df.filter(pl.col("province") == p), "month", "people", p, "people displaced")
            for p in provinces
        ]
    )
    fig.update_layout(barmode="stack", yaxis_title_text="people displaced")
    return _style(_monthly(fig), "People displaced per month")


def _harm(df: pl.DataFrame, x: str, title: str) -> go.Figure:
    """Bars of people hurt along ``x``, one panel per kind side by side, stacked by victim group."""
    kinds = [k for k in KINDS if k in set(df["kind"].to_list())]
    gap = 0.06
    width = (1 - gap * (len(kinds) - 1)) / len(kinds)
    layout: dict[str, Any] = {"barmode": "stack", "annotations": []}
    traces: list[go.Bar] = []
    in_legend: set[str] = set()
    for i, kind in enumerate(kinds):
        n = "" if i == 0 else str(i + 1)
        left = i * (width + gap)
        layout[f"xaxis{n}"] = {"domain": [left, left + width], "anchor": f"y{n}"}
        layout[f"yaxis{n}"] = {"anchor": f"x{n}", "title": {"text": "people"}}
        if i:
            # The panels share both axes, so they compare at a glance; one set of y labels.
            layout[f"xaxis{n}"]["matches"] = "x"
            layout[f"yaxis{n}"] = {"anchor": f"x{n}", "matches": "y", "showticklabels": False}
        layout["annotations"].append(
            {"text": kind, "x": left + width / 2, "y": 1.0, "xref": "paper", "yref": "paper",
             "xanchor": "center", "yanchor": "bottom", "showarrow": False}
        )  # fmt: skip
        part = df.filter(pl.col("kind") == kind)
        for victims in (v for v in VICTIMS if v in set(part["victims"].to_list())):
            rows = part.filter(pl.col("victims") == victims)
            style = {"marker_color": VICTIM_COLORS[victims], "legendgroup": victims}
            style |= {"showlegend": victims not in in_legend, "xaxis": f"x{n}", "yaxis": f"y{n}"}
            traces.append(_bar(rows, x, "people", victims, kind, **style))
            in_legend.add(victims)
    return _style(go.Figure(traces, layout=layout), title)


def harm_by_month(df: pl.DataFrame) -> go.Figure:
    """Monthly people killed and wounded, by victim group."""
    return _monthly(_harm(df, "month", "Killed and wounded per month, by victim group"))


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
