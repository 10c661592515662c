"""The brief's pictures as PNG bytes, drawn offline with matplotlib: the map and two charts.

Plotly's image export needs a browser; matplotlib's Agg backend draws with nothing but itself.
The map uses the outlines the dashboard's map uses (``data/geo/provinces.geojson``) and the
same level colours; text drawn here is place names and numbers only, never an article's words.
Figures are made with ``matplotlib.figure.Figure``, not ``pyplot``: no global state is shared
between the dashboard's sessions.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import polars as pl
from matplotlib import dates as mdates
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon

from dashboard.brief.document import Image
from dashboard.plots.province_map import METRICS, NO_REPORT_COLOR, OUTLINE, provinces
from dashboard.plots.style import LEVEL_COLORS
from pipeline.extract.places import capital_coordinates
from pipeline.vocab import LEVELS

DPI = 110
FONT = 8
# One hue per kind of harm, readable on white paper.
KIND_COLORS = {"displaced": "#2b6cb0", "killed": "#b0173a", "wounded": "#f08a3c"}
NO_PROVINCE = "(no province)"
MAX_CAPITALS = 20  # rows of the timeline
LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
RETAKEN = "retaken"
BUCKET_DAYS = {"week": 7, "month": 31}


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (no software version stamped in, so the same data gives the same bytes)."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return out.getvalue()


def province_map(totals: pl.DataFrame, levels: pl.DataFrame) -> Figure | None:
    """Provinces shaded by people displaced (killed or wounded when none were displaced), capitals
    marked by their highest level; None when nothing has a province or a capital."""
    metric = "displaced" if totals.height and totals["displaced"].sum() else "killed_wounded"
    values = {p: v for p, v in totals.select("province", metric).iter_rows() if v}
    if not values and levels.is_empty():
        return None
    label, scale = METRICS[metric]
    cmap = LinearSegmentedColormap.from_list(metric, [scale[0][1], scale[-1][1]])
    norm = Normalize(0, max(values.values(), default=1))
    fig = Figure(figsize=(6.4, 4.6))
    ax = fig.add_subplot()
    for feature in provinces()["features"]:
        name = feature["properties"]["province"]
        ring = feature["geometry"]["coordinates"][0]
        value = values.get(name)
        face = cmap(norm(value)) if value else "white"
        ax.add_patch(Polygon(ring, closed=True, facecolor=face, edgecolor=OUTLINE, linewidth=0.5))
        if value:
            lon = sum(p[0] for p in ring) / len(ring)
            lat = sum(p[1] for p in ring) / len(ring)
            # Below the middle, so that the capital's own label above it stays readable.
            ax.annotate(
                f"{name} {value:,}", (lon, lat), xytext=(0, -12), textcoords="offset points",
                ha="center", va="top", fontsize=FONT - 1, bbox=LABEL_BOX,
            )  # fmt: skip
    level_of = dict(zip(levels["capital"].to_list(), levels["level"].to_list(), strict=True))
    for cap in capital_coordinates():
        level = level_of.get(cap["capital"])
        color = LEVEL_COLORS.get(level, NO_REPORT_COLOR) if level else NO_REPORT_COLOR
        ax.plot(
            cap["lon"], cap["lat"], "o", ms=7 if level else 3, color=color, mec="black" if level else color
        )
        if level:
            ax.annotate(
                cap["capital"], (cap["lon"], cap["lat"]), xytext=(6, 5), textcoords="offset points",
                fontsize=FONT, bbox=LABEL_BOX,
            )  # fmt: skip
    shown = [lv for lv in LEVELS if lv in level_of.values()]
    handles = [Patch(color=LEVEL_COLORS[lv], label=lv) for lv in shown]
    if handles:
        ax.legend(
            handles=handles,
            title="Capital, highest level",
            fontsize=FONT - 1,
            title_fontsize=FONT,
            loc="lower left",
        )
    ax.set_title(f"Provinces shaded by {label.lower()}", fontsize=FONT + 2)
    ax.autoscale_view()
    ax.set_aspect(1 / math.cos(math.radians(34)))  # degrees of longitude are shorter this far north
    ax.set_axis_off()
    return fig


def province_bars(people: pl.DataFrame) -> Figure | None:
    """People displaced, killed and wounded per province, one panel each; None when none has a province."""
    placed = people.filter(pl.col("province") != NO_PROVINCE)
    if placed.is_empty():
        return None
    kinds = [k for k in KIND_COLORS if k in set(placed["kind"].to_list())]
    order = placed.group_by("province").agg(pl.col("people").sum()).sort("people", "province")["province"]
    names = order.to_list()
    fig = Figure(figsize=(3.0 * len(kinds) + 1.2, 0.9 + 0.28 * len(names)))
    axes = fig.subplots(1, len(kinds), sharey=True, squeeze=False)[0]
    for ax, kind in zip(axes, kinds, strict=True):
        got = dict(placed.filter(pl.col("kind") == kind).select("province", "people").iter_rows())
        values = [got.get(n, 0) for n in names]
        bars = ax.barh(names, values, color=KIND_COLORS[kind])
        ax.bar_label(bars, labels=[f"{v:,}" if v else "" for v in values], fontsize=FONT - 1, padding=2)
        ax.set_title(f"People {kind}", fontsize=FONT + 1)
        ax.tick_params(labelsize=FONT)
        ax.margins(x=0.3)
        ax.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
    return fig


def timeline(grid: pl.DataFrame, bucket: str) -> Figure | None:
    """Each capital's highest level per week or month (``queries.pressure_grid``); hollow squares
    are earlier events an article recalls. None when no mention is dated to the ``bucket``."""
    if grid.is_empty():
        return None
    capitals = (
        grid.group_by("capital")
        .agg(pl.col("mentions").sum())
        .sort("mentions", "capital", descending=[True, False])
    )["capital"].to_list()[:MAX_CAPITALS]
    rows = grid.filter(pl.col("capital").is_in(capitals))
    fig = Figure(figsize=(6.4, 1.0 + 0.3 * len(capitals)))
    ax = fig.add_subplot()
    y = {c: i for i, c in enumerate(reversed(capitals))}
    rows = rows.with_columns(pl.col("capital").replace_strict(y, return_dtype=pl.Float64).alias("y"))
    # One call per level and kind of mention: a call per square takes seconds on years of data.
    for (level, background), part in rows.group_by("level", "is_background"):
        color = LEVEL_COLORS.get(level, NO_REPORT_COLOR)
        face = "none" if background else color
        ax.plot(part["period"], part["y"], "s", ls="none", ms=9, mfc=face, mec=color, mew=1.5)
    undone = rows.filter(pl.col("retaken") & (pl.col("level") != RETAKEN))  # a retaking beside what it undid
    if not undone.is_empty():
        ax.plot(undone["period"], undone["y"] + 0.3, "D", ls="none", ms=5, color=LEVEL_COLORS[RETAKEN])
    # A bucket and a half of margin each side: a single week is drawn as a week, not as four years.
    pad = dt.timedelta(days=1.5 * BUCKET_DAYS[bucket])
    ax.set_xlim(rows["period"].min() - pad, rows["period"].max() + pad)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_yticks(range(len(y)), list(y))
    ax.set_ylim(-0.7, len(y) - 0.3)
    ax.tick_params(labelsize=FONT)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_title(f"Capitals under pressure, highest level per {bucket}", fontsize=FONT + 2)
    found = set(rows["level"].to_list()) | ({RETAKEN} if rows["retaken"].any() else set())
    shown = [lv for lv in LEVELS if lv in found]
    ax.legend(
        handles=[Patch(color=LEVEL_COLORS[lv], label=lv) for lv in shown],
        fontsize=FONT - 1, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
    )  # fmt: skip
    return fig


def images(
    totals: pl.DataFrame, levels: pl.DataFrame, people: pl.DataFrame, grid: pl.DataFrame, bucket: str
) -> tuple[Image, ...]:
    """The map and the two charts that have something to draw."""
    drawn = [
        ("map", "Map", province_map(totals, levels),
         "Provinces shaded by what the selection reports there; capitals coloured by their highest "
         "level in it (small grey dots: none). Outlines: Natural Earth (public domain)."),
        ("provinces", "By province", province_bars(people),
         "People displaced, killed and wounded per province, each event counted as the headline counts it."),
        ("timeline", "Capitals over time", timeline(grid, bucket),
         f"Each square is a capital's highest level in a {bucket}; hollow squares are earlier events "
         f"an article recalls; a teal diamond is a retaking. Mentions dated less precisely than a "
         f"{bucket} are not drawn."),
    ]  # fmt: skip
    return tuple(
        Image(name, title, caption, png(fig)) for name, title, fig, caption in drawn if fig is not None
    )
