"""Page chrome and furniture: what is blanked before extraction, and what must stay."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from pipeline.evaluate.real import REAL
from pipeline.extract import chrome
from pipeline.extract.page import furniture_lines, mask_furniture, masked_share
from pipeline.extract.published import find_published
from pipeline.settings import ROOT

REALTEXT = Path(os.environ.get("SITREP_REALTEXT", REAL))
FICTIONAL = ("gold", "holdout", "holdout2", "blind")
PROSE = "Taliban fighters attacked checkpoints on the edge of the city overnight, officials said on Sunday."
MORE = "The provincial governor said reinforcements had arrived and the roads into the city were open."


def masked(page: str) -> list[str]:
    """The non-blank lines of ``page`` that masking blanks."""
    lines = page.splitlines()
    return [lines[i].strip() for i in sorted(furniture_lines(page)) if lines[i].strip()]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Markets rally after rate cut  • Storm closes coastal roads  • 6 hurt in bus crash downtown", True),
        ("Parliament passes budget bill | Floods hit three villages | Team wins the cup final", True),
        ("1,300 families newly displaced | 4 health facilities closed | 11,000 people in need", False),
        ("By Jane Doe | @janedoe | Example News Agency", False),
        ("Example News | @example | 13 Aug 2021, 06:44 am", False),
        ("02 July 2019 | Faryab | Qaisar", False),
        ("Taliban seize district centre in Badghis after two days of fighting", False),
    ],
)
def test_a_ticker_is_a_row_of_unrelated_headlines(line, expected):
    assert chrome.is_ticker(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Home | Afghanistan | World | Business | Sport", True),
        ("Home   Afghanistan   Asia   World   Sport", True),
        ("News • Opinion • Video • Podcasts", True),
        ("Sunday, 04 July 2021 | Saturday, 03 July 2021 | Friday, 02 July 2021", False),
        ("Kunduz | Baghlan", False),
    ],
)
def test_a_menu_is_a_row_of_short_links(line, expected):
    assert chrome.is_menu(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Families queue for flour in Kabul on 3 May 2019. EXAMPLE/Jane Doe", True),
        ("Displaced men talk in a camp near the city. — AGENCY/File", True),
        ("Police patrol a road in Helmand province, April 2016. / Example World and Agencies", True),
        ("Displaced families rest near Ghazni on 15 November. (Photo by Jane Doe / AGENCY)", True),
        ("Security forces arrive in the city on Saturday.   | Photo Credit: AP", True),
        ("The figures were confirmed by UNAMA/OCHA.", False),
        ("Thousands fled to the capital, the agency said.", False),
    ],
)
def test_a_caption_ends_with_its_credit(line, expected):
    assert chrome.is_caption(line) is expected


@pytest.mark.parametrize(
    ("page", "gone", "kept"),
    [
        # A ticker of other stories above the article.
        (
            "Off the wire\n"
            "Markets rally after rate cut  • 8 killed in a mine collapse abroad  • Team wins final\n"
            f"\nTaliban attack city\n\n{PROSE}\n",
            ["8 killed in a mine collapse"],
            ["Taliban attack city", PROSE],
        ),
        # A breaking-news bar and a breadcrumb.
        (
            "BREAKING NEWS 3 hurt in a crash downtown Full Story\nHome / World / Asia\n"
            f"\nTaliban attack city\n{PROSE}\n",
            ["BREAKING NEWS", "Home / World"],
            ["Taliban attack city"],
        ),
        # Topic tags, one a line, between two paragraphs.
        (
            f"{PROSE}\n\nArmed conflict\n\nSouth Asia\n\nNational security\n\nUnited States\n\n{MORE}\n",
            ["Armed conflict", "United States"],
            [PROSE, MORE],
        ),
        # A menu one link a line above the article; its last line may be the headline.
        (
            f"Home\nWorld\nAsia\nVideo\nTaliban seize district\n\n{PROSE}\n",
            ["Home", "World", "Video"],
            ["Taliban seize district"],
        ),
        # A list the article introduces is its own.
        (
            f"{PROSE}\nDistricts affected:\nNad Ali\nNawa\nMarjah\nGarmsir\n{MORE}\n",
            [],
            ["Nad Ali", "Garmsir"],
        ),
        # Headlines of other stories, bulleted, below the article.
        (
            f"Taliban attack city\n\n{PROSE}\n"
            "- Floods kill 12 in a neighbouring country\n- Minister opens a new bridge\n",
            ["Floods kill 12", "Minister opens"],
            [PROSE],
        ),
        # Bulleted key figures under a heading, and the article's own points, are kept.
        (
            "KEY FIGURES\n- 14,000 people newly displaced in the city\n- 3 health facilities closed\n"
            f"\n{PROSE}\n",
            [],
            ["14,000 people newly displaced"],
        ),
        (
            f"Key numbers today:\n- Civilians killed: 14\n- Civilians wounded: 61\n\n{PROSE}\n",
            [],
            ["Civilians killed: 14"],
        ),
        (
            f"{PROSE}\n- Fighting displaced 2,000 families in Takhar.\n- Roads to Kunduz were cut.\n",
            [],
            ["Fighting displaced 2,000 families"],
        ),
        # A related block in the middle ends where the article's prose resumes.
        (
            f"{PROSE}\n\nRecommended\n\nFloods kill 12 in a neighbouring country\n\n{MORE}\n\n{PROSE}\n",
            ["Recommended", "Floods kill 12"],
            [MORE],
        ),
        # A teaser under a related headline is not the article resuming.
        (
            f"{PROSE}\n\nRelated Stories\nFloods kill 12\n{MORE}\nStorm cuts roads\n2 May 2021\n",
            ["Floods kill 12", MORE, "Storm cuts roads", "2 May 2021"],
            [],
        ),
        # Above the article, a header takes its list with it but not the headline below.
        (
            f"Trending\n- Floods kill 12 abroad\n- Bridge opens\n\nTaliban attack city\n\n{PROSE}\n",
            ["Trending", "Floods kill 12"],
            ["Taliban attack city"],
        ),
        # Comments end the article below its first part; near the top they are a count.
        (
            f"Taliban attack city\nComments (3)\n\n{PROSE}\n{MORE}\n"
            "\nComments (2)\nReader: 1000s fled the city.\n",
            ["Comments (3)", "Comments (2)", "1000s fled"],
            ["Taliban attack city", PROSE, MORE],
        ),
        # A caption label takes its caption; a credit label its credit.
        (
            "Taliban attack city\ncaption\nFighters in the streets of the city\nsource\nExample TV\n"
            f"\n{PROSE}\n",
            ["Fighters in the streets", "Example TV"],
            ["Taliban attack city"],
        ),
        # Other stories one a line under the article.
        (
            f"{PROSE}\n{MORE}\nPower cut in three districts of the capital\nJudge hears bail plea on Friday\n"
            "Flotilla led by the 14th squadron\n",
            ["Power cut", "14th squadron"],
            [MORE],
        ),
        # Other stories each closed by its date, their markers alone on a line: no byline.
        (
            "-\nHow to plant a spring garden - November 6, 2020\n"
            "-\n5 ways to keep a dog happy - November 3, 2020\n"
            f"Taliban seize district\n{PROSE}\n",
            ["How to plant", "5 ways"],
            ["Taliban seize district"],
        ),
        # One headline closed by its date may be the article's own.
        (f"Taliban seize district (Aug 10, 2016)\n{PROSE}\n", [], ["Taliban seize district"]),
        # Hashtags, and a "Read More »" header with what it leads to.
        (
            f"{PROSE}\n#Kabul #Taliban #Afghanistan\n\nRead More »\nTwelve hurt in a crash\n",
            ["#Kabul", "Read More", "Twelve hurt"],
            [PROSE],
        ),
        # Numbered crumbs go; a numbered tally below the article stays.
        (
            f"1. Home\n2. World\n3. Asia\n\nTaliban seize district\n\n{PROSE}\n",
            ["1. Home", "3. Asia"],
            ["Taliban seize district"],
        ),
        (f"{PROSE}\n1. 3,500 families in Kunduz\n2. 2,300 families in Takhar\n", [], ["3,500 families"]),
        # A list item "(c)" is not a copyright line.
        (
            f"{PROSE}\nThe mission asks that:\n(c) the parties protect civilians in the city;\n",
            [],
            ["(c) the parties"],
        ),
        # Cookie, subscription and copyright notes.
        (
            f"{PROSE}\nWe use cookies to improve your experience.\n"
            "Sign up for our morning briefing\n(c) 2021 Example\nThis site uses a spam filter.\n"
            "Example Daily. All rights reserved.\n",
            ["We use cookies", "Sign up", "(c) 2021", "spam filter", "All rights reserved"],
            [PROSE],
        ),
    ],
)
def test_chrome_is_blanked_and_the_article_kept(page, gone, kept):
    out = masked(page)
    for text in gone:
        assert any(text in line for line in out), text
    for text in kept:
        assert not any(text in line for line in out), text


@pytest.mark.parametrize(
    "page",
    [
        f"Example News | @example | 13 Aug 2021, 06:44 am Print\nTaliban seize city\n{PROSE}\n",
        f"Taliban seize city\nPosted: Aug 10, 2018 3:05 PM\nUpdated: Aug 10, 2018 3:05 PM\n{PROSE}\n",
        f"Taliban seize city\nSaturday, 05 May 2018 16:18\n{PROSE}\n",
        f"Taliban seize city\nBy Staff Writer | March 3, 2021\n{PROSE}\n",
    ],
)
def test_the_byline_stays_and_dates_the_page(page):
    assert find_published(mask_furniture(page)) is not None
    assert masked(page) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Example Agency, May 8, 2021 Adjust font size:", "Example Agency, May 8, 2021"),
        ("Example News | 13 Aug 2021, 06:44 am Print", "Example News | 13 Aug 2021, 06:44 am"),
        ("The paper went to print", "The paper went to print"),  # no date: no byline
        ("Kabul, 3 June 2021 Share the news", "Kabul, 3 June 2021 Share the news"),
    ],
)
def test_a_widget_label_closing_a_byline_is_blanked(line, expected):
    assert mask_furniture(line).rstrip() == expected


def test_a_date_in_chrome_never_dates_the_page():
    page = (
        f"Taliban seize city\n\n{PROSE}\n{MORE}\n"
        "\nCheck Also\n\nFloods kill 12\n\n(Updated: 17 February 2020) Text …\n"
    )
    assert find_published(mask_furniture(page)) is None


def test_masking_keeps_every_offset():
    page = f"Home | News | World | Sport\n{PROSE}\n- Floods kill 12 abroad\n- Bridge opens\n"
    out = mask_furniture(page)
    assert len(out) == len(page) and out.count("\n") == page.count("\n")
    assert out.index(PROSE) == page.index(PROSE)


def _gold_pages() -> list[dict]:
    if not (REALTEXT / "gold.jsonl").exists():
        return []
    return [json.loads(line) for line in (REALTEXT / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(
    not (REALTEXT / "gold.jsonl").exists(),
    reason=f"the annotated real pages are not at {REALTEXT} (set SITREP_REALTEXT to their folder)",
)
def test_no_gold_figure_or_capital_of_the_real_pages_is_blanked():
    lost = []
    for page in _gold_pages():
        text = (REALTEXT / "articles" / f"{page['id']}.txt").read_text(encoding="utf-8")
        out = _words(mask_furniture(text))
        share = masked_share(text)
        print(f"{page['id']}: {share:.1%} masked")
        assert share < 0.5, page["id"]
        lost += [(page["id"], f["sentence"]) for f in page["figures"] if _words(f["sentence"]) not in out]
        names = {c["capital"] for c in page["capitals_under_pressure"]}
        lost += [(page["id"], n) for n in names if n in text and n not in out]
    assert lost == []


@pytest.mark.parametrize("folder", FICTIONAL)
def test_no_figure_of_the_fictional_sets_is_blanked(folder):
    base = ROOT / "tests" / folder
    lost = []
    with (base / "figures.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = (base / "articles" / row["file"]).read_text(encoding="utf-8")
            if row["number_text"] in text and row["number_text"] not in mask_furniture(text):
                lost.append((row["file"], row["number_text"]))
    assert lost == []
