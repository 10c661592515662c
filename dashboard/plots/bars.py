"""Bar charts of people displaced, killed and wounded, by province and over time.

Only plain cartesian charts: Plotly's geo and mapbox traces fetch map data from a CDN (the
offline map is ``province_map.py``).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.plots.bins import BY_NAME, Bin
from dashboard.plots.style import (
    DATE_TICKS,
    NO_PROVINCE,
    NO_PROVINCE_COLOR,
    OTHERS_COLOR,
    SERIES_COLORS,
    VICTIM_COLORS,
    style,
)
from pipeline.vocab import KINDS, VICTIMS


# Figures are built from graph objects, not plotly.express: express applies and validates a
# whole template per figure (measured: 28 ms for a three-trace bar chart, against 1.4 ms here),
# and every filter change redraws every chart in view.
def _bar(part: pl.DataFrame, x: str, y: str, name: str, what: str, **extra: Any) -> go.Bar:
    """One bar trace whose hover reads ``<x>: <n> <what> (<k> reports)``."""
    horizontal = extra.get("orientation") == "h"
    when = BY_NAME[extra.pop("bucket")].hover if "bucket" in extra else ""
    where = "%{y}" if horizontal else (f"%{{x|{when}}}" if when else "%{x}")
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


def _over_time(fig: go.Figure, bin_: Bin) -> go.Figure:
    """Bars as wide as their bin (Plotly would size them by the gap between them), ticks to match."""
    fig.update_traces(width=bin_.bar_ms)
    fig.update_xaxes(tickformatstops=DATE_TICKS)
    return fig


# A horizontal bar per province: tall enough for every province's label to be read.
ROW_PX = 26


def placed(df: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The rows with a province, and the people of the rows without one (shown apart, never as a bar)."""
    apart = df.filter(pl.col("province") == NO_PROVINCE)
    return df.filter(pl.col("province") != NO_PROVINCE), int(apart["people"].sum() or 0)


def _tall(fig: go.Figure, rows: int) -> go.Figure:
    fig.update_layout(height=max(260, 110 + ROW_PX * rows))
    fig.update_yaxes(automargin=True, dtick=1)
    return fig


def displacement_by_province(df: pl.DataFrame) -> go.Figure:
    """Horizontal bars of people displaced per province, largest at the top; figures with no
    province are left to the caption (``placed``)."""
    df = placed(df)[0].sort("people")
    fig = go.Figure(_bar(df, "people", "province", "", "people displaced", orientation="h"))
    fig.update_xaxes(title_text="people displaced")
    return style(_tall(fig, df.height), "People displaced by province")


# How many provinces a chart over time names; the others are stacked together.
NAMED_PROVINCES = len(SERIES_COLORS)


def displacement_over_time(df: pl.DataFrame, bucket: str = "month") -> go.Figure:
    """Bars of people displaced per ``bucket``, stacked by province: the largest provinces each
    in its own colour, the others together, figures with no province in grey."""
    totals = (
        placed(df)[0]
        .group_by("province")
        .agg(pl.col("people").sum())
        .sort(["people", "province"], descending=[True, False])
    )
    named = totals["province"].head(NAMED_PROVINCES).to_list()
    series = (
        df.with_columns(
            pl.when(pl.col("province").is_in([*named, NO_PROVINCE]))
            .then(pl.col("province"))
            .otherwise(pl.lit("other provinces"))
            .alias("province")
        )
        .group_by("period", "province")
        .agg(pl.col("people").sum(), pl.col("reports").sum())
        .sort("period")
    )
    colors = {
        **dict(zip(named, SERIES_COLORS, strict=False)),
        "other provinces": OTHERS_COLOR,
        NO_PROVINCE: NO_PROVINCE_COLOR,
    }
    present = set(series["province"].to_list())
    order = [p for p in (*named, "other provinces", NO_PROVINCE) if p in present]
    fig = go.Figure(
        [
            _bar(series.filter(pl.col("province") == p), "period", "people", p, "people displaced",
                 bucket=bucket, marker_color=colors[p])
            for p in order
        ]
    )  # fmt: skip
    fig.update_layout(barmode="stack", yaxis_title_text="people displaced", legend_traceorder="normal")
    bin_ = BY_NAME[bucket]
    return style(_over_time(fig, bin_), f"People displaced {bin_.words}")


def _harm(df: pl.DataFrame, x: str, title: str, bucket: str | None = None) -> go.Figure:
    """Bars of people hurt along ``x``, one panel per kind on one scale, stacked by victim group.

    Per province the panels stand side by side and the bars lie across (every province's label
    readable, largest at the top); over time the panels lie one above the other, each as wide as
    the chart, so the bars of many periods stay visible.
    """
    across = x == "province"
    kinds = [k for k in KINDS if k in set(df["kind"].to_list())]
    gap = 0.06 if across else 0.12
    share = (1 - gap * (len(kinds) - 1)) / len(kinds)
    layout: dict[str, Any] = {"barmode": "stack", "annotations": []}
    traces: list[go.Bar] = []
    in_legend: set[str] = set()
    for i, kind in enumerate(kinds):
        n = "" if i == 0 else str(i + 1)
        if across:
            left = i * (share + gap)
            layout[f"xaxis{n}"] = {
                "domain": [left, left + share],
                "anchor": f"y{n}",
                "nticks": 4,
                "tickformat": "~s",  # 1k, 2k: narrow panels keep their labels level
                "title": {"text": "people"},
            }
            layout[f"yaxis{n}"] = {"anchor": f"x{n}"}
            label = {"x": left + share / 2, "y": 1.0, "xanchor": "center"}
        else:
            top = 1 - i * (share + gap)
            domain = [max(0.0, round(top - share, 6)), min(1.0, round(top, 6))]
            layout[f"yaxis{n}"] = {"domain": domain, "anchor": f"x{n}", "title": {"text": "people"}}
            # Only the lowest panel names the dates; the others share its axis.
            layout[f"xaxis{n}"] = {"anchor": f"y{n}", "showticklabels": i == len(kinds) - 1}
            label = {"x": 0.0, "y": top, "xanchor": "left"}
        if i:
            # The panels share both axes, so they compare at a glance; one set of place labels.
            layout[f"xaxis{n}"]["matches"] = "x"
            layout[f"yaxis{n}"]["matches"] = "y"
            if across:
                layout[f"yaxis{n}"]["showticklabels"] = False
        layout["annotations"].append(
            {"text": kind, "xref": "paper", "yref": "paper", "yanchor": "bottom", "showarrow": False, **label}
        )
        part = df.filter(pl.col("kind") == kind)
        for victims in (v for v in VICTIMS if v in set(part["victims"].to_list())):
            rows = part.filter(pl.col("victims") == victims)
            look: dict[str, Any] = {"marker_color": VICTIM_COLORS[victims], "legendgroup": victims}
            look |= {"showlegend": victims not in in_legend, "xaxis": f"x{n}", "yaxis": f"y{n}"}
            if bucket:
                look["bucket"] = bucket
            if across:
                traces.append(_bar(rows, "people", x, victims, kind, orientation="h", **look))
            else:
                traces.append(_bar(rows, x, "people", victims, kind, **look))
            in_legend.add(victims)
    fig = go.Figure(traces, layout=layout)
    if across:
        by_total = df.group_by("province").agg(pl.col("people").sum()).sort(["people", "province"])
        fig.update_yaxes(categoryorder="array", categoryarray=by_total["province"].to_list())
        _tall(fig, by_total.height)
    else:
        fig.update_layout(height=170 + 170 * len(kinds))
    return style(fig, title)


def harm_over_time(df: pl.DataFrame, bucket: str = "month") -> go.Figure:
    """People killed and wounded per ``bucket``, by victim group."""
    bin_ = BY_NAME[bucket]
    return _over_time(_harm(df, "period", f"Killed and wounded {bin_.words}, by victim group", bucket), bin_)


def harm_by_province(df: pl.DataFrame) -> go.Figure:
    """People killed and wounded per province, by victim group; figures with no province are
    left to the caption (``placed``)."""
    return _harm(placed(df)[0], "province", "Killed and wounded by province, by victim group")
