"""The offline map: provinces shaded by people displaced or hurt, capitals by pressure level.

Only MapLibre traces on the ``white-bg`` style: no tiles, no sprites, no glyphs, so nothing is
fetched; markers carry no text labels (labels would need glyphs from the network). The
province outlines are ``data/geo/provinces.geojson`` (built by ``scripts/build_provinces.py``).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.plots.style import LEVEL_COLORS
from pipeline.settings import ROOT
from pipeline.vocab import LEVELS

GEOJSON = ROOT / "data" / "geo" / "provinces.geojson"
MAP_STYLE = "white-bg"
CENTER = {"lat": 34.0, "lon": 66.6}
ZOOM = 4.9
# What the choropleth can show: column of ``db.province_totals`` → label and colour scale.
# The scales start at a visible tint: a province with any figure never looks like one without.
METRICS = {
    "displaced": ("People displaced", [[0, "#b3cde3"], [1, "#08306b"]]),
    "killed_wounded": ("People killed or wounded", [[0, "#d4c4e6"], [1, "#3f007d"]]),
}
NO_REPORT = "no current report"
NO_REPORT_COLOR = "#9e9e9e"
OUTLINE = "#5f5f5f"
ON_MAP = "#333333"  # text drawn on the map, which is white in light and dark themes alike


@functools.cache
def provinces(path: Path = GEOJSON) -> dict[str, Any]:
    """The province outlines as GeoJSON (read once per process; the file changes only by a rebuild)."""
    return json.loads(path.read_text(encoding="utf-8"))


def province_names(geojson: dict[str, Any]) -> list[str]:
    """The province names of the features, in file order."""
    return [feature["properties"]["province"] for feature in geojson["features"]]


def subset(geojson: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """A FeatureCollection of the features of ``names`` only."""
    wanted = set(names)
    features = [f for f in geojson["features"] if f["properties"]["province"] in wanted]
    return {"type": "FeatureCollection", "features": features}


def figure(
    totals: pl.DataFrame, levels: pl.DataFrame, capitals: list[dict[str, Any]], metric: str
) -> go.Figure:
    """Provinces shaded by ``metric`` and every capital as a marker coloured by its highest level.

    ``totals`` is ``db.province_totals``, ``levels`` is ``db.capital_levels`` and ``capitals`` is
    ``pipeline.extract.places.capital_coordinates()``.
    """
    label, scale = METRICS[metric]  # a KeyError for anything but a known metric
    geojson = provinces()
    names = province_names(geojson)
    values = dict(zip(totals["province"].to_list(), totals[metric].to_list(), strict=True))
    fig = go.Figure()
    # Every province outlined, so the country reads as a whole even where nothing was reported.
    fig.add_trace(
        go.Choroplethmap(
            geojson=geojson,
            featureidkey="properties.province",
            locations=names,
            z=[0] * len(names),
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False,
            marker={"line": {"color": OUTLINE, "width": 0.8}},
            hovertemplate="%{location}<br>" + f"{label}: 0<extra></extra>",
            name="provinces",
            showlegend=False,
        )
    )
    shaded = [n for n in names if values.get(n)]
    if shaded:
        fig.add_trace(
            go.Choroplethmap(
                # Only the shaded outlines: the whole country is already in the trace above.
                geojson=subset(geojson, shaded),
                featureidkey="properties.province",
                locations=shaded,
                z=[values[n] for n in shaded],
                colorscale=scale,
                # Fixed from zero: one shaded province still gets a sensible scale.
                zmin=0,
                zmax=max(values[n] for n in shaded),
                marker={"line": {"color": OUTLINE, "width": 0.8}, "opacity": 0.85},
                # The colour bar sits on the white map in either theme: dark text on a white card.
                colorbar={
                    "title": {"text": label, "font": {"color": ON_MAP}},
                    "tickfont": {"color": ON_MAP},
                    "bgcolor": "rgba(255,255,255,0.9)",
                    "thickness": 12,
                    "len": 0.6,
                    "x": 0.01,
                    "xanchor": "left",
                },
                hovertemplate="%{location}<br>" + label + ": %{z:,}<extra></extra>",
                name=label,
                showlegend=False,
            )
        )
    for trace in capital_traces(levels, capitals):
        fig.add_trace(trace)
    fig.update_layout(
        map={"style": MAP_STYLE, "center": CENTER, "zoom": ZOOM},
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        height=560,
        # Bottom right, clear of the toolbar at the top right, on a white card like the colour bar.
        legend={
            "title": {"text": "Capital, highest level", "font": {"color": ON_MAP}},
            "font": {"color": ON_MAP},
            "bgcolor": "rgba(255,255,255,0.9)",
            "x": 0.99,
            "xanchor": "right",
            "y": 0.02,
            "yanchor": "bottom",
        },
    )
    return fig


def capital_traces(levels: pl.DataFrame, capitals: list[dict[str, Any]]) -> list[go.Scattermap]:
    """One marker trace per pressure level (so the legend names them), and one for the rest."""
    by_capital = {r["capital"]: r for r in levels.iter_rows(named=True)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for cap in capitals:
        level = by_capital.get(cap["capital"], {}).get("level", NO_REPORT)
        groups.setdefault(level, []).append({**cap, **by_capital.get(cap["capital"], {})})
    traces = []
    for level in [*(lv for lv in LEVELS if lv in groups), NO_REPORT]:
        members = groups.get(level)
        if not members:
            continue
        reported = level != NO_REPORT
        traces.append(
            go.Scattermap(
                lat=[m["lat"] for m in members],
                lon=[m["lon"] for m in members],
                mode="markers",
                marker={
                    "size": 13 if reported else 7,
                    "color": LEVEL_COLORS.get(level, NO_REPORT_COLOR),
                    "opacity": 0.95 if reported else 0.7,
                },
                customdata=[
                    [m["capital"], m["province"], level, m.get("mentions") or 0, _dates(m)] for m in members
                ],
                hovertemplate=(
                    "%{customdata[0]} (%{customdata[1]})<br>highest level: %{customdata[2]}"
                    "<br>mentions: %{customdata[3]}%{customdata[4]}<extra></extra>"
                ),
                name=level,
            )
        )
    return traces


def _dates(member: dict[str, Any]) -> str:
    """A hover line with the dates of a capital's reported mentions, or nothing."""
    first, last = member.get("first_date"), member.get("last_date")
    if first is None:
        return ""
    return f"<br>{first}" if first == last else f"<br>{first} to {last}"
