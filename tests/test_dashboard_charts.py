"""Figures: the right traces, in the right order, and nothing that fetches map data."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest
from dbfixture import build

from dashboard import charts, db
from dashboard.filters import Filters


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> db.Source:
    """The database in ``tests/dbfixture.py`` as a ``Source``."""
    path: Path = build(tmp_path_factory.mktemp("charts") / "sitrep.duckdb")
    found = db.source(str(path))
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("query", "draw", "trace_names"),
    [
        (db.displacement_by_province, charts.displacement_by_province, {""}),
        (db.displacement_by_month, charts.displacement_by_month, {"Badghis", "Helmand"}),
        (db.harm_by_month, charts.harm_by_month, {"civilians", "security_forces", "militants", "mixed"}),
        (db.harm_by_province, charts.harm_by_province, {"militants", "mixed", "civilians", "unspecified"}),
    ],
)
def test_bar_charts(src: db.Source, query, draw, trace_names: set[str]) -> None:
    fig = draw(query(src, Filters()))
    assert isinstance(fig, go.Figure)
    assert {t.type for t in fig.data} == {"bar"}
    assert {t.name for t in fig.data} <= trace_names | {""}


def test_pressure_timeline_orders_levels_and_marks_background(src: db.Source) -> None:
    fig = charts.pressure_timeline(db.pressure_by_day(src, Filters()))
    assert {t.type for t in fig.data} == {"scatter"}
    names = [t.name for t in fig.data]
    # Escalation order, then the retaking; background mentions drawn hollow.
    assert names == ["attacked, current", "besieged, current", "fell, background", "retaken, current"]
    hollow = {t.name for t in fig.data if t.marker.symbol == "circle-open"}
    assert hollow == {"fell, background"}
    colours = {t.name.split(",")[0]: t.marker.color for t in fig.data}
    assert colours["retaken"] == charts.LEVEL_COLORS["retaken"]


def test_no_geo_traces(src: db.Source) -> None:
    figs = [
        charts.displacement_by_province(db.displacement_by_province(src, Filters())),
        charts.pressure_timeline(db.pressure_by_day(src, Filters())),
    ]
    for fig in figs:
        assert not any(
            t.type in {"scattergeo", "choropleth", "scattermapbox", "scattermap"} for t in fig.data
        )
