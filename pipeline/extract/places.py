"""The offline gazetteer: provinces, capitals, districts and foreign places, read from ``data/places``.

The CSV files are the single source of truth; spaCy patterns are generated from
them with the canonical name as the pattern id, so every spelling variant
resolves to one name.
"""

from __future__ import annotations

import dataclasses
import functools

from pipeline.extract.datafiles import folder, read_csv

PLACES_DIR = folder("data/places")

# Entity labels, from most to least specific.
CAPITAL = "CAPITAL"
DISTRICT = "DISTRICT"
PROVINCE = "PROVINCE"
FOREIGN = "FOREIGN"


@dataclasses.dataclass(frozen=True)
class Place:
    name: str  # canonical name
    label: str  # CAPITAL | DISTRICT | PROVINCE | FOREIGN
    province: str | None  # the Afghan province it lies in (None for foreign places)
    country: str | None = "AFG"  # ISO 3166-1 alpha-3; None for a place of disputed country


@dataclasses.dataclass(frozen=True)
class Gazetteer:
    places: tuple[Place, ...]
    aliases: tuple[tuple[str, Place], ...]  # (spelling, place), every spelling incl. the canonical one

    @functools.cached_property
    def province_index(self) -> dict[tuple[str, str], str | None]:
        """(label, canonical name) -> province, for quick look-ups."""
        return {(p.label, p.name): p.province for p in self.places}

    @functools.cached_property
    def province_options(self) -> dict[tuple[str, str], frozenset[str]]:
        """(label, canonical name) -> every province a place of that name lies in ("Arghandab" is a
        district of Kandahar and of Zabul)."""
        out: dict[tuple[str, str], set[str]] = {}
        for p in self.places:
            if p.province:
                out.setdefault((p.label, p.name), set()).add(p.province)
        return {key: frozenset(provinces) for key, provinces in out.items()}

    @functools.cached_property
    def capitals(self) -> dict[str, str]:
        """Province -> its capital."""
        return {p.province: p.name for p in self.places if p.label == CAPITAL and p.province}

    def capital_of(self, province: str) -> str | None:
        """The capital of a canonical province name."""
        return self.capitals.get(province)

    def province_names(self) -> list[str]:
        """Canonical province names, sorted."""
        return sorted(p.name for p in self.places if p.label == PROVINCE)


def _split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def _rows(name: str) -> list[dict[str, str]]:
    return read_csv(PLACES_DIR / name)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Read the gazetteer tables; cached because the files do not change during a run."""
    places: list[Place] = []
    aliases: list[tuple[str, Place]] = []

    def add(place: Place, spellings: list[str], bare: bool = True) -> None:
        places.append(place)
        # A district named by a common word ("Farsi", "Argo") is matched only as "Farsi district".
        for spelling in dict.fromkeys([place.name, *spellings] if bare else spellings):
            aliases.append((spelling, place))

    for row in _rows("provinces.csv"):
        province = row["province"]
        add(Place(province, PROVINCE, province), _split(row["province_aliases"]))
        add(Place(row["capital"], CAPITAL, province), _split(row["capital_aliases"]))
    for row in _rows("districts.csv"):
        add(
            Place(row["district"], DISTRICT, row["province"]), _split(row["aliases"]), row.get("bare") != "no"
        )
    for row in _rows("foreign.csv"):
        add(Place(row["name"], FOREIGN, None, row["country"] or None), _split(row["aliases"]))
    return Gazetteer(tuple(places), tuple(aliases))


@functools.cache
def _capital_coordinates() -> tuple[dict[str, object], ...]:
    return tuple(
        {
            "capital": r["capital"],
            "province": r["province"],
            "lat": float(r["capital_lat"]),
            "lon": float(r["capital_lon"]),
        }
        for r in _rows("provinces.csv")
    )


def capital_coordinates() -> list[dict[str, object]]:
    """Capitals with their province and coordinates, for maps (the table is read once)."""
    return [dict(c) for c in _capital_coordinates()]
