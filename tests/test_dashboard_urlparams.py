"""Filters in the page address: forgiving parsing and minimal encoding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dashboard.db import Options
from dashboard.urlparams import changes, defaults, encode, parse

OPTIONS = Options(
    years=(2015, 2016, 2021),
    undated=3,
    provinces=("Badghis", "Helmand", "Laghman"),
    victims=("civilians", "militants"),
    dates=(dt.date(2015, 9, 28), dt.date(2021, 7, 8)),
)
D = dt.date
DEFAULT = defaults(OPTIONS)


@pytest.mark.parametrize(
    ("params", "changes", "notices"),
    [
        ({}, {}, []),
        (
            {"province": ["Badghis", "Helmand"], "from": ["2016"], "to": ["2021"]},
            {"province": ["Badghis", "Helmand"], "period": (2016, 2021)},
            [],
        ),
        ({"province": ["helmand ", "Helmand"]}, {"province": ["Helmand"]}, []),
        ({"province": ["Atlantis"]}, {}, ["province='Atlantis' is not in the data"]),
        (
            {"province": ["Helmand' OR 1=1 --", "Laghman"]},
            {"province": ["Laghman"]},
            ['province="Helmand\' OR 1=1 --" is not in the data'],
        ),
        ({"kind": ["displaced", "bombed"]}, {"kind": ["displaced"]}, ["kind='bombed' is not in the data"]),
        ({"victims": ["civilians"]}, {"victims": ["civilians"]}, []),
        ({"from": ["2021"], "to": ["2016"]}, {"period": (2016, 2021)}, []),
        ({"from": ["abc"]}, {}, ["from='abc' is not a year"]),
        ({"to": ["1990"]}, {}, ["to='1990' is outside the years in the data"]),
        ({"undated": ["0"]}, {"undated": False}, []),
        ({"undated": ["maybe"]}, {}, ["undated='maybe' is not yes or no"]),
        ({"utm_source": ["x"]}, {}, ["unknown parameter 'utm_source'"]),
        ({"view": ["Capitals"], "table": ["Events"]}, {}, []),  # the tabs' own keys
        ({"reports": ["all"]}, {"each_event": False}, []),
        ({"reports": ["EVENTS"]}, {"each_event": True}, []),
        ({"reports": ["some"]}, {}, ["reports='some' is not 'all' or 'events'"]),
        (
            {"since": ["2021-07-01"], "until": ["2021-07-08"]},
            {"exact": True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
            [],
        ),
        ({"since": ["2021-07-08"], "until": ["2016-01-01"]}, {"exact": True, "since": D(2016, 1, 1)}, []),
        ({"until": ["2016-12-31"]}, {"exact": True, "until": D(2016, 12, 31)}, []),
        ({"since": ["yesterday"]}, {}, ["since='yesterday' is not a date (YYYY-MM-DD)"]),
        ({"until": ["2030-01-01"]}, {}, ["until='2030-01-01' is outside the dates in the data"]),
    ],
)
def test_parse(params: dict[str, list[str]], changes: dict[str, Any], notices: list[str]) -> None:
    assert parse(params, OPTIONS) == ({**DEFAULT, **changes}, notices)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        (
            {"province": ["Badghis", "Helmand"], "period": (2016, 2021), "kind": ["displaced"]},
            {"province": ["Badghis", "Helmand"], "kind": ["displaced"], "from": ["2016"]},
        ),
        ({"period": (2015, 2016), "undated": False}, {"to": ["2016"], "undated": ["0"]}),
        ({"victims": ["civilians"]}, {"victims": ["civilians"]}),
        ({"each_event": False}, {"reports": ["all"]}),
        (
            {"exact": True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
            {"since": ["2021-07-01"], "until": ["2021-07-08"]},
        ),
    ],
)
def test_encode_round_trips(changes: dict[str, Any], expected: dict[str, list[str]]) -> None:
    values = {**DEFAULT, **changes}
    assert encode(values, OPTIONS) == expected
    assert parse(expected, OPTIONS) == (values, [])


def test_no_years_means_no_period() -> None:
    options = Options(years=(), undated=2, provinces=(), victims=())
    values, notices = parse({"from": ["2016"], "since": ["2016-01-01"]}, options)
    assert values["period"] is None and not values["exact"]
    assert notices == ["since='2016-01-01' is outside the dates in the data"]
    assert encode(values, options) == {}


@pytest.mark.parametrize(
    ("current", "wanted", "to_set", "to_delete"),
    [
        ({}, {}, {}, []),
        ({"province": ["Helmand"]}, {"province": ["Helmand"]}, {}, []),
        ({"province": ["Helmand"]}, {"province": ["Badghis"]}, {"province": ["Badghis"]}, []),
        ({"province": ["Helmand"], "undated": ["0"]}, {}, {}, ["province", "undated"]),
        # The tabs' keys are never touched, whatever the filters say.
        ({"view": ["Tables"], "table": ["Events"]}, {"undated": ["0"]}, {"undated": ["0"]}, []),
    ],
)
def test_changes_touch_only_filter_keys(current, wanted, to_set, to_delete) -> None:
    assert changes(current, wanted) == (to_set, to_delete)
