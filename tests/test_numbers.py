"""Numbers as written, parsed to values and qualifiers."""

from __future__ import annotations

import pytest

from pipeline.extract.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("14 people", 14, 14, 14, "exact"),
        ("30,000 people", 30_000, 30_000, 30_000, "exact"),
        ("30 000 people", 30_000, 30_000, 30_000, "exact"),
        ("1.2 million people", 1_200_000, 1_200_000, 1_200_000, "exact"),
        ("seventy-five people", 75, 75, 75, "exact"),
        ("four others", 4, 4, 4, "exact"),
        ("two hundred and fifty people", 250, 250, 250, "exact"),
        ("a dozen policemen", 12, 12, 12, "exact"),
        ("at least 10 civilians", 10, 10, None, "at_least"),
        ("more than 300 commandos", 300, 301, None, "more_than"),
        ("over 50 people", 50, 51, None, "more_than"),
        ("Around 30,000 people", 30_000, 30_000, 30_000, "about"),
        ("nearly 40,000 people", 40_000, 40_000, 40_000, "about"),
        ("up to 200 families", 200, None, 200, "up_to"),
        ("as many as 90 people", 90, None, 90, "up_to"),
        ("dozens of civilians", None, 12, None, "vague"),
        ("Hundreds of combatants", None, 100, None, "vague"),
        ("tens of thousands of people", None, 10_000, None, "vague"),
        ("between 20 and 30 people", None, 20, 30, "range"),
        ("20 to 30 civilians", None, 20, 30, "range"),
        ("20-30 people", None, 20, 30, "range"),
        ("four or five patients", None, 4, 5, "range"),
        ("several thousand people", None, 3000, None, "vague"),
        ("an unknown number of families", None, 1, None, "vague"),
    ],
)
def test_number(nlp, text, value, low, high, qualifier):
    (n,) = find_numbers(nlp.make_doc(text))
    assert (n.value, n.value_low, n.value_high, n.qualifier) == (value, low, high, qualifier)


@pytest.mark.parametrize(
    "text", ["in 2001", "since 2014 the", "a bare 2.5 figure", "no number here", "2015-2016"]
)
def test_not_a_number(nlp, text):
    assert find_numbers(nlp.make_doc(text)) == []


@pytest.mark.parametrize("text", ["rose from 14 to 20", "between 30 and 20", "one or 20", "five or four"])
def test_not_a_range(nlp, text):
    assert [n.qualifier for n in find_numbers(nlp.make_doc(text))] == ["exact", "exact"]
