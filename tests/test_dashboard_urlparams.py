"""Filters in the page address: one name per filter, forgiving parsing, minimal encoding, old keys read,
periods as presets or a custom range of years or days."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from dashboard.filters import CUSTOM, NAMES, Filters, Options
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
# A custom range, and undated items out, as a period has them by default.
RANGE = {"preset": CUSTOM, "undated": False}
LATEST = OPTIONS.dates[1]


def test_one_name_per_filter() -> None:
    # The Filters fields are the address keys and the widget keys; "exact" is a widget only.
    assert tuple(f.name for f in dataclasses.fields(Filters)) == NAMES
    assert KEYS == NAMES
    assert NAMES == (
        "province", "country", "kind", "victims", "preset", "period", "undated", "since", "until",
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
    # Presets: undated items out unless the address keeps them.
    ({"preset": ["last_7_days"]}, {"preset": "last_7_days", "undated": False}, []),
    ({"preset": [" This_Month"]}, {"preset": "this_month", "undated": False}, []),
    ({"preset": ["this_year"], "undated": ["1"]}, {"preset": "this_year"}, []),
    ({"preset": ["all"]}, {}, []),
    ({"preset": ["all"], "undated": ["0"]}, {"undated": False}, []),
    ({"preset": ["custom"]}, RANGE, []),
    # A custom range's years; an address with years and no preset is a custom range.
    ({"preset": ["custom"], "period": ["2016-2021"]}, {**RANGE, "period": (2016, 2021)}, []),
    ({"period": ["2016-2021"]}, {**RANGE, "period": (2016, 2021)}, []),
    ({"period": ["2016"]}, {**RANGE, "period": (2016, 2016)}, []),
    ({"period": ["2021-2016"]}, {**RANGE, "period": (2016, 2021)}, []),
    ({"period": [" 2016 – 2021 "]}, {**RANGE, "period": (2016, 2021)}, []),  # as the page writes it
    (
        {"period": ["2017-2020"]},
        {**RANGE, "period": (2017, 2020)},
        [],
    ),  # within the data's first and last year
    ({"period": ["2016"], "undated": ["1"]}, {**RANGE, "period": (2016, 2016), "undated": True}, []),
    ({"undated": ["0"]}, {"undated": False}, []),
    ({"undated": ["yes"]}, {"undated": True}, []),
    ({"each_event": ["0"]}, {"each_event": False}, []),
    ({"each_event": ["false"]}, {"each_event": False}, []),
    ({"each_event": ["1"]}, {"each_event": True}, []),
    # A custom range's days.
    (
        {"since": ["2021-07-01"], "until": ["2021-07-08"]},
        {**RANGE, EXACT: True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
        [],
    ),
    ({"since": ["2021-07-08"], "until": ["2016-01-01"]}, {**RANGE, EXACT: True, "since": D(2016, 1, 1)}, []),
    ({"until": ["2016-12-31"]}, {**RANGE, EXACT: True, "until": D(2016, 12, 31)}, []),
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
# Older addresses: from/to (years, so a custom range) and reports=all|events.
LEGACY = [
    (
        {"province": ["Badghis", "Helmand"], "from": ["2016"], "to": ["2021"]},
        {"province": ["Badghis", "Helmand"], **RANGE, "period": (2016, 2021)},
        [],
    ),
    ({"from": ["2016"]}, {**RANGE, "period": (2016, 2021)}, []),
    ({"to": ["2016"]}, {**RANGE, "period": (2015, 2016)}, []),
    ({"from": ["2021"], "to": ["2016"]}, {**RANGE, "period": (2016, 2021)}, []),
    ({"reports": ["all"]}, {"each_event": False}, []),
    ({"reports": ["EVENTS"]}, {"each_event": True}, []),
    # Both spellings at once: the current one wins.
    ({"from": ["2016"], "period": ["2021"]}, {**RANGE, "period": (2021, 2021)}, []),
    ({"reports": ["all"], "each_event": ["1"]}, {"each_event": True}, []),
]
KNOWN = "last_7_days, last_30_days, this_month, this_year, all, custom"  # the periods, by name
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
    (
        {"preset": ["last_week"]},
        {},
        [f"preset='last_week' is not one of {KNOWN}"],
    ),
    (
        {"preset": ["last_7_days', 'x"]},
        {},
        [f"preset=\"last_7_days', 'x\" is not one of {KNOWN}"],
    ),
    # Years or days belong to a custom range: with a preset they are left out.
    (
        {"preset": ["last_30_days"], "period": ["2016"], "since": ["2021-07-01"]},
        {"preset": "last_30_days", "undated": False},
        ["period, since left out: only a custom range (preset=custom) has years or dates"],
    ),
    ({"period": ["abc"]}, RANGE, ["period='abc' is not a year or a range of years (e.g. 2016-2021)"]),
    ({"period": ["2016-"]}, RANGE, ["period='2016-' is not a year or a range of years (e.g. 2016-2021)"]),
    (
        {"period": ["2016-2018-2020"]},
        RANGE,
        ["period='2016-2018-2020' is not a year or a range of years (e.g. 2016-2021)"],
    ),
    ({"period": ["1990-2016"]}, RANGE, ["period='1990-2016' is outside the years in the data"]),
    ({"period": ["2030"]}, RANGE, ["period='2030' is outside the years in the data"]),
    (
        {"period": ["2030", "2016-2021"]},
        {**RANGE, "period": (2016, 2021)},
        ["period='2030' is outside the years in the data"],
    ),
    ({"from": ["abc"]}, RANGE, ["from='abc' is not a year"]),
    ({"to": ["1990"]}, RANGE, ["to='1990' is outside the years in the data"]),
    ({"undated": ["maybe"]}, {}, ["undated='maybe' is not yes or no"]),
    ({"each_event": ["twice"]}, {}, ["each_event='twice' is not yes or no"]),
    ({"reports": ["some"]}, {}, ["reports='some' is not 'all' or 'events'"]),
    ({"since": ["yesterday"]}, RANGE, ["since='yesterday' is not a date (YYYY-MM-DD)"]),
    ({"until": ["2030-01-01"]}, RANGE, ["until='2030-01-01' is outside the dates in the data"]),
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
            {"province": ["Badghis", "Helmand"], **RANGE, "period": (2016, 2021), "kind": ["displaced"]},
            {
                "province": ["Badghis", "Helmand"],
                "kind": ["displaced"],
                "preset": ["custom"],
                "period": ["2016-2021"],
            },
        ),
        ({**RANGE, "period": (2015, 2016)}, {"preset": ["custom"], "period": ["2015-2016"]}),
        (
            {**RANGE, "period": (2015, 2016), "undated": True},
            {"preset": ["custom"], "period": ["2015-2016"], "undated": ["1"]},
        ),
        ({**RANGE, "period": (2021, 2021)}, {"preset": ["custom"], "period": ["2021"]}),
        ({**RANGE, "period": (2015, 2021)}, {"preset": ["custom"]}),  # every year is the default
        ({"preset": "last_7_days", "undated": False}, {"preset": ["last_7_days"]}),
        ({"preset": "this_year", "undated": True}, {"preset": ["this_year"], "undated": ["1"]}),
        ({"undated": False}, {"undated": ["0"]}),
        ({"victims": ["civilians"]}, {"victims": ["civilians"]}),
        ({"each_event": False}, {"each_event": ["0"]}),
        (
            {**RANGE, EXACT: True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
            {"preset": ["custom"], "since": ["2021-07-01"], "until": ["2021-07-08"]},
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


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Days chosen but "Exact dates" off: the custom range's years, here all of them.
        ({**RANGE, EXACT: False, "since": D(2021, 7, 1), "until": D(2021, 7, 8)}, {"preset": ["custom"]}),
        # Days on: the years the slider keeps for later are not the range.
        (
            {**RANGE, "period": (2016, 2016), EXACT: True, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
            {"preset": ["custom"], "since": ["2021-07-01"], "until": ["2021-07-08"]},
        ),
        # A preset: the custom range's years and days stay in the sidebar, not in the address.
        (
            {"preset": "last_30_days", "undated": False, "period": (2016, 2016), EXACT: True},
            {"preset": ["last_30_days"]},
        ),
        ({"period": (2016, 2016), EXACT: True}, {}),  # all dates
    ],
)
def test_years_and_days_belong_to_a_custom_range(changes: dict[str, Any], expected: dict) -> None:
    assert encode({**DEFAULT, **changes}, OPTIONS) == expected


def test_no_years_means_no_period() -> None:
    options = Options(years=(), undated=2, provinces=(), victims=())
    values, notices = parse({"period": ["2016"], "from": ["2016"], "since": ["2016-01-01"]}, options)
    assert values["period"] is None and not values[EXACT] and values["preset"] == "all"
    assert notices == ["period, from, since left out: no item has a date"]
    assert encode(values, options) == {}


def test_years_without_event_dates_offer_only_a_custom_range() -> None:
    # Articles dated to a year, nothing dated to a day: no preset has a day to count back from.
    options = Options(years=(2016,), undated=2, provinces=(), victims=())
    values, notices = parse({"preset": ["last_7_days"]}, options)
    assert values["preset"] == "all"
    assert notices == ["preset='last_7_days' needs dated items, and the data has none"]
    assert parse({"preset": ["custom"]}, options)[0]["preset"] == CUSTOM


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
        ({}, Filters()),
        (
            {"province": ["Helmand"], "kind": ["killed"], "victims": ["civilians"], "undated": False},
            Filters(province=("Helmand",), kind=("killed",), victims=("civilians",), undated=False),
        ),
        # All dates: no bound, whatever years or days the custom range keeps for later.
        ({"period": (2016, 2016), EXACT: True}, Filters()),
        ({"each_event": False}, Filters(each_event=False)),
        ({"hide_low": True}, Filters(hide_low=True)),
        ({"country": ["PAK"], "hide_low": True}, Filters(country=("PAK",), hide_low=True)),
        ({"country": []}, Filters(country=())),
        # Presets count back from the latest event date, 2021-07-08.
        (
            {"preset": "last_7_days", "undated": False},
            Filters(preset="last_7_days", since=D(2021, 7, 2), until=D(2021, 7, 8), undated=False),
        ),
        (
            {"preset": "last_30_days", "undated": False, "period": (2016, 2016)},
            Filters(preset="last_30_days", since=D(2021, 6, 9), until=D(2021, 7, 8), undated=False),
        ),
        (
            {"preset": "this_month", "undated": True},
            Filters(preset="this_month", since=D(2021, 7, 1), until=D(2021, 7, 8)),
        ),
        (
            {"preset": "this_year", "undated": False},
            Filters(preset="this_year", since=D(2021, 1, 1), until=D(2021, 7, 8), undated=False),
        ),
        # A custom range: its years, or its days while "Exact dates" is on (reversed ends put in order).
        ({**RANGE, "period": (2016, 2016)}, Filters(preset=CUSTOM, period=(2016, 2016), undated=False)),
        (
            {**RANGE, "since": D(2021, 7, 1), "until": D(2021, 7, 8)},
            Filters(preset=CUSTOM, period=(2015, 2021), undated=False),
        ),
        (
            {**RANGE, EXACT: True, "since": D(2021, 7, 8), "until": D(2021, 7, 1)},
            Filters(preset=CUSTOM, since=D(2021, 7, 1), until=D(2021, 7, 8), undated=False),
        ),
    ],
)
def test_to_filters(changes: dict[str, Any], expected: Filters) -> None:
    assert to_filters({**DEFAULT, **changes}, LATEST) == expected


def test_a_preset_without_a_latest_date_has_no_bounds() -> None:
    assert to_filters({**DEFAULT, "preset": "last_7_days"}) == Filters(preset="last_7_days")
