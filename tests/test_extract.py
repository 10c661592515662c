"""Extraction rules, table-driven: a sentence in, the expected rows out."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.rows import Article, extract

PUBLISHED = Article("t", dt.date(2021, 7, 8), "day")  # a Thursday


def figures(nlp, text, art=PUBLISHED):
    rows = extract(nlp(text), art).figures
    return [(r["kind"], r["value"], r["qualifier"], r["unit"], r["victims"], r["role"]) for r in rows]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Around 30,000 people have been displaced in Helmand in recent weeks.",
            [("displaced", 30000, "about", "people", "unspecified", "total")],
        ),
        (
            "The militants killed 14 people in a coordinated attack.",
            [("killed", 14, "exact", "people", "unspecified", "total")],
        ),
        (
            "69 #Taliban terrorists were killed and 23 others were wounded in offensive operations.",
            [
                ("killed", 69, "exact", "people", "militants", "total"),
                ("wounded", 23, "exact", "people", "militants", "total"),
            ],
        ),
        # A number naming no group of its own takes the group of the whole figure before it.
        (
            "As a result, 180 Taliban terrorists were killed and 63 were wounded across the country.",
            [
                ("killed", 180, "exact", "people", "militants", "total"),
                ("wounded", 63, "exact", "people", "militants", "total"),
            ],
        ),
        (
            "The hospital received the bodies of 11 civilians and 49 wounded people.",
            [
                ("killed", 11, "exact", "people", "civilians", "total"),
                ("wounded", 49, "exact", "people", "unspecified", "total"),
            ],
        ),
        (
            "Officials said 14 dead, including three children, and more than 30 wounded were brought in.",
            [
                ("killed", 14, "exact", "people", "unspecified", "total"),
                ("killed", 3, "exact", "people", "civilians", "detail"),
                ("wounded", 30, "more_than", "people", "unspecified", "total"),
            ],
        ),
        # Parts opened after a semicolon, or with a place, and the list such an opener heads.
        (
            "Officials said 8 civilians were killed and 17 injured; of those injured, 6 were children.",
            [
                ("killed", 8, "exact", "people", "civilians", "total"),
                ("wounded", 17, "exact", "people", "civilians", "total"),
                ("wounded", 6, "exact", "people", "civilians", "detail"),
            ],
        ),
        (
            "Thirty-three people were killed. Of the dead in Gardez, 21 were police and 12 were civilians.",
            [
                ("killed", 33, "exact", "people", "mixed", "total"),
                ("killed", 21, "exact", "people", "security_forces", "detail"),
                ("killed", 12, "exact", "people", "civilians", "detail"),
            ],
        ),
        (
            "At least 36 people were killed. Those killed included 11 civilians and 25 soldiers.",
            [
                ("killed", 36, "at_least", "people", "mixed", "total"),
                ("killed", 11, "exact", "people", "civilians", "detail"),
                ("killed", 25, "exact", "people", "security_forces", "detail"),
            ],
        ),
        (
            "The centre received 33 wounded civilians on Wednesday night, nine of them children.",
            [
                ("wounded", 33, "exact", "people", "civilians", "total"),
                ("wounded", 9, "exact", "people", "civilians", "detail"),
            ],
        ),
        ("The ICRC delivered supplies sufficient to treat 500 wounded patients.", []),
        (
            "The hospital treated 500 wounded patients.",
            [("wounded", 500, "exact", "people", "unspecified", "total")],
        ),
        # Later figures of one kind and group that add up exactly to an earlier total break it down.
        (
            "Overall, 50 Taliban terrorists were killed. Helmand: 30 terrorists were killed. "
            "Farah: 20 terrorists were killed. Herat: 5 civilians were killed.",
            [
                ("killed", 50, "exact", "people", "militants", "total"),
                ("killed", 30, "exact", "people", "militants", "detail"),
                ("killed", 20, "exact", "people", "militants", "detail"),
                ("killed", 5, "exact", "people", "civilians", "total"),
            ],
        ),
        (
            "Overall, 50 Taliban terrorists were killed. Helmand: 30 terrorists were killed. "
            "Farah: 25 terrorists were killed.",
            [
                ("killed", 50, "exact", "people", "militants", "total"),
                ("killed", 30, "exact", "people", "militants", "total"),
                ("killed", 25, "exact", "people", "militants", "total"),
            ],
        ),
        (
            "A health official said at least 10 civilians had been taken to hospital.",
            [("wounded", 10, "at_least", "people", "civilians", "total")],
        ),
        (
            "Afghan officials said about 75,000 people have fled their homes.",
            [("displaced", 75000, "about", "people", "unspecified", "total")],
        ),
        (
            "Hundreds of combatants on both sides and Afghan civilians have reportedly been killed.",
            [("killed", None, "vague", "people", "mixed", "total")],
        ),
        (
            "Fighting forced 1,200 families to flee their homes in Kunduz.",
            [("displaced", 1200, "exact", "families", "civilians", "total")],
        ),
        ("Seventy-five people were killed.", [("killed", 75, "exact", "people", "unspecified", "total")]),
        (
            "The blast killed a dozen policemen.",
            [("killed", 12, "exact", "people", "security_forces", "total")],
        ),
        (
            "More than 40 people were killed or wounded in the blast.",
            [("casualties", 40, "more_than", "people", "unspecified", "total")],
        ),
        (
            "Five soldiers and three civilians were killed.",
            [
                ("killed", 5, "exact", "people", "security_forces", "total"),
                ("killed", 3, "exact", "people", "civilians", "total"),
            ],
        ),
        (
            "The attack killed 14 people, including 10 policemen.",
            [
                ("killed", 14, "exact", "people", "unspecified", "total"),
                ("killed", 10, "exact", "people", "security_forces", "detail"),
            ],
        ),
        (
            "Some 5,600 families, or nearly 40,000 people, have been displaced.",
            [
                ("displaced", 5600, "about", "families", "civilians", "repeat"),
                ("displaced", 40000, "about", "people", "unspecified", "total"),
            ],
        ),
        (
            "UNAMA documented 1,659 civilian deaths in the first half of the year.",
            [("killed", 1659, "exact", "people", "civilians", "total")],
        ),
        (
            "Some 5,000 families (35,000 people) have been displaced in Kunduz.",
            [
                ("displaced", 5000, "about", "families", "civilians", "repeat"),
                ("displaced", 35000, "exact", "people", "unspecified", "total"),
            ],
        ),
        (
            "The death toll from Saturday's attack has risen to 55.",
            [("killed", 55, "exact", "people", "unspecified", "total")],
        ),
        (
            "The number of displaced people rose to 40,000 on Monday.",
            [("displaced", 40000, "exact", "people", "unspecified", "total")],
        ),
        ("Five children were among the dead.", [("killed", 5, "exact", "people", "civilians", "total")]),
        (
            "Fourteen civilians, including women and children, were killed in Nangarhar.",
            [("killed", 14, "exact", "people", "civilians", "total")],
        ),
        (
            "The blast left 10 dead and 25 wounded.",
            [
                ("killed", 10, "exact", "people", "unspecified", "total"),
                ("wounded", 25, "exact", "people", "unspecified", "total"),
            ],
        ),
        (
            "Since May 1, more than 200,000 people have been displaced by fighting.",
            [("displaced", 200000, "more_than", "people", "unspecified", "total")],
        ),
        (
            "Killed: 12 | Wounded: 30",
            [
                ("killed", 12, "exact", "people", "unspecified", "total"),
                ("wounded", 30, "exact", "people", "unspecified", "total"),
            ],
        ),
        ("Civilians killed: 14", [("killed", 14, "exact", "people", "civilians", "total")]),
        (
            "The clashes left 8 martyrs, the police said.",
            [("killed", 8, "exact", "people", "unspecified", "total")],
        ),
        (
            "Two Iranian border guards were wounded.",
            [("wounded", 2, "exact", "people", "security_forces", "total")],
        ),
        (
            "The hospital admitted more than 450 people wounded by weapons since 1 July, "
            "among them 64 children.",
            [
                ("wounded", 450, "more_than", "people", "unspecified", "total"),
                ("wounded", 64, "exact", "people", "civilians", "detail"),
            ],
        ),
        (
            "Between 20 and 30 civilians were killed in the shelling.",
            [("killed", None, "range", "people", "civilians", "total")],
        ),
        # Numbers that are not casualty figures.
        ("Some 300 Afghan soldiers fled across the border into Tajikistan.", []),
        ("3,000 displaced families received food aid in Herat.", []),
        ("The toll road was closed for 3 days.", []),
        ("Tawakoli said many of the city's 75,000 people had fled their homes.", []),
        ("More than 300 commandos have been deployed to the city.", []),
        ("The Taliban control 10 of the 14 districts in the province.", []),
        ("In August Washington deployed some 100 troops to Lashkar Gah.", []),
        ("They came close to Marjah, about 35 km from Lashkar Gah.", []),
        ("Around 2,500 American and roughly 7,000 allied troops are set to withdraw.", []),
        ("Ajab Gul, 25, was killed in the crossfire.", []),
        ("The insurgents opened the gates of the city jail, freeing hundreds of prisoners.", []),
        ("With the US pullout 90 percent complete, the insurgents launched a campaign.", []),
    ],
)
def test_figures(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


def test_families_get_a_people_estimate_from_the_household_size(nlp):
    art = Article("t", None, None, household_size=7.0)
    (row,) = extract(nlp("Up to 200 families were displaced in Faryab province."), art).figures
    assert (row["unit"], row["value_low"], row["value_high"], row["people_estimate"]) == (
        "families",
        None,
        200,
        1400,
    )


@pytest.mark.parametrize(
    ("sentence", "province", "place"),
    [
        (
            "Around 30,000 people have been displaced in Helmand, mostly fleeing to Lashkar Gah.",
            "Helmand",
            None,
        ),
        ("Five soldiers were killed in Ghazni city.", "Ghazni", "Ghazni"),
        ("Five soldiers were killed in Qala-e-Naw.", "Badghis", "Qala-i-Naw"),
        ("Five soldiers were killed in Mihtarlam.", "Laghman", "Mehtarlam"),
        ("Five soldiers were killed in Musa Qal'ah district.", "Helmand", "Musa Qala"),
        ("At least 20 people were killed in a suicide attack in Quetta, Pakistan.", None, None),
    ],
)
def test_figure_place(nlp, sentence, province, place):
    (row,) = extract(nlp(sentence), PUBLISHED).figures
    assert (row["province"], row["place"]) == (province, place)


def pressure(nlp, text, art=PUBLISHED):
    rows = extract(nlp(text), art).pressure
    return sorted({(r["capital"], r["level"], r["is_background"]) for r in rows})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In Helmand, the insurgents are threatening the provincial capital, Lashkar Gah.",
            [("Lashkar Gah", "threatened", False)],
        ),
        (
            "The Taliban came close to , the capital of the embattled Laghman province, after capturing "
            "key security outposts.",
            [("Mehtarlam", "threatened", False)],
        ),
        (
            "Fighting rages in Qala-i-Naw.\nResidents said Taliban fighters were still roaming the city.",
            [("Qala-i-Naw", "breached", False)],  # the day's fighting is part of the breach
        ),
        (
            "Some 30,000 people fled to Lashkar Gah, a city practically besieged.",
            [("Lashkar Gah", "besieged", False)],
        ),
        ("Nicholson assured provincial elders that Lashkar Gah will not fall.", []),
        (
            "The Taliban want to build on last September's brief capture of the northern city of Kunduz.",
            [("Kunduz", "fell", True)],
        ),
        (
            "Afghan forces take back provincial capital Qala-e-Naw after Taliban assault",
            [("Qala-i-Naw", "attacked", False), ("Qala-i-Naw", "retaken", False)],
        ),
        ("The Taliban captured Kunduz city on Monday.", [("Kunduz", "fell", False)]),
        ("Government forces recaptured Farah city yesterday.", [("Farah", "retaken", False)]),
        ("Taliban fighters besieged Ghazni.", [("Ghazni", "besieged", False)]),
        ("Heavy clashes in Pul-i-Khumri continued.", [("Pul-e-Khumri", "attacked", False)]),
        ("Kunduz province has seen heavy fighting for weeks.", []),
        ("Taliban fighters entered the city of Kunduz on Sunday.", [("Kunduz", "breached", False)]),
        (
            "The Taliban captured the provincial capital of Nimroz, Zaranj, on Friday.",
            [("Zaranj", "fell", False)],
        ),
        ("Zaranj became the first provincial capital to fall to the Taliban.", [("Zaranj", "fell", False)]),
        ("Government forces drove the Taliban out of Kunduz on Monday.", [("Kunduz", "retaken", False)]),
        ("The Taliban laid siege to Lashkar Gah.", [("Lashkar Gah", "besieged", False)]),
        ("Officials fear the city could fall to the Taliban within days, said a lawmaker from Ghazni.", []),
        # A place as the subject of its verb, with an aside between.
        (
            "Sheberghan, the capital of Jowzjan province, fell on Saturday.",
            [("Sheberghan", "fell", False)],
        ),
        ("Taliban insurgents captured the northern Afghan city of Kunduz.", [("Kunduz", "fell", False)]),
        (
            "Taliban insurgents captured Kunduz, as well as the provincial capitals of Sar-e Pul and "
            "Taloqan.",
            [("Kunduz", "fell", False), ("Sar-e Pol", "fell", False), ("Taloqan", "fell", False)],
        ),
        # Denials, attempts and near misses.
        ("Officials said the reports regarding the fall of Tarinkot are baseless.", []),
        (
            "The attack began with an attempt to break through the security belt in Lashkar Gah and "
            "enter the city.",
            [("Lashkar Gah", "attacked", False)],
        ),
        ("The Taliban came close to taking Ghazni city on Monday.", [("Ghazni", "threatened", False)]),
        # Near, not in: a threat; a distance alone is no threat.
        (
            "The Taliban are now fighting Afghan forces just five kilometres from Maimana.",
            [("Maymana", "threatened", False)],
        ),
        ("Security forces retreated to an army base about 20 kilometres from Pul-e-Khumri.", []),
        ("Sangin lies about 95 kilometres north of Lashkar Gah, the scene of fierce fighting.", []),
        # A name shared with its province is the province when nothing says city.
        ("The fighting appeared to be spreading in Herat.", []),
        ("Fighting continued in parts of Herat city.", [("Herat", "attacked", False)]),
        # "Kabul" as the government, and as a place seized.
        ("Kabul sends in commandos as Taliban surround the city of Ghazni.", [("Ghazni", "besieged", False)]),
        ("The Taliban seized Kabul on Sunday.", [("Kabul", "fell", False)]),
        # Handovers and takeovers are falls; "it" is the capital named before.
        ("Nili, 14 August: The governor handed the city to the Taliban.", [("Nili", "fell", False)]),
        ("Maimana, 14 August: the Taliban took over the city.", [("Maymana", "fell", False)]),
        (
            "Afghan troops recaptured the centre of Kunduz, three days after the Taliban overran it.",
            [("Kunduz", "fell", False), ("Kunduz", "retaken", False)],
        ),
        ("Families flee towards Firozkoh as the Taliban overrun two districts.", []),
        # A road's far end is not besieged; fighting inside a city is an attack.
        (
            "In 2020 the Taliban cut the highway from Lashkar Gah to Kandahar.",
            [("Lashkar Gah", "besieged", True)],
        ),
        ("Fighting rages inside Kandahar city.", [("Kandahar", "attacked", False)]),
        ("A mortar round struck a family home in Gardez city on Saturday.", [("Gardez", "attacked", False)]),
        ("An abandoned mortar round exploded in Parun.", []),
        # A city implied: the capital being discussed.
        (
            "Fighting rages in Qala-i-Naw.\n"
            "On Wednesday, the Taliban briefly seized the police headquarters.",
            [("Qala-i-Naw", "attacked", False), ("Qala-i-Naw", "breached", False)],
        ),
        # Subjects joined by "and", or with a compass aside, before a passive verb.
        ("Farah and Ghazni were overrun.", [("Farah", "fell", False), ("Ghazni", "fell", False)]),
        (
            "On Tuesday, Puli Khumri, capital of Baghlan, and Farah in the west were overrun.",
            [("Farah", "fell", False), ("Pul-e-Khumri", "fell", False)],
        ),
        ("Fighting in the west has displaced families from Herat.", []),
        # Where help came from is not what it retook.
        (
            "Taliban fighters launched an assault on Tarin Kowt. "
            "Two days later, army commandos flown in from Kandahar drove them back out of the city.",
            [("Tarinkot", "attacked", False)],
        ),
    ],
)
def test_pressure(nlp, text, expected):
    assert pressure(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Security forces had retaken the district of Khanishin.", [("Khanishin", "retaken")]),
        (
            "They have already seized the districts of Musa Qal'ah and Now Zad in the north.",
            [("Musa Qala", "fell"), ("Now Zad", "fell")],
        ),
        ("The insurgents seized control of the Dawlat Shah district on Friday.", [("Dawlat Shah", "fell")]),
        ("They have come close to taking the district of Marjah.", [("Marjah", "threatened")]),
    ],
)
def test_district_events(nlp, text, expected):
    rows = extract(nlp(text), PUBLISHED).district_events
    assert sorted((r["district"], r["status"]) for r in rows) == expected


@pytest.mark.parametrize(
    ("text", "event_date", "precision"),
    [
        ("The Taliban captured Kunduz city on Monday.", dt.date(2021, 7, 5), "day"),
        ("Taliban fighters stormed Kunduz yesterday.", dt.date(2021, 7, 7), "day"),
        ("Officials said on Tuesday that Taliban fighters stormed Kunduz.", dt.date(2021, 7, 8), "day"),
        ("The Taliban captured Kunduz city on July 1.", dt.date(2021, 7, 1), "day"),
        # a day and a month without the year: the most recent such day
        ("On 1 July, the Taliban captured Kunduz city.", dt.date(2021, 7, 1), "day"),
        ("Kunduz: on 30 December the Taliban captured Kunduz city.", dt.date(2020, 12, 30), "day"),
        ("Taliban fighters briefly stormed into Kunduz last week.", dt.date(2021, 7, 1), "day"),
    ],
)
def test_event_dates(nlp, text, event_date, precision):
    (row,) = extract(nlp(text), PUBLISHED).pressure
    assert (row["event_date"], row["date_precision"]) == (event_date, precision)


def test_a_year_in_another_clause_does_not_date_the_event(nlp):
    text = "They came close to taking the district of Marjah, the focus of a major offensive in 2010."
    (row,) = extract(nlp(text), PUBLISHED).district_events
    assert (row["event_date"], row["is_background"]) == (dt.date(2021, 7, 8), False)


def test_a_year_in_the_same_clause_dates_a_recalled_episode(nlp):
    (row,) = extract(nlp("The Taliban captured Kunduz in 2015."), PUBLISHED).pressure
    when = (row["event_date"], row["date_precision"], row["is_background"])
    assert when == (dt.date(2015, 1, 1), "year", True)


@pytest.mark.parametrize(
    ("sentence", "victims"),
    [
        ("Seven civilians were killed.", "civilians"),
        ("Seven women and children were killed.", "civilians"),
        ("Seven policemen were killed.", "security_forces"),
        ("Seven Afghan soldiers were killed.", "security_forces"),
        ("Seven NDS officers were killed.", "security_forces"),
        ("Seven commandos were killed.", "security_forces"),
        ("Seven Taliban fighters were killed.", "militants"),
        ("Seven insurgents were killed.", "militants"),
        ("Seven terrorists were killed, the ministry said.", "militants"),
        ("Seven soldiers and civilians were killed.", "mixed"),
        ("Seven combatants on both sides were killed.", "mixed"),
        ("Seven people were killed.", "unspecified"),
    ],
)
def test_victims(nlp, sentence, victims):
    (row,) = extract(nlp(sentence), PUBLISHED).figures
    assert row["victims"] == victims
