"""Periods relative to the latest event date, and the period before each."""

import datetime as dt

import pytest

from dashboard.periods import PRESETS, Period, preset

D = dt.date


@pytest.mark.parametrize(
    ("name", "latest", "start", "end"),
    [
        ("last_7_days", D(2021, 8, 13), D(2021, 8, 7), D(2021, 8, 13)),
        ("last_30_days", D(2021, 8, 13), D(2021, 7, 15), D(2021, 8, 13)),
        ("this_month", D(2021, 8, 13), D(2021, 8, 1), D(2021, 8, 13)),
        ("this_year", D(2016, 10, 11), D(2016, 1, 1), D(2016, 10, 11)),
        ("last_7_days", D(2020, 3, 2), D(2020, 2, 25), D(2020, 3, 2)),  # across a leap day
    ],
)
def test_presets_count_back_from_the_latest_date(name, latest, start, end):
    assert preset(name, latest) == Period(start, end)


@pytest.mark.parametrize("name", ["all", "custom"])
def test_open_presets_have_no_bounds(name):
    assert preset(name, D(2021, 8, 13)) is None


def test_an_unknown_preset_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="last_7_days"):
        preset("last_week", D(2021, 8, 13))
    assert list(PRESETS)[0] == "last_7_days"


@pytest.mark.parametrize(
    ("period", "before"),
    [
        (Period(D(2021, 8, 7), D(2021, 8, 13)), Period(D(2021, 7, 31), D(2021, 8, 6))),
        (Period(D(2021, 8, 1), D(2021, 8, 13)), Period(D(2021, 7, 19), D(2021, 7, 31))),
        (Period(D(2016, 1, 1), D(2016, 1, 1)), Period(D(2015, 12, 31), D(2015, 12, 31))),
    ],
)
def test_the_previous_period_has_the_same_length_and_ends_the_day_before(period, before):
    assert period.previous() == before
    assert before.days == period.days


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Period(D(2021, 8, 13), D(2021, 8, 7))


def test_labels():
    assert Period(D(2021, 8, 7), D(2021, 8, 13)).label() == "2021-08-07 to 2021-08-13"
    assert Period(D(2021, 8, 7), D(2021, 8, 7)).label() == "2021-08-07"
