"""Bar charts of people displaced, killed and wounded, by province and per month.

Only plain cartesian charts: Plotly's geo and mapbox traces fetch map data from a CDN (the
offline map is ``province_map.py``).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.plots.style import VICTIM_COLORS, style
from pipeline.vocab import KINDS, VICTIMS

# Plotly sizes date-axis bars by the gap between x values; months years apart would give
# bars years wide, so monthly bars get a fixed width (in milliseconds) of about a month.
MONTH_BAR_MS = 26 * 24 * 3600 * 1000


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
    return style(fig, "People displaced by province")


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
    return style(_monthly(fig), "People displaced per month")


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
            look = {"marker_color": VICTIM_COLORS[victims], "legendgroup": victims}
            look |= {"showlegend": victims not in in_legend, "xaxis": f"x{n}", "yaxis": f"y{n}"}
            traces.append(_bar(rows, x, "people", victims, kind, **look))
            in_legend.add(victims)
    return style(go.Figure(traces, layout=layout), title)


def harm_by_month(df: pl.DataFrame) -> go.Figure:
    """Monthly people killed and wounded, by victim group."""
    return _monthly(_harm(df, "month", "Killed and wounded per month, by victim group"))


def harm_by_province(df: pl.DataFrame) -> go.Figure:
    """People killed and wounded per province, by victim group."""
    return _harm(df, "province", "Killed and wounded by province, by victim group")
