"""The world beyond Afghanistan: countries with demonyms, their first-level divisions and large cities.

Read from ``data/world`` (built by ``scripts/build_world.py``, described in its README). Afghan
places stay with the richer gazetteer of ``places.py``: cities.csv has no Afghan row and
``spellings()`` leaves out Afghanistan's ISO divisions unless asked for them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from pipeline.extract.datafiles import folder, read_csv

WORLD_DIR = folder("data/world")
AFGHANISTAN = "AFG"

# Kinds of spelling, from most to least telling of the country.
COUNTRY = "country"
DEMONYM = "demonym"
DIVISION = "division"
CITY = "city"
RANK = {COUNTRY: 0, DEMONYM: 1, DIVISION: 2, CITY: 3}


@dataclasses.dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str  # the common English name
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]  # adjectives and nouns: Pakistani, Pakistanis
    ambiguous: frozenset[str]  # spellings that need a country context: Georgia, Jordan, Turkey


@dataclasses.dataclass(frozen=True)
class Division:
    iso3: str
    code: str  # ISO 3166-2, first level
    name: str
    type: str
    aliases: tuple[str, ...]
    ambiguous: bool  # the name alone is weak evidence (a word, a namesake abroad...)


@dataclasses.dataclass(frozen=True)
class City:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    admin1: str  # the ISO 3166-2 code of its first-level division, or ""
    admin1_name: str  # GeoNames' name of that division when no ISO code was found
    population: int
    lat: float
    lon: float
    ambiguous: bool


class Spelling(NamedTuple):
    spelling: str
    kind: str  # COUNTRY | DEMONYM | DIVISION | CITY
    iso3: str
    name: str  # canonical name of the country, division or city
    code: str  # ISO 3166-2 code of the division (a city's division), "" for countries
    ambiguous: bool  # needs a country context in the text before it counts


@dataclasses.dataclass(frozen=True)
class World:
    countries: tuple[Country, ...]
    divisions: tuple[Division, ...]
    cities: tuple[City, ...]

    @functools.cached_property
    def by_iso3(self) -> dict[str, Country]:
        """ISO 3166-1 alpha-3 -> country."""
        return {c.iso3: c for c in self.countries}

    def country(self, iso3: str) -> Country | None:
        """The country of an alpha-3 code, or None."""
        return self.by_iso3.get(iso3)

    def spellings(self, include_afghan_divisions: bool = False) -> Iterator[Spelling]:
        """Every spelling with what it names, for a PhraseMatcher (one entry per spelling and place).

        A spelling of one or two letters is given only as an acronym in capitals (UK, US, KP):
        the names of Bo (Sierra Leone) or Of (Turkey) would match ordinary words.
        """
        every = self._spellings(include_afghan_divisions)
        return (s for s in every if len(s.spelling) > 2 or s.spelling.isupper())

    def _spellings(self, include_afghan_divisions: bool) -> Iterator[Spelling]:
        for c in self.countries:
            for s in (c.name, *c.aliases):
                yield Spelling(s, COUNTRY, c.iso3, c.name, "", s in c.ambiguous)
            for s in c.demonyms:
                yield Spelling(s, DEMONYM, c.iso3, c.name, "", s in c.ambiguous)
        for d in self.divisions:
            if d.iso3 != AFGHANISTAN or include_afghan_divisions:
                yield Spelling(d.name, DIVISION, d.iso3, d.name, d.code, d.ambiguous)
                for s in d.aliases:
                    yield Spelling(s, DIVISION, d.iso3, d.name, d.code, False)
        for city in self.cities:
            yield Spelling(city.name, CITY, city.iso3, city.name, city.admin1, city.ambiguous)
            for s in city.aliases:
                yield Spelling(s, CITY, city.iso3, city.name, city.admin1, False)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _rows(name: str) -> list[dict[str, str]]:
    return read_csv(WORLD_DIR / name)


@functools.cache
def load_world() -> World:
    """Read the world tables; cached because the files do not change during a run."""
    countries = tuple(
        Country(
            r["iso3"],
            r["iso2"],
            r["name"],
            _split(r["aliases"]),
            _split(r["demonyms"]),
            frozenset(_split(r["ambiguous_spellings"])),
        )
        for r in _rows("countries.csv")
    )
    known = {c.iso3 for c in countries}
    divisions = tuple(
        Division(r["iso3"], r["code"], r["name"], r["type"], _split(r["aliases"]), r["ambiguous"] == "yes")
        for r in _checked(_rows("divisions.csv"), "divisions.csv", known)
    )
    cities = tuple(
        City(
            r["iso3"],
            r["name"],
            _split(r["aliases"]),
            r["admin1"],
            r["admin1_name"],
            int(r["population"]),
            float(r["lat"]),
            float(r["lon"]),
            r["ambiguous"] == "yes",
        )
        for r in _checked(_rows("cities.csv"), "cities.csv", known)
    )
    return World(countries, divisions, cities)


def _checked(rows: list[dict[str, str]], name: str, known: set[str]) -> list[dict[str, str]]:
    """The rows, if each names a country of countries.csv (line numbers count the header as 1)."""
    for line, r in enumerate(rows, start=2):
        if r["iso3"] not in known:
            raise ValueError(
                f"data/world/{name}:{line}: unknown country {r['iso3']!r}; "
                "rebuild the tables with scripts/build_world.py"
            )
    return rows


def normalise(spelling: str) -> str:
    """A spelling reduced to lower-case words: "Khyber-Pakhtunkhwa" and "khyber pakhtunkhwa" agree."""
    return " ".join(re.sub(r"[^\w]+", " ", spelling.lower()).split())


@functools.cache
def world_index() -> dict[str, tuple[str, str]]:
    """Normalised spelling -> (ISO 3166-1 alpha-3 of the country it places a text in, its kind).

    Countries, their first-level divisions and large cities, but not demonyms ("American troops"
    are not in America), not a spelling flagged ambiguous (a word, a name, a namesake), not a
    spelling of two countries' places, and nothing Afghan (the gazetteer of ``places.py`` has it).
    """
    index: dict[str, tuple[str, str]] = {}
    clashes: set[str] = set()
    for s in load_world().spellings():
        if s.kind == DEMONYM or s.ambiguous or s.iso3 == AFGHANISTAN:
            continue
        key = normalise(s.spelling)
        if key in index and index[key][0] != s.iso3:
            clashes.add(key)
        if key not in index or RANK[s.kind] < RANK[index[key][1]]:  # a country beats a city
            index[key] = (s.iso3, s.kind)
    return {key: found for key, found in index.items() if key not in clashes and key}


@functools.cache
def demonym_index() -> dict[str, str]:
    """Lower-cased one-word demonym -> its country ("haitians" -> HTI); none that two countries
    share or that is flagged ambiguous."""
    index: dict[str, str] = {}
    clashes: set[str] = set()
    for s in load_world().spellings():
        if s.kind != DEMONYM or s.ambiguous or " " in s.spelling:
            continue
        key = s.spelling.lower()
        if index.get(key, s.iso3) != s.iso3:
            clashes.add(key)
        index[key] = s.iso3
    return {key: iso3 for key, iso3 in index.items() if key not in clashes}


# A city abroad smaller than this places a text only when the text names its country too:
# "Kani" is a Japanese city and a township in Myanmar, "Chaman" a town on a border.
KNOWN_CITY_POPULATION = 1_000_000


@functools.cache
def small_cities() -> frozenset[str]:
    """Normalised spellings of the world index's cities below ``KNOWN_CITY_POPULATION``."""
    index = world_index()
    small = set()
    for city in load_world().cities:
        if city.population < KNOWN_CITY_POPULATION:
            for spelling in (city.name, *city.aliases):
                key = normalise(spelling)
                if index.get(key, ("", ""))[1] == CITY:
                    small.add(key)
    return frozenset(small)
