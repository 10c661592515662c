"""Figures: the right traces, in the right order, colours keyed by the vocabulary, nothing fetched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import pytest
from dbfixture import build

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import bars, timeline
from dashboard.plots.style import LEVEL_COLORS, VICTIM_COLORS
from pipeline.vocab import LEVELS, VICTIMS

D = dt.date


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> db.Source:
    """The database in ``tests/dbfixture.py`` as a ``Source``."""
    path: Path = build(tmp_path_factory.mktemp("charts") / "sitrep.duckdb")
    found = db.source(str(path))
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("field", "draw", "trace_names"),
    [
        ("by_province", bars.displacement_by_province, {""}),
        ("over_time", bars.displacement_over_time, {"Badghis", "Helmand"}),
        ("hurt_over_time", bars.harm_over_time, {"civilians", "security_forces", "militants", "mixed"}),
        ("hurt_by_province", bars.harm_by_province, {"militants", "mixed", "civilians", "unspecified"}),
    ],
)
def test_bar_charts(src: db.Source, field: str, draw, trace_names: set[str]) -> None:
    fig = draw(getattr(db.charts(src, Filters(), "month"), field))
    assert isinstance(fig, go.Figure)
    assert {t.type for t in fig.data} == {"bar"}
    assert {t.name for t in fig.data} <= trace_names | {""}


def test_harm_panels_one_per_kind_on_one_scale(src: db.Source) -> None:
    fig = bars.harm_by_province(db.charts(src, Filters(), "month").hurt_by_province)
    panels = {(t.xaxis, t.yaxis) for t in fig.data}
    assert panels == {("x", "y"), ("x2", "y2")}
    assert [a.text for a in fig.layout.annotations] == ["killed", "wounded"]
    assert fig.layout.yaxis2.matches == "y" and fig.layout.xaxis2.matches == "x"
    assert fig.layout.yaxis2.showticklabels is False  # one set of province labels
    # Each victim group once in the legend, in the same colour in both panels.
    shown = [t.name for t in fig.data if t.showlegend is not False]
    assert len(shown) == len(set(shown)) == len({t.name for t in fig.data})
    assert all(t.marker.color == VICTIM_COLORS[t.name] for t in fig.data)
    # The killed panel holds only killed figures; bars lie across, a province's people on x.
    killed = {t.name: list(t.x) for t in fig.data if t.xaxis == "x"}
    assert all(t.orientation == "h" for t in fig.data)
    frame = db.charts(src, Filters(), "month").hurt_by_province.filter(
        (pl.col("kind") == "killed") & (pl.col("province") != "(no province)")
    )
    assert sum(sum(v) for v in killed.values()) == frame["people"].sum()


def test_no_geo_traces(src: db.Source) -> None:
    figs = [
        bars.displacement_by_province(db.charts(src, Filters(), "month").by_province),
        timeline.pressure_grid(db.pressure_grid(src, Filters(), "week"), "week"),
    ]
    for fig in figs:
        assert not any(
            t.type in {"scattergeo", "choropleth", "scattermapbox", "scattermap"} for t in fig.data
        )


@pytest.mark.parametrize("bucket", ["week", "month"])
def test_pressure_grid_squares_levels_background_and_retakings(src: db.Source, bucket: str) -> None:
    fig = timeline.pressure_grid(db.pressure_grid(src, Filters(), bucket), bucket)
    assert {t.type for t in fig.data} == {"scatter"}
    names = [t.name for t in fig.data]
    assert names == ["attacked, current", "besieged, current", "fell, background", timeline.RETAKEN_MARK]
    symbols = {t.name: t.marker.symbol for t in fig.data}
    assert symbols["fell, background"] == "square-open"
    assert symbols["besieged, current"] == "square"
    retaken = fig.data[-1]
    assert retaken.marker.color == LEVEL_COLORS["retaken"] and list(retaken.y) == ["Qala-i-Naw"]
    # Capitals top to bottom in alphabetical order.
    assert list(fig.layout.yaxis.categoryarray) == ["Qala-i-Naw", "Lashkar Gah", "Kunduz"]


def test_level_colours_are_distinct_and_readable_on_both_themes() -> None:
    colours = list(LEVEL_COLORS.values())
    assert len(set(colours)) == len(colours)

    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    # Neither near-white (lost on a light page) nor near-black (lost on a dark one).
    assert all(0.12 < luminance(c) < 0.85 for c in colours)


@pytest.mark.parametrize(("palette", "vocabulary"), [(LEVEL_COLORS, LEVELS), (VICTIM_COLORS, VICTIMS)])
def test_colours_are_keyed_by_the_vocabulary(palette: dict[str, str], vocabulary: tuple[str, ...]) -> None:
    # A value added to pipeline/vocab.py needs a colour, and a colour needs a value, in its order.
    assert tuple(palette) == vocabulary


def test_escalation_is_the_vocabulary_in_rank_order() -> None:
    assert timeline.ESCALATION == ("threatened", "attacked", "besieged", "breached", "fell")


@pytest.mark.parametrize(
    ("first", "last", "name"),
    [
        ("2021-08-07", "2021-08-13", "day"),
        ("2021-07-15", "2021-08-13", "day"),
        ("2021-03-01", "2021-08-13", "week"),
        ("2019-01-01", "2021-08-13", "month"),
        ("2005-01-01", "2021-08-13", "quarter"),
        (None, None, "month"),
    ],
)
def test_the_time_bin_follows_the_span(first, last, name) -> None:
    import datetime as dt

    from dashboard.plots.bins import choose

    day = dt.date.fromisoformat
    assert choose(first and day(first), last and day(last)).name == name


def test_no_province_is_never_a_province_bar_and_is_kept_apart() -> None:
    df = pl.DataFrame(
        {
            "province": ["(no province)", "Uruzgan", "Helmand"],
            "people": [9000, 300, 200],
            "reports": [3, 1, 1],
        }
    )
    fig = bars.displacement_by_province(df)
    assert list(fig.data[0].y) == ["Helmand", "Uruzgan"]
    assert bars.placed(df)[1] == 9000
    assert fig.layout.height >= 110 + bars.ROW_PX * 2 and fig.layout.yaxis.dtick == 1


def test_over_time_names_the_largest_provinces_and_keeps_the_rest_apart() -> None:
    import datetime as dt

    provinces = [f"P{i:02d}" for i in range(12)]
    df = pl.DataFrame(
        {
            "period": [dt.date(2021, 7, 1)] * 13,
            "province": [*provinces, "(no province)"],
            "people": [*range(1200, 0, -100), 50],
            "reports": [1] * 13,
        }
    )
    fig = bars.displacement_over_time(df, "month")
    names = [t.name for t in fig.data]
    assert names == [*provinces[: bars.NAMED_PROVINCES], "other provinces", "(no province)"]
    colors = [t.marker.color for t in fig.data]
    assert len(set(colors)) == len(colors)  # one distinct colour per series
    others = next(t for t in fig.data if t.name == "other provinces")
    assert list(others.y) == [sum(range(400, 0, -100))]


@pytest.mark.parametrize(
    ("what", "point", "bin_name", "label", "narrowed"),
    [
        ("displaced", {"x": 75000, "y": "Badghis"}, "month", "people displaced in Badghis",
         {"province": ("Badghis",), "kind": ("displaced",)}),
        ("hurt", {"x": 69, "y": "Badghis"}, "month", "people killed or wounded in Badghis",
         {"province": ("Badghis",), "kind": ("killed", "wounded")}),
        ("displaced", {"x": "2021-07-01", "y": 75000}, "month", "people displaced, 2021-07-01 to 2021-07-31",
         {"since": D(2021, 7, 1), "until": D(2021, 7, 31)}),
        ("hurt", {"x": "2021-07-05", "y": 92}, "week", "people killed or wounded, 2021-07-05 to 2021-07-11",
         {"since": D(2021, 7, 5), "until": D(2021, 7, 11)}),
        ("displaced", {"x": "2021-10-01", "y": 5}, "quarter", "people displaced, 2021-10-01 to 2021-12-31",
         {"since": D(2021, 10, 1), "until": D(2021, 12, 31)}),
    ],
)  # fmt: skip
def test_a_clicked_bar_names_the_figures_it_sums(what, point, bin_name, label, narrowed) -> None:
    from dashboard.plots.bins import BY_NAME
    from dashboard.tabs.charts import behind

    got_label, got = behind(Filters(), what, point, BY_NAME[bin_name])
    assert got_label == label
    assert {k: getattr(got, k) for k in narrowed} == narrowed


def test_the_timeline_of_one_capital_is_tall_enough_for_its_legend() -> None:
    grid = pl.DataFrame(
        {
            "period": [D(2021, 8, 2)] * 6,
            "capital": ["Farah"] * 6,
            "province": ["Farah"] * 6,
            "is_background": [False, True, False, True, False, True],
            "level": ["threatened", "threatened", "attacked", "attacked", "fell", "fell"],
            "retaken": [False] * 6,
            "mentions": [1] * 6,
            "levels": ["x"] * 6,
        }
    )
    fig = timeline.pressure_grid(grid, "week")
    assert len(fig.data) == 6
    assert fig.layout.height >= 130 + timeline.LEGEND_ROW_PX * 6
    assert fig.layout.xaxis.tickformatstops[0].value == "%d %b %Y"  # weeks are named by their day
