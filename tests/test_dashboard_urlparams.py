"""Filters in the page address: one name per filter, forgiving parsing, minimal encoding, old keys read."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from dashboard.filters import NAMES, Filters, Options
from dashboard.urlparams import EXACT, KEYS, WIDGET_KEYS, changes, defaults, encode, parse, to_filters

OPTIONS = Options(
    years=(2015, 2016, 2021),
    undated=3,
    provinces=("Badghis", "Helmand", "Laghman"),
    victims=("civilians", "militants"),
    dates=(dt.date(2015, 9, 28), dt.date(2021, 7, 8)),
    countries=("AFG", "unknown", "IRN", "PAK"),
)
D = dt.date
DEFAULT = defaults(OPTIONS)


def test_one_name_per_filter() -> None:
    # The Filters fields are the address keys and the widget keys; "exact" is a widget only.
    assert tuple(f.name for f in dataclasses.fields(Filters)) == NAMES
    assert KEYS == NAMES
    assert NAMES == (
        "province", "country", "kind", "victims", "period", "undated", "since", "until",
        "each_event", "hide_low", "hide_claims", "show_rejected", "reviewed_only",
    )  # fmt: skip
    assert tuple(DEFAULT) == WIDGET_KEYS == (*NAMES, EXACT)


# The current names.
CURRENT = [
    ({}, {}, []),
    ({"province": ["Badghis", "Helmand"]}, {"province": ["Badghis", "Helmand"]}, []),
    ({"province": ["helmand ", "Helmand"]}, {"province": ["Helmand"]}, []),
    ({"kind": ["displaced"]}, {"kind": ["displaced"]}, []),
    ({"victims": ["civilians"]}, {"victims": ["civilians"]}, []),
    ({"period": ["2016-2021"]}, {"period": (2016, 2021)}, []),
    ({"period": ["2016"]}, {"period": (2016, 2016)}, []),
    ({"period": ["2021-2016"]}, {"period": (2016, 2021)}, []),
    ({"period": [" 2016 – 2021 "]}, {"period": (2016, 2021)}, []),  # as the page writes it
    ({"period": ["2017-2020"]}, {"period": (2017, 2020)}, []),  # within the data's first and last year
    ({"undated": ["0"]}, {"undated": False}, []),
    ({"undated": ["yes"]}, {"undated": True}, []),
    ({"each_event": ["0"]}, {"each_event": False}, []),
    ({"each_event": ["false"]}, {"each_event": False}, []),
    ({"each_event": ["1"]}, {"each_event": True}, []),
    (
        {"since": ["2021-07-01"], "until": ["2021-07-08"]},
        {EXACT: True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
        [],
    ),
    ({"since": ["2021-07-08"], "until": ["2016-01-01"]}, {EXACT: True, "since": D(2016, 1, 1)}, []),
    ({"until": ["2016-12-31"]}, {EXACT: True, "until": D(2016, 12, 31)}, []),
    ({"view": ["Capitals"], "table": ["Events"], "sources": ["Articles"]}, {}, []),  # the tabs' own keys
    # Countries by their ISO codes, any case; "unknown" for rows nothing placed; "all" for every country.
    ({"country": ["PAK", "AFG"]}, {"country": ["PAK", "AFG"]}, []),
    ({"country": ["pak"]}, {"country": ["PAK"]}, []),
    ({"country": ["AFG", "Unknown"]}, {}, []),  # the default, spelled out
    ({"country": ["unknown"]}, {"country": ["unknown"]}, []),
    ({"country": ["all"]}, {"country": []}, []),
    ({"country": ["PAK", "all"]}, {"country": []}, []),
    ({"hide_low": ["1"]}, {"hide_low": True}, []),
    ({"hide_low": ["on"]}, {"hide_low": True}, []),
    ({"hide_low": ["0"]}, {}, []),
    ({"hide_claims": ["1"]}, {"hide_claims": True}, []),
    ({"hide_claims": ["0"]}, {}, []),
]
# Older addresses: from/to (years) and reports=all|events.
LEGACY = [
    (
        {"province": ["Badghis", "Helmand"], "from": ["2016"], "to": ["2021"]},
        {"province": ["Badghis", "Helmand"], "period": (2016, 2021)},
        [],
    ),
    ({"from": ["2016"]}, {"period": (2016, 2021)}, []),
    ({"to": ["2016"]}, {"period": (2015, 2016)}, []),
    ({"from": ["2021"], "to": ["2016"]}, {"period": (2016, 2021)}, []),
    ({"reports": ["all"]}, {"each_event": False}, []),
    ({"reports": ["EVENTS"]}, {"each_event": True}, []),
    # Both spellings at once: the current one wins.
    ({"from": ["2016"], "period": ["2021"]}, {"period": (2021, 2021)}, []),
    ({"reports": ["all"], "each_event": ["1"]}, {"each_event": True}, []),
]
# Bad values: dropped, each with a notice; the rest of the address still counts.
BAD = [
    ({"province": ["Atlantis"]}, {}, ["province='Atlantis' is not in the data"]),
    (
        {"province": ["Helmand' OR 1=1 --", "Laghman"]},
        {"province": ["Laghman"]},
        ['province="Helmand\' OR 1=1 --" is not in the data'],
    ),
    ({"kind": ["displaced", "bombed"]}, {"kind": ["displaced"]}, ["kind='bombed' is not in the data"]),
    ({"victims": ["aliens"]}, {}, ["victims='aliens' is not in the data"]),
    ({"period": ["abc"]}, {}, ["period='abc' is not a year or a range of years (e.g. 2016-2021)"]),
    ({"period": ["2016-"]}, {}, ["period='2016-' is not a year or a range of years (e.g. 2016-2021)"]),
    (
        {"period": ["2016-2018-2020"]},
        {},
        ["period='2016-2018-2020' is not a year or a range of years (e.g. 2016-2021)"],
    ),
    ({"period": ["1990-2016"]}, {}, ["period='1990-2016' is outside the years in the data"]),
    ({"period": ["2030"]}, {}, ["period='2030' is outside the years in the data"]),
    (
        {"period": ["2030", "2016-2021"]},
        {"period": (2016, 2021)},
        ["period='2030' is outside the years in the data"],
    ),
    ({"from": ["abc"]}, {}, ["from='abc' is not a year"]),
    ({"to": ["1990"]}, {}, ["to='1990' is outside the years in the data"]),
    ({"undated": ["maybe"]}, {}, ["undated='maybe' is not yes or no"]),
    ({"each_event": ["twice"]}, {}, ["each_event='twice' is not yes or no"]),
    ({"reports": ["some"]}, {}, ["reports='some' is not 'all' or 'events'"]),
    ({"since": ["yesterday"]}, {}, ["since='yesterday' is not a date (YYYY-MM-DD)"]),
    ({"until": ["2030-01-01"]}, {}, ["until='2030-01-01' is outside the dates in the data"]),
    ({"utm_source": ["x"]}, {}, ["unknown parameter 'utm_source'"]),
    ({"exact": ["1"]}, {}, ["unknown parameter 'exact'"]),  # a widget, not a filter: since/until say it
    ({"provinces": ["Helmand"]}, {}, ["unknown parameter 'provinces'"]),
    # An unknown code is dropped; when none is left the default stays (never every country).
    ({"country": ["XYZ"]}, {}, ["country='XYZ' is not in the data"]),
    ({"country": ["Pakistan"]}, {}, ["country='Pakistan' is not in the data"]),
    ({"country": ["XYZ", "PAK"]}, {"country": ["PAK"]}, ["country='XYZ' is not in the data"]),
    ({"country": ["AFG' OR 1=1 --"]}, {}, ['country="AFG\' OR 1=1 --" is not in the data']),
    ({"hide_low": ["please"]}, {}, ["hide_low='please' is not yes or no"]),
]


@pytest.mark.parametrize(("params", "changes", "notices"), CURRENT + LEGACY + BAD)
def test_parse(params: dict[str, list[str]], changes: dict[str, Any], notices: list[str]) -> None:
    assert parse(params, OPTIONS) == ({**DEFAULT, **changes}, notices)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        (
            {"province": ["Badghis", "Helmand"], "period": (2016, 2021), "kind": ["displaced"]},
            {"province": ["Badghis", "Helmand"], "kind": ["displaced"], "period": ["2016-2021"]},
        ),
        ({"period": (2015, 2016), "undated": False}, {"period": ["2015-2016"], "undated": ["0"]}),
        ({"period": (2021, 2021)}, {"period": ["2021"]}),
        ({"period": (2015, 2021)}, {}),  # every year is the default
        ({"victims": ["civilians"]}, {"victims": ["civilians"]}),
        ({"each_event": False}, {"each_event": ["0"]}),
        (
            {EXACT: True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
            {"since": ["2021-07-01"], "until": ["2021-07-08"]},
        ),
        ({"country": ["PAK", "AFG"]}, {"country": ["PAK", "AFG"]}),
        ({"country": ["unknown"]}, {"country": ["unknown"]}),
        ({"country": []}, {"country": ["all"]}),
        ({"country": ["unknown", "AFG"]}, None),  # the default in another order: nothing to say
        ({"hide_low": True}, {"hide_low": ["1"]}),
        ({"hide_claims": True}, {"hide_claims": ["1"]}),
        (
            {"province": ["Helmand"], "kind": ["killed"], "hide_low": True},
            {"province": ["Helmand"], "kind": ["killed"], "hide_low": ["1"]},
        ),
        (
            {"province": ["Helmand"], "country": ["PAK"], "kind": ["killed"], "hide_low": True},
            {"province": ["Helmand"], "country": ["PAK"], "kind": ["killed"], "hide_low": ["1"]},
        ),
        # Dates chosen but "Exact dates" off: the address holds no dates.
        ({EXACT: False, "since": D(2021, 7, 1), "until": D(2021, 7, 8)}, None),
    ],
)
def test_encode_round_trips(changes: dict[str, Any], expected: dict[str, list[str]] | None) -> None:
    values = {**DEFAULT, **changes}
    if expected is None:
        assert encode(values, OPTIONS) == {}
        return
    assert encode(values, OPTIONS) == expected
    assert parse(expected, OPTIONS) == (values, [])
    assert list(expected) == [key for key in KEYS if key in expected]  # the keys in the sidebar's order


def test_no_years_means_no_period() -> None:
    options = Options(years=(), undated=2, provinces=(), victims=())
    values, notices = parse({"period": ["2016"], "from": ["2016"], "since": ["2016-01-01"]}, options)
    assert values["period"] is None and not values[EXACT]
    assert notices == ["since='2016-01-01' is outside the dates in the data"]
    assert encode(values, options) == {}


@pytest.mark.parametrize(
    ("current", "wanted", "to_set", "to_delete"),
    [
        ({}, {}, {}, []),
        ({"province": ["Helmand"]}, {"province": ["Helmand"]}, {}, []),
        ({"province": ["Helmand"]}, {"province": ["Badghis"]}, {"province": ["Badghis"]}, []),
        ({"province": ["Helmand"], "undated": ["0"]}, {}, {}, ["province", "undated"]),
        # An old address is rewritten in the current names.
        (
            {"from": ["2016"], "to": ["2021"], "reports": ["all"]},
            {"period": ["2016-2021"], "each_event": ["0"]},
            {"period": ["2016-2021"], "each_event": ["0"]},
            ["from", "to", "reports"],
        ),
        # The tabs' keys are never touched, whatever the filters say.
        ({"view": ["Tables"], "table": ["Events"]}, {"undated": ["0"]}, {"undated": ["0"]}, []),
    ],
)
def test_changes_touch_only_filter_keys(current, wanted, to_set, to_delete) -> None:
    assert changes(current, wanted) == (to_set, to_delete)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, Filters(period=(2015, 2021))),
        (
            {"province": ["Helmand"], "kind": ["killed"], "victims": ["civilians"], "undated": False},
            Filters(
                province=("Helmand",),
                kind=("killed",),
                victims=("civilians",),
                period=(2015, 2021),
                undated=False,
            ),
        ),
        ({"each_event": False, "period": (2016, 2016)}, Filters(period=(2016, 2016), each_event=False)),
        ({"hide_low": True}, Filters(period=(2015, 2021), hide_low=True)),
        (
            {"country": ["PAK"], "hide_low": True},
            Filters(period=(2015, 2021), country=("PAK",), hide_low=True),
        ),
        ({"country": []}, Filters(period=(2015, 2021), country=())),
        # Exact dates count only while the toggle is on; reversed ends are put in order.
        ({"since": D(2021, 7, 1), "until": D(2021, 7, 8)}, Filters(period=(2015, 2021))),
        (
            {EXACT: True, "since": D(2021, 7, 8), "until": D(2021, 7, 1)},
            Filters(period=(2015, 2021), since=D(2021, 7, 1), until=D(2021, 7, 8)),
        ),
    ],
)
def test_to_filters(changes: dict[str, Any], expected: Filters) -> None:
    assert to_filters({**DEFAULT, **changes}) == expected
