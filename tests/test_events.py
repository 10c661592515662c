"""One happening, many reports: grouping figures into events and pressure into episodes."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import polars as pl
import pytest

from pipeline.group.episodes import pressure_episodes
from pipeline.group.events import group_figures, same_event
from pipeline.ingest import ingest
from pipeline.store.schema import frame

D = dt.date


def fig(**kw):
    row = {
        "figure_id": "f1", "article_id": "a1", "kind": "displaced", "province": "Badghis", "place": None,
        "unit": "people", "victims": "unspecified", "value": 75000, "value_low": 75000, "value_high": 75000,
        "qualifier": "about", "people_estimate": 75000, "event_date": D(2021, 7, 8), "date_precision": "day",
        "counted": True, "role": "total", "parent_figure_id": None, "country": "AFG",
        "incident": frozenset(), "published": D(2021, 7, 8), "claimant_type": "unknown", "running": False,
    }  # fmt: skip
    row.update(kw)
    return row


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ({}, True),
        ({"event_date": D(2021, 7, 11)}, True),
        ({"event_date": D(2021, 7, 12)}, False),
        ({"kind": "killed"}, False),
        ({"province": "Herat"}, False),
        ({"place": "Qala-i-Naw"}, True),
        ({"victims": "civilians"}, True),
        ({"value": 80000, "value_low": 80000}, True),
        ({"value": 200000, "value_low": 200000}, False),
        # a running count that grew within the toll window: the same toll; never much smaller
        ({"value": 200000, "value_low": 200000, "published": D(2021, 7, 15), "running": True}, True),
        ({"value": 200000, "value_low": 200000, "published": D(2021, 7, 25), "running": True}, False),
        ({"value": 200000, "value_low": 200000, "published": D(2021, 7, 15)}, False),
        ({"value": 200000, "value_low": 200000, "published": D(2021, 7, 10)}, True),  # within days
        ({"value": 20000, "value_low": 20000, "published": D(2021, 7, 15), "running": True}, False),
        # the very same number told again days later
        ({"event_date": D(2021, 7, 18), "published": D(2021, 7, 18)}, True),
        # another kind of incident: an air strike during the fighting is not the fighting's toll
        ({"incident": frozenset({"airstrike"}), "value": 80000, "value_low": 80000}, False),
        ({"incident": frozenset({"airstrike"})}, True),  # the same number: a restatement
        ({"unit": "families"}, False),
        ({"event_date": D(2021, 7, 1), "date_precision": "month"}, True),
        ({"event_date": D(2021, 1, 1), "date_precision": "year"}, True),
        ({"event_date": D(2021, 1, 1), "date_precision": "year", "value": 70000, "value_low": 70000}, False),
        ({"event_date": None, "date_precision": None}, False),
    ],
)
def test_same_event(other, same):
    assert same_event(fig(), fig(figure_id="f2", article_id="a2", **other), window=3, toll_window=14) is same


@pytest.mark.parametrize(("country", "same"), [("AFG", True), ("PAK", False), (None, False)])
def test_a_report_abroad_never_joins_an_afghan_event_even_without_a_province(country, same):
    national = fig(province=None)  # e.g. a nationwide Afghan figure
    other = fig(figure_id="f2", article_id="a2", province=None, country=country)
    assert same_event(national, other, window=3) is same


def test_each_event_keeps_the_most_recent_report():
    figures = frame(
        "raw_figures",
        [
            fig(
                figure_id="f1",
                article_id="a1",
                value=70000,
                value_low=70000,
                people_estimate=70000,
                incident="",
            ),
            fig(figure_id="f2", article_id="a2", incident=""),
            fig(
                figure_id="f3",
                article_id="a2",
                kind="killed",
                value=5,
                value_low=5,
                people_estimate=5,
                incident="",
            ),
        ],
    )
    published = pl.DataFrame({"article_id": ["a1", "a2"], "published": [D(2021, 7, 8), D(2021, 7, 9)]})
    figures, events = group_figures(figures, published, window=3)
    displaced = events.filter(pl.col("kind") == "displaced").row(0, named=True)
    assert (displaced["n_reports"], displaced["value"], displaced["chosen_by"]) == (
        2,
        75000,
        "most recent report",
    )
    assert figures.filter(pl.col("is_primary"))["figure_id"].sort().to_list() == ["f2", "f3"]
    assert figures["event_id"].n_unique() == 2


def test_pressure_mentions_make_episodes_per_capital():
    rows = [
        ("p1", "Qala-i-Naw", "attacked", D(2021, 7, 7), "day"),
        ("p2", "Qala-i-Naw", "breached", D(2021, 7, 7), "day"),
        ("p3", "Qala-i-Naw", "retaken", D(2021, 7, 8), "day"),
        ("p4", "Qala-i-Naw", "threatened", D(2021, 9, 1), "day"),
        ("p5", "Kunduz", "fell", D(2021, 1, 1), "year"),
    ]
    pressure = pl.DataFrame(
        [
            {"pressure_id": i, "article_id": i, "capital": c, "province": "x", "country": "AFG", "level": lv,
             "event_date": d, "date_precision": p, "is_background": False}
            for i, c, lv, d, p in rows
        ]
    )  # fmt: skip
    episodes = pressure_episodes(pressure, window=14).sort("capital", "first_date")
    got = [
        (r["capital"], r["first_date"], r["last_date"], r["highest_level"], r["latest_level"], r["n_reports"])
        for r in episodes.iter_rows(named=True)
    ]  # noqa: E501
    assert got == [
        # known only to the year: the episode spans the year, not its first day
        ("Kunduz", D(2021, 1, 1), D(2021, 12, 31), "fell", "fell", 1),
        ("Qala-i-Naw", D(2021, 7, 7), D(2021, 7, 8), "breached", "retaken", 3),
        ("Qala-i-Naw", D(2021, 9, 1), D(2021, 9, 1), "threatened", "threatened", 1),
    ]


def test_two_outlets_reporting_one_displacement_count_it_once(tmp_path, settings):
    reports = [
        {
            "id": "afp",
            "published": "2021-07-08",
            "text": "About 75,000 people have fled their homes in Qala-i-Naw.",
        },
        {
            "id": "trt",
            "published": "2021-07-09",
            "text": "Some 75,000 residents of Qala-e-Naw have fled their homes.",
        },
        {
            "id": "other",
            "published": "2021-07-09",
            "text": "About 2,000 families have been displaced in Herat.",
        },
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in reports), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([feed], settings, db)
    with duckdb.connect(str(db), read_only=True) as con:
        every_report = con.execute(
            "SELECT sum(value)::BIGINT FROM figures WHERE province = 'Badghis'"
        ).fetchone()
        once = con.execute(
            "SELECT sum(value)::BIGINT, max(n_reports) FROM events WHERE province = 'Badghis'"
        ).fetchone()
    assert every_report == (150000,)
    assert once == (75000, 2)


def test_the_sample_lashkar_gah_attack_is_one_episode(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        rows = con.execute(
            "SELECT count(*) FROM pressure_episodes WHERE capital = 'Lashkar Gah' AND year(first_date) = 2016"
        ).fetchone()
        badghis = con.execute(
            "SELECT sum(people_estimate)::BIGINT FROM events "
            "WHERE kind = 'displaced' AND province = 'Badghis'"
        ).fetchone()
    assert rows == (1,)
    assert badghis == (75000,)


@pytest.mark.parametrize(
    ("choose_by", "kept", "rule"),
    [("latest", "f2", "most recent report"), ("trusted", "f1", "most trusted source")],
)
def test_the_choice_rule_is_a_setting(choose_by, kept, rule):
    """A hospital's count on day one, an unattributed one the day after: the setting decides."""
    figures = frame(
        "raw_figures",
        [
            fig(figure_id="f1", article_id="a1", value=70000, value_low=70000, people_estimate=70000,
                incident="", claimant_type="medical"),
            fig(figure_id="f2", article_id="a2", incident=""),
        ],
    )  # fmt: skip
    published = pl.DataFrame({"article_id": ["a1", "a2"], "published": [D(2021, 7, 8), D(2021, 7, 9)]})
    _, events = group_figures(figures, published, window=3, choose_by=choose_by)
    (event,) = events.iter_rows(named=True)
    assert (event["figure_id"], event["chosen_by"]) == (kept, rule)
    assert (event["range_low"], event["range_high"]) == (70000, 75000)


def test_a_party_claim_is_chosen_only_when_nothing_else_exists():
    figures = frame(
        "raw_figures",
        [
            fig(figure_id="f1", article_id="a1", kind="killed", victims="security_forces", value=40,
                value_low=40, people_estimate=40, incident="", claimant_type="medical"),
            fig(figure_id="f2", article_id="a2", kind="killed", victims="security_forces", value=60,
                value_low=60, people_estimate=60, incident="", claimant_type="armed_group"),
        ],
    )  # fmt: skip
    published = pl.DataFrame({"article_id": ["a1", "a2"], "published": [D(2021, 7, 8), D(2021, 7, 9)]})
    _, events = group_figures(figures, published, window=3)
    (event,) = events.iter_rows(named=True)
    assert (event["figure_id"], event["chosen_by"]) == ("f1", "not a party's claim")


def test_a_choice_rule_that_does_not_exist_is_refused(monkeypatch):
    from pipeline.__main__ import main

    monkeypatch.setenv("SITREP_CHOOSE_BY", "loudest")
    assert main(["ingest", "--db", "/nonexistent/x.duckdb"]) == 2


def test_a_report_naming_no_group_never_joins_two_named_groups():
    """20 civilians, "16 people" and 30 Taliban on one day: the closure may take the 16 into
    one group's event, never make one event of civilians and Taliban."""
    figures = frame(
        "raw_figures",
        [
            fig(figure_id="f1", article_id="a1", kind="killed", victims="civilians", value=20, value_low=20,
                people_estimate=20, incident=""),
            fig(figure_id="f2", article_id="a2", kind="killed", victims="unspecified", value=16, value_low=16,
                people_estimate=16, incident=""),
            fig(figure_id="f3", article_id="a3", kind="killed", victims="militants", value=30, value_low=30,
                people_estimate=30, incident=""),
        ],
    )  # fmt: skip
    published = pl.DataFrame({"article_id": ["a1", "a2", "a3"], "published": [D(2021, 7, 8)] * 3})
    grouped, _ = group_figures(figures, published, window=3)
    event = dict(zip(grouped["figure_id"], grouped["event_id"], strict=True))
    assert event["f1"] != event["f3"]
