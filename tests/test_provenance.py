"""A page's own citation, read from its text: headline, outlet, author and address."""

from __future__ import annotations

import pytest

from pipeline.evaluate.citations import read_annotations, score_annotated
from pipeline.evaluate.real import REAL
from pipeline.extract import lexicon
from pipeline.extract.provenance import citation_fields, read_provenance
from pipeline.settings import ROOT
from tests.test_evaluate_real import CITATION_FLOORS

LEAD = (
    "Taliban fighters stormed the district centre of Nad Ali on Monday after two days of fighting, "
    "provincial officials said, and hundreds of families fled towards the city."
)
MORE = "\n\nThe district governor said the militants had seized the police headquarters and the market."
STORY = LEAD + MORE
HEAD = "Taliban storm district centre in Helmand"
REPORT = "Afghanistan: Weekly Field Report (9 - 15 July 2018)"
QA = "Q&A | The district is surrounded, a council member says"


def read(text: str) -> dict[str, tuple[str, str] | None]:
    found = read_provenance(text)
    return {
        field: (value.value, value.how) if (value := getattr(found, field)) else None
        for field in ("title", "source", "author", "url")
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"{HEAD}\n\n{STORY}", HEAD),
        (f"{HEAD}!\n\n{STORY}", HEAD + "!"),
        # The index's date before the first words is not part of the headline.
        (f" date 2021-08-03 {HEAD}\n\n{STORY}", HEAD),
        # Chrome above the headline is passed over: a skip link, a menu, a breadcrumb, a reading
        # time, a date line, a cookie banner, a section label, the site's name with its motto.
        (f"Skip to main content\n{HEAD}\n\n{STORY}", HEAD),
        (f"Home | World | Asia | Business | Sport\n\n{HEAD}\n\n{STORY}", HEAD),
        (f"Home / Latest News / {HEAD}\n\n{HEAD}\n\n{STORY}", HEAD),
        (f"3 min read\nMonday, 9 August 2021\n\n{HEAD}\n\n{STORY}", HEAD),
        (f"This site uses cookies to give you the best experience Accept\n{HEAD}\n\n{STORY}", HEAD),
        (f"Middle East\n\n{HEAD}\n\n{STORY}", HEAD),
        (f"Khaama Press | Afghan Online Newspaper\n\n{HEAD}\n\n{STORY}", HEAD),
        (f"UNAMA - United Nations Assistance Mission in Afghanistan\n\n{HEAD}\n\n{STORY}", HEAD),
        # A headline may carry its date, its kind, or the site's name after a bar.
        (f"{REPORT}\n\n{STORY} Field teams reported it.", REPORT),
        (f"{QA}\n\n{STORY}", QA),
        (f"{HEAD} | Reuters\n\n{STORY}", HEAD),
    ],
)  # fmt: skip
def test_the_headline_line_is_the_title(text, title):
    assert read(text)["title"] == (title, "headline")


@pytest.mark.parametrize(
    "text",
    [
        STORY,  # the page opens with its lead
        f"KABUL (Reuters) - {STORY}",
        # Nothing above the story reads as its headline.
        f"Skip to main content\n\n{STORY}",
        f"Home | World | Asia | Business | Sport\n\n{STORY}",
        f"Subscribe to our newsletter for the latest updates\n\n{STORY}",
        f"Download the free mobile app for your phone today\n\n{STORY}",  # shares no word with the story
        f"You are here: Home\n\n{STORY}",
        f"By Jane Doe\n\n{STORY}",
        f"Monday, 9 August 2021 16:18\n\n{STORY}",
        f"Key issues in the past week:\n\n{STORY}",  # a label, closed by its colon
        f"South: Fighting escalates in the district\n\n{STORY}",  # a section of a report
        f"- Taliban fighters in the district centre\n\n{STORY}",  # a list item (a caption's text)
        f"Afghan families flee Nad Ali district. REUTERS/Jane Doe\n\n{STORY}",  # a photo caption
        f"Reuters\n\n{STORY}",  # the site's name alone
        # A paragraph cut over lines is not a headline and its first line.
        "Taliban fighters stormed the district centre of\nnad Ali on Monday after two days of fighting,\n"
        "officials said.",
        "LASHKAR GAH, Afghanistan, July 30 Afghan\nTaliban fighters stormed the district centre of Nad Ali\n"
        "after two days of fighting, officials said.",
    ],
)
def test_no_headline_no_title(text):
    assert read(text)["title"] is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # Datelines: a known outlet, or an agency's initials.
        (f"KABUL (Reuters) - {STORY}", ("Reuters", "dateline")),
        (f"KABUL/PESHAWAR, Pakistan (Reuters) – {STORY}", ("Reuters", "dateline")),
        (
            f"LONDON, Oct 10 (Thomson Reuters Foundation) - {STORY}",
            ("Thomson Reuters Foundation", "dateline"),
        ),
        (f"Kabul [Afghanistan], August 9 (ANI): {STORY}", ("ANI", "dateline")),
        (f"TEHRAN, Aug. 09 (MNA) – {STORY}", ("Mehr News Agency", "dateline")),
        (f"Kunduz (KPN) {STORY}", ("KPN", "dateline")),
        (f"By Jane Doe KABUL (Agence France-Presse) - {STORY}", ("AFP", "dateline")),
        (f"{HEAD}\n\nAFP/Kandahar, Afghanistan\n\n{STORY}", ("AFP", "dateline")),
        # A byline naming an outlet, not a person.
        (f"By Khaama Press - Mon Oct 10 2016, 4:00 pm\n\n{STORY}", ("Khaama Press", "byline")),
        # The site names itself: a source line, its name by its handle, a label, its copyright.
        (f"{HEAD}\n\nXinhua, May 8, 2017 Adjust font size:\n\n{STORY}", ("Xinhua", "chrome")),
        (f"Ariana News | @ariananews | 13 Aug 2021, 06:44 am\n{STORY}", ("Ariana News", "chrome")),
        (f"Khaama Press (KP)\n\n{HEAD}\n\n{STORY}", ("Khaama Press", "chrome")),
        (f"{HEAD}\n\n{STORY}\n\nSOURCE:TRTWorld and agencies", ("TRT World", "chrome")),
        (f"{HEAD}\n\n{STORY}\n\nFollow Khaama Press on Twitter", ("Khaama Press", "chrome")),
        (f"{HEAD}\n\n{STORY}\n\n© 2021 Reuters", ("Reuters", "chrome")),
        (f"{HEAD} | Al Jazeera\n\n{STORY}", ("Al Jazeera", "chrome")),
        # The one outlet the story's people spoke to.
        (f'{STORY}\n\n"We left everything," a farmer told AFP by telephone.', ("AFP", "carrier")),
        (f"{STORY}\n\nResidents, speaking to Reuters, said the market burned.", ("Reuters", "carrier")),
        (f"{STORY}\n\nThe governor told the Associated Press the road was cut.", ("AP", "carrier")),
    ],
)
def test_the_outlet(text, source):
    assert read(text)["source"] == source


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        f"KABUL - {STORY}",  # a dateline naming no outlet
        f"KABUL (Photo) - {STORY}",  # not an outlet, not an agency's initials
        # Photo credits and list items name a photo's agency, not the page's.
        f"{HEAD}\n\nFamilies flee the fighting in Nad Ali. REUTERS/Jane Doe\n\n{STORY}",
        f"{HEAD}\n\n- caption\n- Families flee the fighting\n- source\n- Reuters\n\n{STORY}",
        # Whom people spoke to, when the page passes on other outlets' reporting or names two.
        f"{STORY}\n\nCiting local media, officials told AFP the road was cut.",
        f"{STORY}\n\nThe governor told AFP the road was cut, the news portal reported.",
        f"{STORY}\n\nA resident told AFP the market burned, according to The New York Times.",
        f"{STORY}\n\nA resident told AFP the market burned. The governor told Reuters it did not.",
        # An outlet a sentence names without anyone speaking to it.
        f"{STORY}\n\nThe BBC first reported the attack.",
        f"{STORY}\n\nHe said he told reporters the road was cut.",
    ],
)
def test_no_outlet(text):
    assert read(text)["source"] is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (f"{HEAD}\n\nBy Jane Doe\n\n{STORY}", ("Jane Doe", "byline")),
        (f"{HEAD}\nby Jane Doe | @jdoe | Example News\n\n{STORY}", ("Jane Doe", "byline")),
        (f"By Jane Doe KABUL (Reuters) - {STORY}", ("Jane Doe", "byline")),
        (f"By Farid Ahmad Noori-KABUL: {STORY}", ("Farid Ahmad Noori", "byline")),
        (f"{HEAD}\nWritten by Jane Doe and John Roe\n\n{STORY}", ("Jane Doe and John Roe", "byline")),
        (f"{HEAD}\n\nJane Doe\nAugust 18, 2018\n\n{STORY}", ("Jane Doe", "byline")),
        (f"{STORY}\n\nReporting by Jane Doe; Editing by John Roe", ("Jane Doe", "byline")),
        (
            f"{STORY}\nThe governor has not yet commented.\nT. Yarzada\n\nShow More",
            ("T. Yarzada", "signature"),
        ),
    ],
)
def test_the_author(text, author):
    assert read(text)["author"] == author


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        f"{HEAD}\n\nBy Staff Reporter\n\n{STORY}",  # a desk, not a person
        f"{HEAD}\n\nBy Web Desk\n\n{STORY}",
        f"{HEAD}\n\nBy Khaama Press - Mon Oct 10 2016\n\n{STORY}",  # an outlet
        f"{HEAD}\n\nBy Monday the district had fallen to the Taliban fighters.\n\n{STORY}",
        # After the story, words the page uses in lower case, places and chrome are no signature.
        f"{STORY}\n\nShow More\n\nRelated Articles",
        f"{STORY}\n\nRelated Articles",
        f"{STORY}\n\nNad Ali Helmand",
        f"{STORY}\n\nAfghan Taliban",
    ],
)
def test_no_author(text):
    assert read(text)["author"] is None


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("Permalink: https://example.org/news/2021/08/taliban-nad-ali", "https://example.org/news/2021/08/taliban-nad-ali"),
        ("Short URL: https://example.org/a/123", "https://example.org/a/123"),
        ("Read more: https://example.org/news/1", None),  # another page's address
        ("Permalink: https://example.org/news/2021/08/tal…", None),  # cut off
        ("See https://example.org/news/1 for more.", None),
    ],
)  # fmt: skip
def test_the_address_the_page_labels_as_its_own(line, url):
    assert read(f"{HEAD}\n\n{STORY}\n\n{line}")["url"] == ((url, "chrome") if url else None)


def test_every_reading_says_how_and_where():
    found = read_provenance(f"Skip to main content\n{HEAD}\n\nBy Jane Doe\nKABUL (Reuters) - {STORY}")
    assert (found.title.line, found.author.line, found.source.line) == (1, 3, 4)


@pytest.mark.parametrize("row", lexicon.table("outlets.csv"), ids=lambda r: r["spelling"])
def test_every_outlet_example_names_its_outlet(row):
    """Each spelling's example, on a page, is read as its outlet (and its short name)."""
    found = read(f"{HEAD}\n\n{row['example']}\n\n{STORY}")["source"]
    assert found is not None and found[0] == row["outlet"], row


def test_the_real_pages_cite_themselves_as_annotated():
    """The readers alone on the 40 real pages, against tests/citations/realtext.csv."""
    if not (REAL / "articles").is_dir():
        pytest.skip(f"the annotated real pages are not beside the project ({REAL})")
    notes = read_annotations(ROOT / "tests" / "citations" / "realtext.csv")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (REAL / "articles").glob("*.txt")}
    assert set(notes) == set(texts)
    scores, errors = score_annotated(
        notes, {page: citation_fields(text) for page, text in texts.items()}, texts
    )
    for name, (precision, recall) in CITATION_FLOORS.items():
        assert scores[name].precision >= precision and scores[name].recall >= recall, (name, errors)
