"""Levels as an analyst reads them, and places that are only references: a sentence in, the
capital-pressure rows out (capital, level, is_background)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract import reference
from pipeline.extract.rows import Article, extract
from pipeline.extract.view import View

PUBLISHED = Article("t", dt.date(2021, 8, 12), "day")  # a Thursday


def pressure(nlp, text, art=PUBLISHED):
    rows = extract(nlp(text), art).pressure
    return sorted({(r["capital"], r["level"], r["is_background"]) for r in rows})


# Entering a city, or holding parts or buildings of it, is a breach; holding it is a fall.
BREACHES = [
    ("Insurgents took control of parts of Ghazni city overnight.", [("Ghazni", "breached", False)]),
    (
        "The Taliban stormed into Kunduz city on Sunday, seizing key buildings.",
        [("Kunduz", "breached", False)],
    ),
    ("Militants have taken much of the city of Farah, residents say.", [("Farah", "breached", False)]),
    (
        "The Taliban took control of the governor's office and police headquarters in Maymana.",
        [("Maymana", "breached", False)],
    ),
    ("Armed fighters roamed the streets of Sheberghan on Friday.", [("Sheberghan", "breached", False)]),
    ("A lawmaker said the Taliban managed to enter Lashkar Gah city.", [("Lashkar Gah", "breached", False)]),
    ("Insurgents pushed deep into Tarinkot overnight.", [("Tarinkot", "breached", False)]),
    # "most of" the city held is still a fall; "district headquarters" is a district's fall.
    ("The Taliban took control of most of Taloqan city.", [("Taloqan", "fell", False)]),
    ("Insurgents overtook Aybak after the police withdrew.", [("Aybak", "fell", False)]),
]

# What is asserted not to have happened, or only attempted.
NOTHING_HAPPENED = [
    # clearing a city retakes it; an operation to clear it has not yet
    ("An operation to clear Kunduz city will begin soon.", []),
    ("Forces are trying to clear Ghazni city of militants.", []),
    ("Government troops have yet to recapture the city of Kunduz.", []),
    ("The governor said Farah will not fall.", []),
    ("Afghan forces launched an offensive to take back Ghazni city.", []),
    ("The Taliban failed to capture Qalat city despite a night of fighting.", [("Qalat", "attacked", False)]),
    ("Militants attempted to seize Gardez but were repelled.", [("Gardez", "attacked", False)]),
    ("Fighting could spread into cities such as Herat and Kandahar.", []),
    # A relative clause tells a real event after an attempt.
    (
        "Troops hoped to push back fighters who overran Kunduz city the day before.",
        [("Kunduz", "fell", False)],
    ),
    # A retreat to the outskirts is not a threat.
    ("Officials said the Taliban had been pushed back to the outskirts of Ghazni city.", []),
    ("Taliban fighters are back on the outskirts of Kunduz city.", [("Kunduz", "threatened", False)]),
    # A capture from the enemy is a retaking.
    ("Afghan commandos captured Kunduz city from the Taliban on Thursday.", [("Kunduz", "retaken", False)]),
]

# A house, a base, an airport or a checkpoint is not the city.
NOT_THE_CITY = [
    ("A Kandahar resident said his house had been taken over by the Taliban.", []),
    ("Taliban fighters attempted to take the Kunduz airport but were rebuffed.", []),
    ("In Mehtarlam city, insurgents attacked a local army base.", []),
    ("Gunmen attacked a village in the northern province of Sar-e Pul.", []),
    ("In Ghazni, militants attacked four district centres.", []),
    ("The Taliban attacked security checkpoints inside Farah city.", [("Farah", "attacked", False)]),
    ("A mortar hit two houses in Kunduz city on Monday.", [("Kunduz", "attacked", False)]),
    ("Displaced families are living on the outskirts of Kunduz city.", []),
]

# Reference places are not event places.
REFERENCE_PLACES = [
    (
        "Militants launched an attack on the city of Ghazni, south of the capital Kabul, seizing key "
        "buildings.",
        [("Ghazni", "breached", False)],
    ),
    ("Insurgents attacked a convoy on the highway between Kabul and Kandahar.", []),
    (
        "Heavy fighting in Helmand sent thousands fleeing to the capital of the province, as insurgents "
        "besieged the city.",
        [("Lashkar Gah", "besieged", False)],
    ),
    ("Families who fled to Herat said fighting continued in their villages.", []),
    ("Clashes continued in the center of Logar province on Friday.", [("Pul-i-Alam", "attacked", False)]),
    ("Clashes continued in the centre of Helmand's Nawa district.", []),
    # The capital of the country is Kabul, not the capital last named.
    ("Pul-e-Khumri lies about 200km from Kabul, the capital of Afghanistan.", []),
]

# Lists of capitals named by count or by province.
LISTS = [
    (
        "The Taliban seized two more provincial capitals - Farah city and Pul-e-Khumri.",
        [("Farah", "fell", False), ("Pul-e-Khumri", "fell", False)],
    ),
    (
        "Insurgents took the provincial capitals of Jowzjan and Nimroz within two days.",
        [("Sheberghan", "fell", False), ("Zaranj", "fell", False)],
    ),
    (
        "The insurgents also captured the smaller northern cities of Sar-e Pul and Taloqan.",
        [("Sar-e Pol", "fell", False), ("Taloqan", "fell", False)],
    ),
    ("Troops are fighting for control of the capital cities, officials said.", []),
    (
        "Militants assaulted two provincial capitals overnight -- Lashkar Gah and Kandahar.",
        [("Kandahar", "attacked", False), ("Lashkar Gah", "attacked", False)],
    ),
    (
        "Clashes in Kandahar, Lashkar Gah and Herat killed dozens.",
        [("Herat", "attacked", False), ("Kandahar", "attacked", False), ("Lashkar Gah", "attacked", False)],
    ),
    ("Fighting in Chahar Dara district and Kunduz city continued.", [("Kunduz", "attacked", False)]),
]

# A recalled event is background.
BACKGROUND = [
    ("They briefly took the city of Farah earlier this year.", [("Farah", "fell", True)]),
    ("Before that the militants overran Kunduz.", [("Kunduz", "fell", True)]),
    ("Over the past year they waged attacks on Lashkar Gah.", [("Lashkar Gah", "attacked", True)]),
    ("The Taliban captured Ghazni city three months ago.", [("Ghazni", "fell", True)]),
    (
        "The Taliban tried to take Gardez last October, when they briefly seized the police headquarters.",
        [("Gardez", "attacked", True), ("Gardez", "breached", True)],
    ),
]


# One report, one capital, one day: the assault or the threat that led to a breach or a fall
# that day is part of it. A siege, a retaking, another day and a recalled event stand apart.
ONE_STATUS_A_DAY = [
    ("The Taliban attacked Farah city and captured it by nightfall.", [("Farah", "fell", False)]),
    (
        "Insurgents came close to Sar-e Pol city on Thursday.\nBy evening they had stormed into the city.",
        [("Sar-e Pol", "breached", False)],
    ),
    (
        "Street fighting raged in Ghazni city after the Taliban launched an assault on it.",
        [("Ghazni", "breached", False)],
    ),
    (
        "The Taliban have besieged Taloqan city and entered it from the east.",
        [("Taloqan", "besieged", False), ("Taloqan", "breached", False)],
    ),
    (
        "Taliban fighters attacked Zaranj on Monday.\nOn Wednesday they captured the city.",
        [("Zaranj", "attacked", False), ("Zaranj", "fell", False)],
    ),
    (
        "The Taliban captured Kunduz city on Wednesday.\nTroops retook the city on Thursday.",
        [("Kunduz", "fell", False), ("Kunduz", "retaken", False)],
    ),
    (
        "Taliban fighters attacked Farah city today.\nThey briefly took Farah earlier this year.",
        [("Farah", "attacked", False), ("Farah", "fell", True)],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    ONE_STATUS_A_DAY + BREACHES + NOTHING_HAPPENED + NOT_THE_CITY + REFERENCE_PLACES + LISTS + BACKGROUND,
)
def test_pressure_levels(nlp, text, expected):
    assert pressure(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "event_date", "precision"),
    [
        ("They briefly took the city of Farah earlier this year.", dt.date(2021, 1, 1), "year"),
        ("Before that the militants overran Kunduz.", None, None),
        ("The Taliban captured Ghazni city three months ago.", dt.date(2021, 5, 1), "month"),
        ("The Taliban captured Ghazni city two years ago.", dt.date(2019, 1, 1), "year"),
        ("The Taliban captured Ghazni city several months ago.", None, None),
        ("Over the past year they waged attacks on Lashkar Gah.", None, None),
        ("Last October, when militants stormed into Gardez, the police fled.", dt.date(2020, 10, 1), "month"),
    ],
)
def test_a_recalled_event_is_dated_to_its_time_where_the_text_allows(nlp, text, event_date, precision):
    (row,) = extract(nlp(text), PUBLISHED).pressure
    assert (row["event_date"], row["date_precision"], row["is_background"]) == (event_date, precision, True)


@pytest.mark.parametrize(
    ("text", "place", "kind"),
    [
        ("The city lies 70 kilometres south of Kabul.", "Kabul", reference.MEASURE),
        ("Ghazni lies south of the capital Kabul.", "Kabul", reference.MEASURE),
        ("Fighting raged in the south of Kandahar city.", "Kandahar", ""),
        ("They cut the road between Kabul and Kandahar.", "Kandahar", reference.ROAD),
        ("Thousands of families fled to Lashkar Gah.", "Lashkar Gah", reference.DESTINATION),
        ("Some 700 people arrived in Herat this week.", "Herat", reference.DESTINATION),
        ("A Kunduz resident said the market was shut.", "Kunduz", reference.MODIFIER),
        ("The Kandahar airport was closed.", "Kandahar", reference.MODIFIER),
        ("Insurgents attacked a village in the province of Sar-e Pul.", "Sar-e Pul", reference.PROVINCE),
        ("Taliban fighters entered Ghazni on Friday.", "Ghazni", ""),
    ],
)
def test_reference_kind(nlp, text, place, kind):
    doc = nlp(text)
    (ent,) = [e for e in doc.ents if e.text == place]
    assert reference.kind(View(doc), ent.start, ent.end, ent.label_) == kind
