"""The gazetteer tables themselves: every district, spellings that name one place, known districts."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from pipeline.extract.places import CAPITAL, DISTRICT, PLACES_DIR, PROVINCE, load_gazetteer


def rows(name: str) -> list[dict[str, str]]:
    with (PLACES_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_official_district_is_covered():
    """The 2018 AGCHO/OCHA list has 401 districts; the 34 provincial centres are the capitals."""
    gaz = load_gazetteer()
    districts = [p for p in gaz.places if p.label == DISTRICT]
    capitals = [p for p in gaz.places if p.label == CAPITAL]
    assert len(districts) >= 360
    assert len(districts) + len(capitals) >= 390


def test_every_district_lies_in_one_of_the_34_provinces():
    provinces = set(load_gazetteer().province_names())
    assert len(provinces) == 34
    assert {r["province"] for r in rows("districts.csv")} == provinces
    assert {r["province"] for r in rows("settlements.csv")} <= provinces


def test_no_district_duplicates_a_province_or_a_capital():
    gaz = load_gazetteer()
    taken = {p.name.lower() for p in gaz.places if p.label in (PROVINCE, CAPITAL)}
    assert not [r["district"] for r in rows("districts.csv") if r["district"].lower() in taken]


def test_no_spelling_names_two_places_of_one_label_in_different_provinces():
    """Arghandab (Kandahar and Zabul) is one canonical name on two rows: allowed; one spelling for
    two different names is not."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for spelling, place in load_gazetteer().aliases:
        names[(place.label, spelling.lower())].add(place.name)
    assert {k: v for k, v in names.items() if len(v) > 1} == {}


def test_no_district_spelling_is_a_province_or_capital_spelling():
    gaz = load_gazetteer()
    upper = {s.lower() for s, p in gaz.aliases if p.label in (PROVINCE, CAPITAL)}
    assert not [s for s, p in gaz.aliases if p.label == DISTRICT and s.lower() in upper]


def test_every_spelling_starts_with_an_upper_case_letter_or_a_digit():
    spellings = [s for s, _ in load_gazetteer().aliases]
    spellings += [a for r in rows("settlements.csv") for a in r["aliases"].split("|") if a]
    assert not [s for s in spellings if not (s[0].isupper() or s[0].isdigit())]


def test_coordinates_lie_in_afghanistan():
    for name in ("districts.csv", "settlements.csv"):
        for r in rows(name):
            if r["lat"]:
                assert 29 < float(r["lat"]) < 39 and 60 < float(r["lon"]) < 75, r


@pytest.mark.parametrize(
    ("text", "district", "province"),
    [
        # south
        ("Sangin", "Sangin", "Helmand"),
        ("Khan Neshin", "Khanishin", "Helmand"),
        ("Gereshk", "Nahr-e Saraj", "Helmand"),
        ("Spin Boldak", "Spin Boldak", "Kandahar"),
        ("Panjwayi", "Panjwai", "Kandahar"),
        ("Dand", "Dand", "Kandahar"),
        ("Shah Joy", "Shah Joy", "Zabul"),
        ("Deh Rawood", "Deh Rawud", "Uruzgan"),
        # west
        ("Shindand", "Shindand", "Herat"),
        ("Bala Murghab", "Bala Murghab", "Badghis"),
        ("Bala Buluk", "Bala Buluk", "Farah"),
        ("Chakhansur", "Chakhansur", "Nimroz"),
        ("Taywara", "Taywara", "Ghor"),
        # north
        ("Imam Sahib", "Imam Sahib", "Kunduz"),
        ("Chahar Bolak", "Chahar Bolak", "Balkh"),
        ("Qush Tepa", "Qush Tepa", "Jowzjan"),
        ("Andkhoy", "Andkhoy", "Faryab"),
        ("Dahana-e Ghori", "Dahana-e Ghori", "Baghlan"),
        ("Khwaja Bahauddin", "Khwaja Bahauddin", "Takhar"),
        ("Jurm", "Jurm", "Badakhshan"),
        ("Sozma Qala", "Sozma Qala", "Sar-e Pol"),
        # east and south-east
        ("Zurmat", "Zurmat", "Paktia"),
        ("Dand Patan", "Dand Patan", "Paktia"),
        ("Dawlat Shah", "Dawlat Shah", "Laghman"),
        ("Achin", "Achin", "Nangarhar"),
        ("Haska Mina", "Deh Bala", "Nangarhar"),
        ("Pech Dara", "Dara-e Pech", "Kunar"),
        ("Kamdesh", "Kamdesh", "Nuristan"),
        ("Urgun", "Urgun", "Paktika"),
        ("Sabari", "Sabari", "Khost"),
        # centre
        ("Jaghori", "Jaghori", "Ghazni"),
        ("Alasay", "Alasay", "Kapisa"),
        ("Chak-e Wardak", "Chak", "Wardak"),
        ("Char Asiab", "Chahar Asyab", "Kabul"),
        ("Baraki Barak", "Baraki Barak", "Logar"),
        ("Yakawlang", "Yakawlang", "Bamyan"),
        ("Shahristan", "Shahristan", "Daykundi"),
        ("Rukha", "Rukha", "Panjshir"),
        ("Jabal Saraj", "Jabal Saraj", "Parwan"),
        ("Nijrab", "Nijrab", "Kapisa"),
        ("Farsi district", "Farsi", "Herat"),
    ],
)
def test_known_districts_resolve_to_their_province(nlp, text, district, province):
    doc = nlp(f"Fighting was reported in {text} on Monday.")
    (ent,) = doc.ents
    assert (ent.label_, ent.ent_id_) == (DISTRICT, district)
    first = next(p for p in load_gazetteer().places if p.label == DISTRICT and p.name == district)
    assert first.province == province


@pytest.mark.parametrize(
    "sentence",
    [
        "Reg Dwight spoke in Farsi about the March offensive.",
        "Kakar said the Zadran elders met Maruf and Azra.",
        "Burka bans were discussed.",
    ],
)
def test_ordinary_words_and_names_are_not_districts(nlp, sentence):
    assert [e for e in nlp(sentence).ents if e.label_ == DISTRICT] == []
