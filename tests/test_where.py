"""Where a figure happened: reference places, destinations, speakers and datelines are not it."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.rows import Article, extract

# (text, the figure's number as written, expected province, expected basis)
CASES = [
    # its own sentence
    ("Nine civilians were killed in Kunduz on Monday.", "Nine", "Kunduz", "sentence"),
    # a point of reference is not where it happened
    (
        "Fighters stormed Ghazni, south of the capital Kabul, and 14 soldiers were killed.",
        "14",
        "Ghazni",
        "sentence",
    ),
    ("Twelve police were killed 40 km north of Kandahar, in Zabul.", "Twelve", "Zabul", "sentence"),
    (
        "Forces fought to retake Ghazni, a city on the highway between Kabul and Kandahar.\n"
        "Thirty insurgents were killed.",
        "Thirty",
        "Ghazni",
        "article",
    ),
    (
        "The attack hit a base in Wardak province, west of Kabul, where 36 people were killed.",
        "36",
        "Wardak",
        "sentence",
    ),
    # where people arrived is not where they fled from
    (
        "Fighting raged in Kunduz for a week.\n\nAbout 2,000 families had arrived in Kabul by Friday.",
        "2,000",
        "Kunduz",
        "article",
    ),
    ("Some 300 families fled to Herat city from Badghis.", "300", "Badghis", "sentence"),
    # a list of places people went to shares its first place's role
    (
        "Fighting went on in Kunduz.\n\nAbout 1,000 families fled to Taloqan, Pul-e-Khumri and Kabul.",
        "1,000",
        "Kunduz",
        "article",
    ),
    # where the speaker is
    ("Officials in the capital, Kabul, said 40 soldiers were killed in Farah.", "40", "Farah", "sentence"),
    # datelines are where the reporter is
    ("KABUL (Reuters) - Gunmen killed 11 workers in Nangarhar on Sunday.", "11", "Nangarhar", "sentence"),
    ("Kabul (ICRC) - The hospital in Kandahar city treated 50 wounded.", "50", "Kandahar", "sentence"),
    # a figure of several provinces told together has none of them
    ("At least 15 civilians were killed in Lashkar Gah and Kandahar this week.", "15", None, "several"),
    ("Clashes in Baghlan and Ghazni provinces displaced 20,000 people.", "20,000", None, "several"),
    # two figures, each with its own place, are not one list
    ("Eight were killed in Kunduz and five in Baghlan.", "Eight", "Kunduz", "sentence"),
    # a district name two provinces share takes the province its context names
    ("Thousands fled Arghandab and Panjwayi districts last month.", "Thousands", "Kandahar", "sentence"),
    # the whole country
    ("Across Afghanistan, 1,200 civilians were killed in six months.", "1,200", None, "national"),
    # an institution named after the country is not the whole country
    (
        "Fighting in Helmand displaced 5,600 families.\n\n"
        "Afghanistan's refugee department says 40,000 people have fled.",
        "40,000",
        "Helmand",
        "article",
    ),
    # another country
    ("In neighbouring Pakistan, a bomb killed six people in Lahore.", "six", None, "foreign"),
]

# "Kabul" stands for the government unless the text says it means the city.
KABUL = [
    (
        "A car bomb hit a crowd outside the passport office in Kabul city.\n\n"
        "Officials said 38 people were killed.",
        ("Kabul", "article"),
    ),
    (
        "Kabul says a car bomb hit a crowd outside the passport office.\n\n"
        "Officials said 38 people were killed.",
        (None, "none"),
    ),
]


@pytest.mark.parametrize(("text", "placed"), KABUL, ids=["Kabul city", "Kabul the government"])
def test_kabul_city_can_be_an_articles_main_place(nlp, text, placed):
    (row,) = extract(nlp(text), Article("a", dt.date(2019, 10, 9), "day")).figures
    assert (row["province"], row["place_basis"]) == placed


# (text, the figure's number as written, expected country, expected province)
COUNTRIES = [
    ("Clashes in Maiduguri killed 12 people on Sunday.", "12", "NGA", None),
    ("Fighting in northern Syria displaced 30,000 people from Idlib.", "30,000", "SYR", None),
    ("A bomb in Quetta killed nine people.", "nine", "PAK", None),
    ("Floods displaced 4,000 people in Sindh province.", "4,000", "PAK", None),
    # a country named for its forces is not where it happened
    ("US forces said 20 militants were killed in Helmand.", "20", "AFG", "Helmand"),
    # a surname that is also a city abroad is not a place; nor is a piece of a hyphenated name
    ("Dr Zahir Ahmadi said 9 people were wounded in Kunduz.", "9", "AFG", "Kunduz"),
    ("Shells landed in the Sar-e-Bagh area of Taloqan, killing three people.", "three", "AFG", "Takhar"),
    # the other side of a border is not where it happened
    ("Shelling on the border with Iran displaced 300 families in Nimroz.", "300", "AFG", "Nimroz"),
    ("Shelling along the border with Azerbaijan displaced 700 people in Syunik.", "700", "ARM", None),
    ("In neighbouring Magway Region, 900 people fled their homes.", "900", "MMR", None),
    # a paragraph that opens abroad carries on there; a place people went to does not
    ("In Iraq, a bomb killed 12 people.\nAnother 40 were wounded.", "40", "IRQ", None),
    (
        "Somalia: fighting in Sool\n\nMany fled across the border into the Somali Region of Ethiopia. "
        "Clinics said 28 people were killed.",
        "28",
        "SOM",
        None,
    ),
    # an article about another country: its headline and lead, or its people, name the country
    ("Libya: clashes in the capital\n\nThe fighting killed 32 people, the ministry said.", "32", "LBY", None),
    (
        "Gang violence in the Haitian capital has forced more than 17,000 people to flee, the IOM said.\n"
        "Nearly 5.5 million Haitians need help.",
        "17,000",
        "HTI",
        None,
    ),
    ("Mali counted 2,000 people displaced around Gao this month.", "2,000", "MLI", None),
    # nationwide, in an article about another country, is that country
    ("Yemen: a year of war\n\nNationwide, 40,000 people were displaced this year.", "40,000", "YEM", None),
    # a demonym before "border" or "troops" does not make an article foreign
    ("Most of the 3,000 displaced people fled towards the Turkish border.", "3,000", None, None),
    # a small city abroad counts only when its country is named: Kani is also a town in Japan
    ("Some 600 people fled to camps in Kani township.", "600", None, None),
]


@pytest.mark.parametrize(("text", "number", "province", "basis"), CASES, ids=[c[0][:50] for c in CASES])
def test_a_figure_is_placed_where_it_happened(nlp, text, number, province, basis):
    rows = extract(nlp(text), Article("a", dt.date(2021, 7, 8), "day")).figures
    (row,) = [r for r in rows if r["number_text"].endswith(number)]
    assert (row["province"], row["place_basis"]) == (province, basis)
    assert row["country"] == {"foreign": "PAK", "none": None}.get(basis, "AFG")


@pytest.mark.parametrize(
    ("text", "number", "country", "province"), COUNTRIES, ids=[c[0][:50] for c in COUNTRIES]
)
def test_a_figure_abroad_gets_its_country_and_no_province(nlp, text, number, country, province):
    rows = extract(nlp(text), Article("a", dt.date(2021, 7, 8), "day")).figures
    (row,) = [r for r in rows if r["number_text"].endswith(number)]
    assert (row["country"], row["province"]) == (country, province)
