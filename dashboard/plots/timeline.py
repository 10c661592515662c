"""The capitals-under-pressure timeline: a square per capital and week (or month), by level."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.plots.style import DATE_TICKS, LEVEL_COLORS, style
from pipeline.vocab import LEVEL_RANK, LEVELS

# The threats from least to worst; a retaking (rank 0) is no step of them.
ESCALATION = tuple(sorted((lv for lv in LEVELS if LEVEL_RANK[lv] > 0), key=LEVEL_RANK.__getitem__))
MENTION = {False: "current", True: "background"}
BUCKET_WIDTH = {"week": "week of", "month": "month of"}
RETAKEN_MARK = "retaken in the same period"
LEGEND_ROW_PX = 24


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
    fig.update_xaxes(title_text="", tickformatstops=DATE_TICKS)
    # Tall enough for the whole legend beside the plot, so a chart of one capital never hides
    # it in a scroll box.
    fig = style(fig, f"Capitals under pressure per {bucket}: highest level reached")
    fig.update_layout(height=max(120 + 36 * len(capitals), 130 + LEGEND_ROW_PX * len(fig.data)))
    return fig
