"""The gazetteer: 34 provinces with capitals, and every spelling in real use resolving to one name."""

from __future__ import annotations

import pytest

from pipeline.extract.places import CAPITAL, PROVINCE, capital_coordinates, load_gazetteer


def test_34_provinces_each_with_one_capital():
    gaz = load_gazetteer()
    provinces = gaz.province_names()
    assert len(provinces) == 34
    assert all(gaz.capital_of(p) for p in provinces)
    coords = capital_coordinates()
    assert len(coords) == 34
    assert all(29 < c["lat"] < 39 and 60 < c["lon"] < 75 for c in coords)  # inside Afghanistan's bounding box


@pytest.mark.parametrize(
    ("text", "label", "canonical"),
    [
        ("Qala-i-Naw", CAPITAL, "Qala-i-Naw"),
        ("Qala-e-Naw", CAPITAL, "Qala-i-Naw"),
        ("Qala-I Naw", CAPITAL, "Qala-i-Naw"),
        ("Qal'ah-ye Now", CAPITAL, "Qala-i-Naw"),
        ("Lashkargah", CAPITAL, "Lashkar Gah"),
        ("Mihtarlam", CAPITAL, "Mehtarlam"),
        ("Pul-i-Khumri", CAPITAL, "Pul-e-Khumri"),
        ("Puli Khumri", CAPITAL, "Pul-e-Khumri"),
        ("Hilmand", PROVINCE, "Helmand"),
        ("Hirat", CAPITAL, "Herat"),
        ("Maimana", CAPITAL, "Maymana"),
        ("Shibirghan", CAPITAL, "Sheberghan"),
        ("Tirin Kot", CAPITAL, "Tarinkot"),
        ("Faizabad", CAPITAL, "Fayzabad"),
        ("Musa Qal'ah", "DISTRICT", "Musa Qala"),
        ("Nawzad", "DISTRICT", "Now Zad"),
        ("Marja", "DISTRICT", "Marjah"),
        ("Herat province", PROVINCE, "Herat"),
    ],
)
def test_spelling_variants(nlp, text, label, canonical):
    doc = nlp(f"Fighting was reported in {text} on Monday.")
    (ent,) = doc.ents
    assert (ent.label_, ent.ent_id_) == (label, canonical)


def test_lower_case_words_are_not_places(nlp):
    assert nlp("They fled now, zad said.").ents == ()
