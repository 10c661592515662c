"""Publication dates from an article's own text: bylines, datelines, labelled dates."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.page import mask_furniture
from pipeline.extract.published import find_published
from tests.conftest import ARTICLES

BODY = "\nTaliban fighters attacked the city on Monday, officials said.\n"


@pytest.mark.parametrize(
    ("text", "date", "precision", "how"),
    [
        ("Mon Oct 10 2016" + BODY, dt.date(2016, 10, 10), "day", "byline"),
        ("By Staff Writer\nSaturday, 05 May 2018 16:18" + BODY, dt.date(2018, 5, 5), "day", "byline"),
        ("July 8, 2021" + BODY, dt.date(2021, 7, 8), "day", "byline"),
        ("2021-08-09" + BODY, dt.date(2021, 8, 9), "day", "byline"),
        ("8 July 2021" + BODY, dt.date(2021, 7, 8), "day", "byline"),
        ("KABUL, 26 July 2021 - Civilian casualties rose." + BODY, dt.date(2021, 7, 26), "day", "dateline"),
        ("Published: 8 July 2021" + BODY, dt.date(2021, 7, 8), "day", "labelled"),
        ("Created: 11/10/2016" + BODY, dt.date(2016, 1, 1), "year", "labelled"),
        ("Created: 25/10/2016" + BODY, dt.date(2016, 10, 25), "day", "labelled"),
        ("Updated on 10/25/2016" + BODY, dt.date(2016, 10, 25), "day", "labelled"),
        # Lines split by bars: a label in any part, a line's one date closing it.
        ("By Nasir Ahmad | Published: 14 August 2021" + BODY, dt.date(2021, 8, 14), "day", "labelled"),
        ("Press release | Herat/Kabul, 2 August 2021" + BODY, dt.date(2021, 8, 2), "day", "byline"),
        # Labels: in parentheses or brackets, with "on"/"at", an author between label and date, the
        # leading " date YYYY-MM-DD " of a page index, a release's label.
        ("(Last Updated On: March 3, 2019)" + BODY, dt.date(2019, 3, 3), "day", "labelled"),
        ("[Updated: 4 June 2020]" + BODY, dt.date(2020, 6, 4), "day", "labelled"),
        ("Posted on Aug 3, 2019 at 9:15 AM" + BODY, dt.date(2019, 8, 3), "day", "labelled"),
        ("First published on 2 March 2020" + BODY, dt.date(2020, 3, 2), "day", "labelled"),
        ("Published by Staff Writer on 12 June 2019" + BODY, dt.date(2019, 6, 12), "day", "labelled"),
        (
            " date 2019-06-12 Clashes went on for a second day." + BODY,
            dt.date(2019, 6, 12),
            "day",
            "labelled",
        ),
        ("News release - 04 May 2019 - Aid agency" + BODY, dt.date(2019, 5, 4), "day", "labelled"),
        # A line that is a date and little else: a section word, a time zone's offset, an author.
        ("World News 3 March 2020 09:30 (UTC+04:30)" + BODY, dt.date(2020, 3, 3), "day", "byline"),
        ("Sunday, 05 April 2020 14:02 GMT+4:30" + BODY, dt.date(2020, 4, 5), "day", "byline"),
        ("By Staff Writer - Tue Mar 3 2020, 9:15 am" + BODY, dt.date(2020, 3, 3), "day", "byline"),
        # Datelines and source lines.
        ("Pajhwok, March 3, 2020 Print this page" + BODY, dt.date(2020, 3, 3), "day", "dateline"),
        (
            "Kabul, Afghanistan, 3 May 2018 (Pajhwok) - Fighting went on." + BODY,
            dt.date(2018, 5, 3),
            "day",
            "dateline",
        ),
        ("NEW YORK/GENEVA, 9 May 2020 - The agency said." + BODY, dt.date(2020, 5, 9), "day", "dateline"),
        ("HERAT CITY, Herat - 20 May 2019" + BODY, dt.date(2019, 5, 20), "day", "dateline"),
        ("12 May 2019, Kabul - The ministry said." + BODY, dt.date(2019, 5, 12), "day", "dateline"),
        # The issue a page appeared in: its month only.
        ("This report appeared in the March 2019 issue." + BODY, dt.date(2019, 3, 1), "month", "edition"),
        ("Issue: May 2019" + BODY, dt.date(2019, 5, 1), "month", "edition"),
        # An ambiguous numeric date read as the page's other numeric dates are; a conflict keeps the year.
        ("Created: 11/10/2016" + BODY + "Reviewed 25/10/2016.", dt.date(2016, 10, 11), "day", "labelled"),
        ("Created: 11/10/2016" + BODY + "Reviewed 10/25/2016.", dt.date(2016, 11, 10), "day", "labelled"),
        (
            "Created: 11/10/2016" + BODY + "Seen 25/10/2016 and 10/26/2016.",
            dt.date(2016, 1, 1),
            "year",
            "labelled",
        ),
        (
            BODY + "— Ministry of Defense (@MoDAfghanistan) July 8, 2021\nMore text.",
            dt.date(2021, 7, 1),
            "month",
            "latest_mention",
        ),
    ],
)
def test_found(text, date, precision, how):
    found = find_published(text)
    assert (found.date, found.precision, found.how) == (date, precision, how)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A row of a table of events and an archive's menu of days are no byline: only the month of
        # their latest date is kept. The start of a period dates nothing.
        ("02 July 2019 | Faryab | Qaisar\nClashes were reported." + BODY, (dt.date(2019, 7, 1), "month")),
        ("Sunday, 04 July 2021 | Saturday, 03 July 2021 | Friday, 02 July 2021" + BODY, None),
        ("Mon 5 July 2021 • Tue 6 July 2021" + BODY, None),
        (BODY + "More than 211,000 people have been displaced since 1 January 2021.\n", None),
        # A day without a year is never completed.
        ("07 Aug" + BODY, None),
        # Event dates in prose: a weekday before the date is no source, a time after it no timestamp.
        (
            "On Saturday, May 6, 2017 - the district centre was attacked." + BODY,
            (dt.date(2017, 5, 1), "month"),
        ),
        (
            "On 14 May 2017, at 14:00, in the city centre, a bomb went off." + BODY,
            (dt.date(2017, 5, 1), "month"),
        ),
        # A label must be followed by its date.
        ("Date of the attack: 3 May 2018" + BODY, (dt.date(2018, 5, 1), "month")),
        # Another publication's edition, cited, is not the issue the page appeared in.
        ("The May 2019 edition of the survey found more attacks." + BODY, None),
    ],
)
def test_what_is_no_byline(text, expected):
    found = find_published(text)
    assert (found and (found.date, found.precision)) == expected
    assert found is None or found.how == "latest_mention"


def test_no_date_is_no_date():
    assert find_published("Taliban fighters attacked the city on Monday." + BODY) is None


def test_page_furniture_never_dates_an_article():
    """Seed 001 ends with an Opinion block dated 27 Apr, 2024: not its date."""
    text = (ARTICLES / "001_9aa5c9c8ef97283b.txt").read_text(encoding="utf-8")
    assert find_published(mask_furniture(text)) is None


def test_an_embedded_statement_dates_seed_003_no_earlier_than_july_2021():
    text = (ARTICLES / "003_e2eb9a51c8fe133c.txt").read_text(encoding="utf-8")
    found = find_published(mask_furniture(text))
    assert (found.date, found.precision) == (dt.date(2021, 7, 1), "month")


STORY = "\n".join(f"Line {i} of the story says the fighting went on." for i in range(14))


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # The last lines: a labelled date alone on its line dates the page; a teaser of another story
        # running on after its label, a comment's timestamp and a bare date line do not.
        ("Published: 3 March 2020", (dt.date(2020, 3, 3), "day", "labelled")),
        (
            "Posted by Ahmad on 3 May 2019 at 5:12 pm\nGood.\nPosted by Mina on 4 May 2019 at 6:01 pm\nSad.",
            None,
        ),
        (
            "Check Also\nTaliban attack a post\n(Last Updated On: February 17, 2020)Officials said on Monday",
            None,
        ),
        ("Ahmad says:\nMarch 3, 2019 at 5:12 pm\nA good report.", None),
        ("March 3, 2019", None),
    ],
)
def test_the_last_lines_of_a_page(tail, expected):
    found = find_published(STORY + "\n" + tail)
    assert (found and (found.date, found.precision, found.how)) == expected
