"""Publication dates from an article's own text: bylines, datelines, labelled dates."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.bylines import find_published
from pipeline.clean import mask_furniture
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
