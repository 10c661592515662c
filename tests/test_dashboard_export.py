"""CSV downloads: formula neutralisation, exact rows, file names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dbfixture import build

from dashboard import db
from dashboard.export import csv_bytes, filename, neutralise
from dashboard.filters import Filters
from dashboard.tabs.common import table_csv


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh database with the rows in ``tests/dbfixture.py``."""
    return build(tmp_path_factory.mktemp("export") / "sitrep.duckdb")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ('=HYPERLINK("http://example.invalid","x")', '\'=HYPERLINK("http://example.invalid","x")'),
        ("+93 700 000 000", "'+93 700 000 000"),
        ("-5 people were killed", "'-5 people were killed"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Helmand", "Helmand"),
        ("Qala-i-Naw", "Qala-i-Naw"),
        ("a = b", "a = b"),
        (" =1", " =1"),
        ("'=1", "'=1"),
        ("", ""),
        (None, None),
    ],
)
def test_neutralise_cell(cell: str | None, expected: str | None) -> None:
    out = neutralise(pl.DataFrame({"s": [cell]}, schema={"s": pl.String}))
    assert out["s"][0] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ('-1, said "officials"', '\'-1, said "officials"'),
        ("line one\nline two", "line one\nline two"),
        ("Lashkar Gah", "Lashkar Gah"),
    ],
)
def test_csv_round_trip(cell: str, expected: str) -> None:
    data = csv_bytes(pl.DataFrame({"n": [-7], "s": [cell]}))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows == [["n", "s"], ["-7", expected]]


def test_numbers_and_dates_are_not_touched() -> None:
    df = pl.DataFrame({"n": [-3, 4], "d": [None, "2021-07-08"], "b": [True, False]}).with_columns(
        pl.col("d").str.to_date()
    )
    assert csv_bytes(df).decode() == "n,d,b\n-3,,true\n4,2021-07-08,false\n"


def _expected_ids(path: Path, sql: str) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute(sql).fetchall()}


@pytest.mark.parametrize(
    ("view", "f", "id_column", "independent_sql"),
    [
        (
            "figures",
            Filters(province=("Badghis",)),
            "figure_id",
            "SELECT figure_id FROM figures WHERE province = 'Badghis' AND is_primary",
        ),
        (
            "figures",
            Filters(province=("Badghis",), each_event=False),
            "figure_id",
            "SELECT figure_id FROM figures WHERE province = 'Badghis'",
        ),
        (
            "figures",
            Filters(period=(2016, 2016), undated=True, each_event=False),
            "figure_id",
            "SELECT figure_id FROM figures WHERE year = 2016 OR year IS NULL",
        ),
        (
            "events",
            Filters(kind=("displaced",)),
            "event_id",
            "SELECT event_id FROM events WHERE kind = 'displaced'",
        ),
        (
            "pressure_episodes",
            Filters(period=(2021, 2021)),
            "episode_id",
            "SELECT episode_id FROM pressure_episodes WHERE year(first_date) = 2021",
        ),
        (
            "pressure",
            Filters(period=(2021, 2021), undated=False, province=("Badghis", "Helmand")),
            "pressure_id",
            "SELECT pressure_id FROM pressure WHERE year = 2021 AND province IN ('Badghis', 'Helmand')",
        ),
        (
            "district_events",
            Filters(province=("Laghman",)),
            "district_event_id",
            "SELECT district_event_id FROM district_events WHERE province = 'Laghman'",
        ),
        (
            "articles",
            Filters(undated=False),
            "article_id",
            "SELECT article_id FROM articles WHERE published IS NOT NULL",
        ),
        (
            "figures",
            Filters(country=("PAK", "unknown"), each_event=False),
            "figure_id",
            "SELECT figure_id FROM figures WHERE country = 'PAK' OR country IS NULL",
        ),
        (
            "events",
            Filters(hide_low=True),
            "event_id",
            "SELECT event_id FROM events WHERE confidence <> 'low' AND coalesce(country, 'AFG') = 'AFG'",
        ),
    ],
)
def test_csv_holds_exactly_the_filtered_rows(
    db_file: Path, view: str, f: Filters, id_column: str, independent_sql: str
) -> None:
    src = db.source(str(db_file))
    assert src is not None
    data = db.rows(src, view, f)
    back = pl.read_csv(io.BytesIO(table_csv(src, view, f)), infer_schema=False)
    extra = {"figures": (["n_reports"] if f.each_event else []) + ["view"]}.get(view, [])
    assert back.columns == list(db.COLUMNS[view]) + extra
    if view == "figures":
        assert set(back["view"]) == {"events" if f.each_event else "every-report"}
    assert sorted(back[id_column].to_list()) == sorted(_expected_ids(db_file, independent_sql))
    assert back.height == data.height
    if "sentence" in back.columns:
        assert back["sentence"].null_count() == 0


def test_formula_in_evidence_is_neutralised_in_download(db_file: Path) -> None:
    src = db.source(str(db_file))
    assert src is not None
    back = pl.read_csv(io.BytesIO(csv_bytes(db.rows(src, "figures", Filters()))), infer_schema=False)
    sentence = back.filter(pl.col("figure_id") == "f9")["sentence"][0]
    assert sentence.startswith("'-5 people were killed")


@pytest.mark.parametrize(
    ("view", "f", "expected"),
    [
        (
            "figures",
            Filters(period=(2016, 2021), province=("Helmand",)),
            "sitrep-figures-events-Helmand-2016-2021.csv",
        ),
        (
            "figures",
            Filters(period=(2016, 2021), province=("Helmand",), each_event=False),
            "sitrep-figures-every-report-Helmand-2016-2021.csv",
        ),
        ("figures", Filters(), "sitrep-figures-events.csv"),
        ("events", Filters(kind=("killed",)), "sitrep-events-killed.csv"),
        (
            "pressure",
            Filters(since=dt.date(2021, 7, 1), until=dt.date(2021, 7, 31)),
            "sitrep-pressure-2021-07-01_2021-07-31.csv",
        ),
        ("pressure", Filters(period=(2021, 2021)), "sitrep-pressure-2021.csv"),
        ("pressure", Filters(since=dt.date(2021, 7, 1)), "sitrep-pressure-2021-07-01.csv"),
        ("articles", Filters(period=(2016, 2021)), "sitrep-articles-2016-2021.csv"),
        (
            "figures",
            Filters(province=("Badghis", "Helmand"), kind=("displaced",), victims=("civilians",)),
            "sitrep-figures-events-Badghis_Helmand-displaced-civilians.csv",
        ),
        ("district_events", Filters(kind=("killed",)), "sitrep-district_events.csv"),
        ("figures", Filters(province=("A", "B", "C", "D")), "sitrep-figures-events-4_provinces.csv"),
        ("figures", Filters(province=("Nangarhār",)), "sitrep-figures-events-Nangarhar.csv"),
        ("figures", Filters(province=("../../etc/passwd",)), "sitrep-figures-events-etc_passwd.csv"),
        ("figures", Filters(province=('Kabul"; rm -rf /',)), "sitrep-figures-events-Kabul_rm_-rf.csv"),
        # The country is named when it is not the default (Afghanistan and the unknown country).
        ("figures", Filters(country=("unknown", "AFG")), "sitrep-figures-events.csv"),
        ("figures", Filters(country=("PAK", "AFG")), "sitrep-figures-events-PAK_AFG.csv"),
        ("events", Filters(country=("unknown",)), "sitrep-events-unknown.csv"),
        ("pressure", Filters(country=()), "sitrep-pressure-all_countries.csv"),
        ("figures", Filters(country=("AFG", "PAK", "IRN", "IND")), "sitrep-figures-events-4_countries.csv"),
        ("articles", Filters(country=("PAK",)), "sitrep-articles.csv"),  # articles have no country
        (
            "figures",
            Filters(province=("Helmand",), country=("AFG",), period=(2021, 2021)),
            "sitrep-figures-events-Helmand-AFG-2021.csv",
        ),
        # Hiding low confidence changes the figures, events and pressure mentions only.
        ("figures", Filters(hide_low=True), "sitrep-figures-events-without_low_confidence.csv"),
        ("pressure", Filters(hide_low=True), "sitrep-pressure-without_low_confidence.csv"),
        ("district_events", Filters(hide_low=True), "sitrep-district_events.csv"),
    ],
)
def test_filename(view: str, f: Filters, expected: str) -> None:
    assert filename(view, f) == expected
