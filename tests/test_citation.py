"""The standard citation line, as the Evidence view shows it and a brief will cite each number."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline import vocab
from pipeline.citation import HOW_FOUND, citation, cited_date

DAY = dt.date(2021, 8, 13)
FULL = {
    "source": "Reuters",
    "title": "Herat falls",
    "author": "Jane Doe",
    "published": DAY,
    "url": "https://x.org/1",
    "file": "h.txt",
}


@pytest.mark.parametrize(
    ("given", "line"),
    [
        (FULL, 'Reuters, "Herat falls", by Jane Doe, 13 August 2021, https://x.org/1 (file h.txt)'),
        # What is unknown is left out, the file always closes it.
        ({**FULL, "author": None}, 'Reuters, "Herat falls", 13 August 2021, https://x.org/1 (file h.txt)'),
        ({**FULL, "url": None, "author": ""}, 'Reuters, "Herat falls", 13 August 2021 (file h.txt)'),
        ({**FULL, "source": None, "title": ""}, "by Jane Doe, 13 August 2021, https://x.org/1 (file h.txt)"),
        ({"file": "h.txt"}, "(file h.txt)"),
        ({"source": "AFP", "file": "feed.jsonl#3"}, "AFP (file feed.jsonl#3)"),
        ({}, ""),
        # A date as precisely as it is known.
        ({"published": DAY, "precision": "month", "file": "a.txt"}, "August 2021 (file a.txt)"),
        ({"published": dt.date(2016, 1, 1), "precision": "year", "file": "a.txt"}, "2016 (file a.txt)"),
        # One line: spaces collapsed; a title's own double quotes become single ones.
        ({"title": 'Governor: "The city\nis safe"', "source": " Tolo  News ", "file": "a.txt"},
         "Tolo News, \"Governor: 'The city is safe'\" (file a.txt)"),
        ({"title": "“Nothing left”, they say", "file": "a.txt"}, "\"'Nothing left', they say\" (file a.txt)"),
    ],
)  # fmt: skip
def test_the_citation_line(given, line):
    assert citation(**given) == line


@pytest.mark.parametrize(
    ("date", "precision", "text"),
    [
        (DAY, "day", "13 August 2021"),
        (DAY, None, "13 August 2021"),
        (dt.date(2021, 5, 1), "month", "May 2021"),
        (dt.date(2016, 1, 1), "year", "2016"),
        (None, "day", ""),
    ],
)
def test_dates_are_cited_as_precisely_as_they_are_known(date, precision, text):
    assert cited_date(date, precision) == text


def test_markup_stays_text():
    line = citation(title="<script>alert(1)</script> **bold**", source="[x](http://example.invalid)")
    assert line == '[x](http://example.invalid), "<script>alert(1)</script> **bold**"'


def test_every_way_of_finding_a_value_is_said_in_words():
    assert set(HOW_FOUND) == set(vocab.CITATION_SOURCES) | {"text"}
