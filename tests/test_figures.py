"""Figures on real reporting, table-driven: what is not a casualty, parts of a total told after it,
restatements, victim groups from the rest of the sentence, report layouts and displacement phrasing.

Every sentence here is written for the test; none is taken from a real page.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.rows import Article, extract

PUBLISHED = Article("t", dt.date(2021, 7, 8), "day")


def figures(nlp, text):
    rows = extract(nlp(text), PUBLISHED).figures
    return [(r["kind"], r["value"], r["qualifier"], r["unit"], r["victims"], r["role"]) for r in rows]


def counted(nlp, text):
    """(kind, value or range floor, unit) of the rows a reader would count (not details)."""
    rows = extract(nlp(text), PUBLISHED).figures
    return [
        (r["kind"], r["value"] if r["value"] is not None else r["value_low"], r["unit"])
        for r in rows
        if r["role"] != "detail"
    ]


# --- what is not a casualty -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Populations, also with a hedge.
        ("Rockets hit a town of about 8,000 people and caused civilian casualties.", []),
        ("Maymana, a city of 150,000 people, was quiet on Sunday.", []),
        ("The insurgents entered a district of more than 60,000 residents.", []),
        # Something avoided is not something that happened.
        ("Commanders ordered a retreat to prevent civilian casualties in Qalat.", []),
        # Forecasts.
        ("Officials warned that 2,000 more families could be displaced from Nahr-e Saraj.", []),
        ("The governor said the offensive would displace 4,000 people.", []),
        ("Up to 300,000 people may flee the province before winter.", []),
        # People going home, and refugees abroad.
        ("Officials said 900 families who had been displaced returned to Marjah.", []),
        ("About 600 families who fled last year returned home to Dand this week.", []),
        ("Some 3,800 returnee families have arrived in Zaranj from Iran.", []),
        ("Roughly 2.2 million registered Afghan refugees who fled the war live in Pakistan.", []),
        ("Some 1,200 refugees who fled Badghis arrived abroad this year.", []),
        # Intents and evacuations.
        ("Thousands of residents who wish to flee are stuck at the border.", []),
        ("Some 300 families tried to flee but were stopped at a checkpoint.", []),
        ("More than 10,000 people fleeing the country have been airlifted from Kabul.", []),
        # Patients and others of whom only some were hurt.
        ("The ward admitted 210 patients last month, many of whom were wounded by mines.", []),
        # Aid and its recipients.
        ("Aid agencies distributed tents to 3,500 IDPs in Mazar-i-Sharif.", []),
        # Evacuated is not forced out.
        ("Police evacuated 300 residents from their homes near the river in Jalalabad.", []),
        # A phrase describing the object, not the people counted.
        ("A group of 15 journalists visited the displaced camp near Herat.", []),
        # Troops, fighters' strength and prisoners.
        ("Hundreds of fighters stormed the outskirts of Farah city on Tuesday.", []),
        ("The ministry sent 1,500 extra troops to the province.", []),
        ("The raid on the jail in Sheberghan freed more than 400 prisoners.", []),
    ],
)
def test_not_casualties(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Still displaced: "have not returned".
        (
            "Some 700 families fled the fighting in Khanabad and have not returned.",
            [("displaced", 700, "about", "families", "civilians", "total")],
        ),
        # A hedged past is reported, not forecast; "May" is a month.
        (
            "Officials said 30 people may have been killed in the blast.",
            [("killed", 30, "exact", "people", "unspecified", "total")],
        ),
        (
            "Fighting since May displaced 5,000 people in Kunar.",
            [("displaced", 5000, "exact", "people", "unspecified", "total")],
        ),
        # What follows the clause is said of something else.
        (
            "Thousands fled the city as the army evacuated the wounded.",
            [("displaced", None, "vague", "people", "unspecified", "total")],
        ),
        # "internal refugees" are people displaced at home.
        (
            "The war left more than 90,000 internal refugees in Uruzgan.",
            [("displaced", 90000, "more_than", "people", "civilians", "total")],
        ),
        # Forced from their homes.
        (
            "Clashes drove some 2,500 people from their homes in Khanabad.",
            [("displaced", 2500, "about", "people", "unspecified", "total")],
        ),
    ],
)
def test_casualties_beside_the_traps(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


# --- parts named after a total ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nine civilians were killed and 30 others were injured in Gardez. "
            "Two children were among the dead; 12 women were among those injured.",
            [
                ("killed", 9, "exact", "people", "civilians", "total"),
                ("wounded", 30, "exact", "people", "civilians", "total"),
                ("killed", 2, "exact", "people", "civilians", "detail"),
                ("wounded", 12, "exact", "people", "civilians", "detail"),
            ],
        ),
        (
            "The blast wounded 24 people in Charikar. Doctors said 5 of the wounded were in a "
            "critical condition.",
            [
                ("wounded", 24, "exact", "people", "unspecified", "total"),
                ("wounded", 5, "exact", "people", "unspecified", "detail"),
            ],
        ),
        # "X were among N killed": a part told before its total.
        (
            "Two boys were among seven civilians killed when a shell hit the market.",
            [
                ("killed", 2, "exact", "people", "civilians", "detail"),
                ("killed", 7, "exact", "people", "civilians", "total"),
            ],
        ),
        # "Among the dead were ...": a part of the last toll of the dead, not of the wounded.
        (
            "The blast killed at least 15 civilians. Another 40 were injured. Among the dead were "
            "at least three children.",
            [
                ("killed", 15, "at_least", "people", "civilians", "total"),
                ("wounded", 40, "exact", "people", "unspecified", "total"),
                ("killed", 3, "at_least", "people", "civilians", "detail"),
            ],
        ),
        # The rest of a list opened by "including" is a part too.
        (
            "At least 26 wounded, including two women and five children, reached the hospital.",
            [
                ("wounded", 26, "at_least", "people", "unspecified", "total"),
                ("wounded", 2, "exact", "people", "civilians", "detail"),
                ("wounded", 5, "exact", "people", "civilians", "detail"),
            ],
        ),
        # One person of a group is a person, not a count.
        ("Hundreds of families have been displaced. One of the displaced men said he lost his shop.", None),
        # With no total before it, a part still counts.
        (
            "Three women were among the dead.",
            [("killed", 3, "exact", "people", "civilians", "total")],
        ),
    ],
)
def test_parts_after_a_total(nlp, text, expected):
    got = figures(nlp, text)
    if expected is None:
        assert [f[1] for f in got] == [None]  # only the vague displacement figure
    else:
        assert got == expected


# --- a list by place breaks a hedged total down -----------------------------------------------
def test_list_by_place_is_a_breakdown_of_the_hedged_total(nlp):
    text = (
        "At least 12 civilians were killed and more than 60 wounded in Herat and Farah.\n\n"
        "At least 8 civilians were killed, 40 wounded in Herat and at least 4 killed, "
        "23 wounded in Farah this week."
    )
    assert counted(nlp, text) == [("killed", 12, "people"), ("wounded", 60, "people")]


def test_a_list_that_overshoots_the_total_is_not_its_breakdown(nlp):
    text = (
        "At least 12 civilians were killed in Herat and Farah.\n\n"
        "On Friday 10 civilians were killed in Herat and 9 were killed in Farah."
    )
    assert counted(nlp, text) == [("killed", 12, "people"), ("killed", 10, "people"), ("killed", 9, "people")]


def test_a_part_told_again_stays_a_part(nlp):
    text = (
        "More than 90 soldiers were killed in three provinces.\n"
        "- More than 50 soldiers were killed in Ghazni, about 20 were killed in Faryab and "
        "at least 25 were killed in Baghlan.\n"
        "Officials said more than 50 soldiers were killed in Ghazni alone."
    )
    assert counted(nlp, text) == [("killed", 90, "people")]


# --- a vague amount that announces a number told later ----------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A headline's "Dozens" restates the body's number, which takes its group.
        (
            "Dozens of villagers killed in night raid\n\nGunmen stormed a hamlet in Faryab, "
            "killing up to 40 people, officials said.",
            [("killed", 40, "up_to", "people", "civilians", "total")],
        ),
        (
            "Thousands of families flee fighting in Kunduz\n\nMore than 3,000 families have fled "
            "their homes in Kunduz, officials said.",
            [("displaced", 3000, "more_than", "families", "civilians", "total")],
        ),
        # Families restate a vague amount of people.
        (
            "Thousands flee clashes in Kunduz\n\nAbout 1,200 families have fled Khanabad, officials said.",
            [("displaced", 1200, "about", "families", "civilians", "total")],
        ),
        # "Dozens more" adds people.
        (
            "Twenty soldiers were killed in Zabul.\n\nDozens more were wounded in the attack, and "
            "40 were taken to hospital.",
            [
                ("killed", 20, "exact", "people", "security_forces", "total"),
                ("wounded", None, "vague", "people", "unspecified", "total"),
                ("wounded", 40, "exact", "people", "unspecified", "total"),
            ],
        ),
        # A number far above the vague amount is another figure.
        (
            "Dozens of people were killed in the fighting.\n\nThe UN said 1,500 people were killed "
            "across the country this year.",
            [
                ("killed", None, "vague", "people", "unspecified", "total"),
                ("killed", 1500, "exact", "people", "unspecified", "total"),
            ],
        ),
        # A part told later does not make the vague total a restatement.
        (
            "Dozens of people were killed in the blast, including 14 children.",
            [
                ("killed", None, "vague", "people", "unspecified", "total"),
                ("killed", 14, "exact", "people", "civilians", "detail"),
            ],
        ),
    ],
)
def test_vague_restatements(nlp, text, expected):
    assert figures(nlp, text) == expected


# --- victims from the rest of the sentence ----------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Officials said 22 people died and 35 were hurt, most of them police officers.",
            [
                ("killed", 22, "exact", "people", "mixed", "total"),
                ("wounded", 35, "exact", "people", "mixed", "total"),
            ],
        ),
        (
            "Officials said 14 people, many of them civilians, were killed in the strike.",
            [("killed", 14, "exact", "people", "mixed", "total")],
        ),
        (
            "At least 20 people, mostly civilians, were killed in the shelling.",
            [("killed", 20, "at_least", "people", "mixed", "total")],
        ),
        (
            "Some 30 civilians were killed, most of them women.",
            [("killed", 30, "about", "people", "civilians", "total")],
        ),
        (
            "The attackers withdrew, leaving behind 18 bodies; 12 others were wounded, the army said.",
            [
                ("killed", 18, "exact", "people", "militants", "total"),
                ("wounded", 12, "exact", "people", "militants", "total"),
            ],
        ),
        # A figure's own group wins over the rest of the sentence.
        (
            "Gunmen attacked the post, leaving 6 dead soldiers behind.",
            [("killed", 6, "exact", "people", "security_forces", "total")],
        ),
        (
            "Rocket attack on Ghazni: 8 civilians dead, more than 50 hurt",
            [
                ("killed", 8, "exact", "people", "civilians", "total"),
                ("wounded", 50, "more_than", "people", "civilians", "total"),
            ],
        ),
        (
            "Officials said 40 policemen were killed with 17 badly wounded in the assault.",
            [
                ("killed", 40, "exact", "people", "security_forces", "total"),
                ("wounded", 17, "exact", "people", "security_forces", "total"),
            ],
        ),
        (
            "Police confirmed the injury of four guards at the gate.",
            [("wounded", 4, "exact", "people", "security_forces", "total")],
        ),
    ],
)
def test_victims_from_the_sentence(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


# --- report layouts ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A key-figures box of a weekly report.
        ("31,000 new IDPs this week\n\n55,000 people assisted this week", [31000]),
        # One group in two units, the displacement told of them by a pronoun.
        (
            "Western Region: In Qala-i-Naw, some 300 families or around 2,100 people asked for help "
            "at the refugee department, as they had been displaced by clashes in Muqur.",
            [300, 2100],
        ),
        ("So far 98,765 people have been verified as displaced this year.", [98765]),
        ("Clashes in Sangin displaced an unknown number of families last week.", [None]),
        ("The displaced, estimated at about 9,000, are sheltering in schools.", [9000]),
        ("More than a dozen soldiers were killed in the ambush.", [12]),
    ],
)
def test_report_layouts(nlp, text, expected):
    assert [f[1] for f in figures(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An interview's answer takes the kind its question asks about.
        (
            "Q: How many families have fled their homes?\nA: About 3,000 families, most from Dand.",
            [("displaced", 3000, "about", "families", "civilians", "total")],
        ),
        (
            "Q: How many people were killed?\nA: 23, including four children.",
            [
                ("killed", 23, "exact", "people", "unspecified", "total"),
                ("killed", 4, "exact", "people", "civilians", "detail"),
            ],
        ),
        # Not when the question asks about something else, or the answer opens otherwise.
        ("Q: How many districts have fallen?\nA: Six.", []),
        ("Q: How many people were killed?\nA: Nobody knows. Maybe 20 people.", []),
        # A part of a combined total told in the next sentence.
        (
            "Doctors said at least 30 civilians were killed and wounded. Seven of them died on the way.",
            [
                ("casualties", 30, "at_least", "people", "civilians", "total"),
                ("killed", 7, "exact", "people", "civilians", "detail"),
            ],
        ),
    ],
)
def test_interviews_and_parts_of_combined_totals(nlp, text, expected):
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A text table: the row label names who every cell counts; a note after a cell does not.
        (
            "Police - Killed: 4 | Wounded: 9",
            [
                ("killed", 4, "exact", "people", "security_forces", "total"),
                ("wounded", 9, "exact", "people", "security_forces", "total"),
            ],
        ),
        (
            "Taliban - Killed: 11 (army claim; the Taliban deny it)",
            [("killed", 11, "exact", "people", "militants", "total")],
        ),
        # A label line: what its words say the number counts.
        (
            "- Families who fled to the city: about 800",
            [("displaced", 800, "about", "families", "civilians", "total")],
        ),
        ("Deaths: 12", [("killed", 12, "exact", "people", "unspecified", "total")]),
        ("People assisted: 5,000", []),
        # A bracketed breakdown of several groups.
        (
            "Killed and wounded: 7 (3 police, 4 civilians), the spokesman said.",
            [
                ("casualties", 7, "exact", "people", "mixed", "total"),
                ("casualties", 3, "exact", "people", "security_forces", "detail"),
                ("casualties", 4, "exact", "people", "civilians", "detail"),
            ],
        ),
        # The same group in another unit, in brackets, is not a part.
        (
            "Some 1,400 households (9,800 people) have been displaced from Dand.",
            [
                ("displaced", 1400, "about", "families", "civilians", "repeat"),
                ("displaced", 9800, "exact", "people", "unspecified", "total"),
            ],
        ),
        # Parts of several groups make a total that named none mixed.
        (
            "At least 25 people were killed, including 6 soldiers and 2 civilians.",
            [
                ("killed", 25, "at_least", "people", "mixed", "total"),
                ("killed", 6, "exact", "people", "security_forces", "detail"),
                ("killed", 2, "exact", "people", "civilians", "detail"),
            ],
        ),
    ],
)
def test_tables_and_breakdowns(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_two_units_of_one_group_are_recorded_both_and_counted_once(nlp):
    text = (
        "In Qala-i-Naw, some 300 families or around 2,100 people asked for help, as they had been "
        "displaced by clashes."
    )
    got = figures(nlp, text)
    assert [(f[1], f[3], f[5]) for f in got] == [(300, "families", "repeat"), (2100, "people", "total")]


# --- displacement phrasing of reports about other countries ------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Clashes between armed groups displaced an estimated 52,000 people in March.", [(52000, "people")]),
        ("Some 14,000 people were uprooted by raids on coastal villages in June.", [(14000, "people")]),
        ("More than 3,200 households fled their homes after the attacks.", [(3200, "families")]),
        ("The attacks forced about 25,000 people to flee within two weeks.", [(25000, "people")]),
        ("Between 8,000 and 10,000 people sought refuge in schools and churches.", [(8000, "people")]),
        ("The violence triggered 61,000 new displacements during the month.", [(61000, "people")]),
        ("An estimated 4,500 IDPs arrived in the regional capital last week.", [(4500, "people")]),
        ("Around 1,800 families took refuge in a stadium after the clashes.", [(1800, "families")]),
        ("Intercommunal violence displace over 5,000 people every month.", []),  # a rate
        ("Fighting in the hills displace over 5,000 people, the agency said.", [(5000, "people")]),
        ("Several thousand people fled the town as armed men approached.", [(3000, "people")]),
        ("Tens of thousands of people have been internally displaced by the conflict.", [(10000, "people")]),
        ("Government forces and rebels clashed, displacing 3,400 people.", [(3400, "people")]),
        ("The offensive drove 11,000 people from their homes.", [(11000, "people")]),
        ("Thousands flee as the fighting reaches the outskirts of the town.", [(1000, "people")]),
        ("Some 14,000 people in Cabo Delgado were uprooted by the raids.", [(14000, "people")]),
        ("About 900 families from the two districts have been displaced.", [(900, "families")]),
        ("About 4,000 Congolese fled their villages after the attack.", [(4000, "people")]),
        ("Nearly 700 Iraqi families fled their homes last month.", [(700, "families")]),
        ("About 6,000 inhabitants of Tillaberi have fled their villages.", [(6000, "people")]),
        ("The attacks affected 1,658 individuals in 332 households.", []),
        ("About 1,000 people crossed the border to escape the armed groups.", []),
    ],
)
def test_displacement_phrasing(nlp, sentence, expected):
    assert [(k[1], k[2]) for k in counted(nlp, sentence) if k[0] == "displaced"] == expected


# A hard-wrapped page (lines cut near one width, many running on into the next): a line break
# inside a sentence is not a sentence's end. Pages with short lines of their own keep them apart.
WRAPPED = (
    "Fighting spread across the south of the province this week as\n"
    "insurgents pushed towards the district centre from three sides.\n"
    "Residents said the roads out of the valley were closed by mines\n"
    "and that food prices had doubled in the main bazaar since Friday.\n"
    "Officials in the provincial capital said on Sunday that 23 police\n"
    "officers and at least nine civilians had been killed, while some\n"
    "400 families fled their homes in the villages near the river\n"
    "before the road was cut on Saturday, the provincial council said.\n"
)
NOT_WRAPPED = (
    "Latest news\n"
    "Prices of wheat rise in the capital as the winter begins early\n"
    "Officials said 23\n"
    "people were killed in the blast.\n"
)


def test_a_hard_wrapped_sentence_is_read_whole(nlp):
    assert counted(nlp, WRAPPED) == [
        ("killed", 23, "people"),
        ("killed", 9, "people"),
        ("displaced", 400, "families"),
    ]
    victims = {r["value"]: r["victims"] for r in extract(nlp(WRAPPED), PUBLISHED).figures}
    assert victims[23] == "security_forces" and victims[9] == "civilians"


def test_line_breaks_of_a_page_that_is_not_wrapped_end_sentences(nlp):
    assert counted(nlp, NOT_WRAPPED) == []


def test_a_figure_of_that_battle_takes_the_date_told_before(nlp):
    text = (
        "The attack brought back memories of last June, when the Taliban besieged Gardez.\n"
        "About 60 people were killed in that battle, officials said."
    )
    (row,) = extract(nlp(text), PUBLISHED).figures
    assert (row["event_date"], row["date_precision"]) == (dt.date(2021, 6, 1), "month")
