"""How far to trust a row: the reasons that lower a figure or a pressure mention, in short cases."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.rows import Article, extract

FIGURES = [
    # (text, the figure's number as written, expected reasons)
    ("Officials said 12 civilians were killed in Kunduz city on Monday.", "12", []),
    ("Dozens of civilians were killed in Kunduz city on Monday.", "Dozens", ["vague amount"]),
    (
        "Fighting went on in Kunduz for a week.\n\nMore than 300 families have fled, officials said.",
        "300",
        ["place from the article, not the sentence"],
    ),
    ("Nine soldiers were killed overnight, officials said.", "Nine", ["no place"]),
    (
        "Taliban fighters kill 40 soldiers in Farah\n\nThe attack began at dawn in Farah city.",
        "40",
        ["told in a headline"],
    ),
    (
        "A Taliban spokesman said 60 soldiers were killed in Ghazni.",
        "60",
        ["claim by a party to the conflict"],
    ),
    (
        "The defence ministry said 69 militants were killed in Helmand.",
        "69",
        ["claim by a party to the conflict"],
    ),
    ("Some 400 families have reportedly fled Nad Ali district.", "400", ["hedged ('reportedly')"]),
    ("In Quetta, a bomb killed nine people.", "nine", ["placed abroad by the world gazetteer"]),
    (
        "The Taliban claimed dozens of soldiers were killed, without saying where.",
        "dozens",
        ["no place", "vague amount", "claim by a party to the conflict"],
    ),
]


@pytest.mark.parametrize(("text", "number", "reasons"), FIGURES, ids=[c[0][:48] for c in FIGURES])
def test_what_lowers_a_figure(nlp, text, number, reasons):
    rows = extract(nlp(text), Article("a", dt.date(2021, 7, 8), "day")).figures
    (row,) = [r for r in rows if r["number_text"].lower().endswith(number.lower())]
    assert row["confidence_reason"] == "; ".join(reasons)
    assert row["confidence"] == ("high", "medium", "low", "low")[len(reasons)]


PRESSURE = [
    ("Taliban fighters captured Kunduz city on Sunday.", "Kunduz", "fell", []),
    (
        "The Taliban claimed they had captured Kunduz city.",
        "Kunduz",
        "fell",
        ["claim by a party to the conflict"],
    ),
    (
        "Fighting raged near Kunduz for days.\n\nOn Sunday the militants stormed the city.",
        "Kunduz",
        "breached",
        ["capital named by context"],
    ),
]


@pytest.mark.parametrize(("text", "capital", "level", "reasons"), PRESSURE, ids=[c[0][:48] for c in PRESSURE])
def test_what_lowers_a_pressure_mention(nlp, text, capital, level, reasons):
    rows = extract(nlp(text), Article("a", dt.date(2021, 7, 8), "day")).pressure
    (row,) = [r for r in rows if (r["capital"], r["level"]) == (capital, level)]
    assert row["confidence_reason"] == "; ".join(reasons)
