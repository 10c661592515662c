"""Dates shown as precisely as they are known: "2016" and "2016-10", never "2016-01-01"."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dbfixture import build, coarsen

from dashboard import dates, db
from dashboard.filters import Filters
from dashboard.tabs.common import table_csv

D = dt.date


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (D(2016, 10, 11), "day", "2016-10-11"),
        (D(2016, 10, 1), "month", "2016-10"),
        (D(2016, 1, 1), "year", "2016"),
        (D(2016, 10, 11), None, "2016-10-11"),  # no precision said: the day as stored
        (None, None, None),
    ],
)
def test_text(date: dt.date | None, precision: str | None, expected: str | None) -> None:
    assert dates.text(date, precision) == expected


def test_shown_turns_each_date_into_text_at_its_own_precision() -> None:
    frame = pl.DataFrame(
        {
            "event_date": [D(2016, 10, 11), D(2016, 10, 1), D(2016, 1, 1), None],
            "date_precision": ["day", "month", "year", None],
            "published": [D(2016, 1, 1), D(2016, 10, 12), None, D(2021, 7, 1)],
            "published_precision": ["year", "day", None, "month"],
            "date_start": [D(2016, 1, 1)] * 4,  # a span's day, no precision: left as it is
        }
    )
    out = dates.shown(frame)
    assert out["event_date"].to_list() == ["2016-10-11", "2016-10", "2016", None]
    assert out["published"].to_list() == ["2016", "2016-10-12", None, "2021-07"]
    assert out["date_start"].dtype == pl.Date
    assert out.columns == frame.columns


def test_shown_articles_read_their_own_precision() -> None:
    frame = pl.DataFrame({"published": [D(2015, 11, 1), D(2016, 1, 1)], "date_precision": ["month", "year"]})
    assert dates.shown(frame, "articles")["published"].to_list() == ["2015-11", "2016"]
    # Elsewhere ``date_precision`` is the event's: without ``published_precision`` it is left alone.
    assert dates.shown(frame, "figures")["published"].dtype == pl.Date


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ((D(2016, 1, 1), "year"), (D(2021, 7, 8), "day"), "2016 to 2021-07-08"),
        ((D(2021, 7, 1), "month"), (D(2021, 7, 1), "month"), "2021-07"),
        ((D(2021, 7, 8), "day"), (D(2021, 7, 8), "day"), "2021-07-08"),
        ((None, None), (None, None), "no dated item"),
    ],
)
def test_span(first: dates.Dated, last: dates.Dated, expected: str) -> None:
    assert dates.span(first, last) == expected


@pytest.fixture(scope="module")
def coarse(tmp_path_factory: pytest.TempPathFactory) -> db.Source:
    """The test database with article a1 dated to the year and its rows to the month."""
    found = db.source(str(coarsen(build(tmp_path_factory.mktemp("db") / "coarse.duckdb"))))
    assert found is not None
    return found


@pytest.mark.parametrize("view", ["figures", "pressure"])
def test_rows_carry_the_articles_precision_after_its_date(coarse: db.Source, view: str) -> None:
    frame = db.rows(coarse, view, Filters(each_event=False))
    at = frame.columns.index("published")
    assert frame.columns[at + 1] == "published_precision"
    precision = dict(frame.select("article_id", "published_precision").unique().rows())
    articles = db.rows(coarse, "articles", Filters())
    assert precision == {
        a: p for a, p in articles.select("article_id", "date_precision").rows() if a in precision
    }
    assert precision["a1"] == "year"
    shown = dates.shown(frame).filter(pl.col("article_id") == "a1")
    assert set(shown["published"]) == {"2016"}
    assert set(shown["event_date"]) == {"2016-10"}


def test_capital_status_and_evidence_carry_both_precisions(coarse: db.Source) -> None:
    status = db.capital_status(coarse, Filters())
    row = status.filter(pl.col("capital") == "Lashkar Gah").row(0, named=True)
    assert (row["date_precision"], row["published_precision"]) == ("month", "year")
    found = db.evidence(coarse, "figure", "f1")
    assert dates.text(found["published"], found["published_precision"]) == "2016"
    assert dates.text(found["event_date"], found["date_precision"]) == "2016-10"


def test_totals_say_how_precisely_their_dates_are_known(coarse: db.Source) -> None:
    got = db.totals(coarse, Filters())
    first = got["articles_first"], got["articles_first_precision"]
    last = got["articles_last"], got["articles_last_precision"]
    assert dates.span(first, last) == "2016 to 2021-07-08"
    first = got["killed_first"], got["killed_first_precision"]
    assert dates.text(*first) == "2016-10"


def test_csv_keeps_the_date_and_its_precision(coarse: db.Source) -> None:
    back = pl.read_csv(
        io.BytesIO(table_csv(coarse, "figures", Filters(each_event=False))), infer_schema=False
    )
    row = back.filter(pl.col("figure_id") == "f1").row(0, named=True)
    assert (row["published"], row["published_precision"]) == ("2016-01-01", "year")
    assert (row["event_date"], row["date_precision"]) == ("2016-10-01", "month")


def test_charts_per_month_or_week_leave_out_what_is_not_dated_that_finely(tmp_path: Path) -> None:
    path = coarsen(build(tmp_path / "charts.duckdb"))
    with duckdb.connect(str(path)) as con:  # f3: 30,000 displaced in Helmand "in 2016"
        con.execute(
            "UPDATE raw_figures SET event_date = '2016-01-01', date_precision = 'year' WHERE figure_id = 'f3'"
        )
    src = db.source(str(path))
    charts = db.charts(src, Filters(), "month")
    assert "Helmand" not in set(charts.over_time["province"])
    assert ("Helmand", 30000) in charts.by_province.select("province", "people").rows()
    assert D(2016, 10, 1) in set(charts.hurt_over_time["period"])  # f1: October 2016
    # p1, Lashkar Gah attacked "in October 2016": in its month, in no week.
    assert "Lashkar Gah" in set(db.pressure_grid(src, Filters(), "month")["capital"])
    assert "Lashkar Gah" not in set(db.pressure_grid(src, Filters(), "week")["capital"])
