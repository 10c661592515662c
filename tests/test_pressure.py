"""Levels as an analyst reads them: a sentence in, the capital-pressure rows out."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.rows import Article, extract

PUBLISHED = Article("t", dt.date(2021, 8, 12), "day")  # a Thursday


@pytest.mark.parametrize(
    ("text", "event_date", "precision"),
    [
        ("They briefly took the city of Farah earlier this year.", dt.date(2021, 1, 1), "year"),
        ("Before that the militants overran Kunduz.", None, None),
        ("Over the past year they waged attacks on Lashkar Gah.", None, None),
        ("The Taliban captured Ghazni city three months ago.", dt.date(2021, 5, 1), "month"),
        ("The Taliban captured Ghazni city two years ago.", dt.date(2019, 1, 1), "year"),
        ("The Taliban captured Ghazni city several months ago.", None, None),
        ("Last October, when militants stormed into Gardez, the police fled.", dt.date(2020, 10, 1), "month"),
    ],
)
def test_a_recalled_event_is_dated_to_its_time_where_the_text_allows(nlp, text, event_date, precision):
    (row,) = extract(nlp(text), PUBLISHED).pressure
    assert (row["event_date"], row["date_precision"], row["is_background"]) == (event_date, precision, True)
