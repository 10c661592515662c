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
        (
            "Sunday, 04 July 2021 | Saturday, 03 July 2021 | Friday, 02 July 2021" + BODY,
            (dt.date(2021, 7, 1), "month"),
        ),
        (BODY + "More than 211,000 people have been displaced since 1 January 2021.\n", None),
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
