"""Read-only queries and aggregations against a real DuckDB file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dbfixture import build

from dashboard import db
from dashboard.filters import Filters


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> db.Source:
    """The database in ``tests/dbfixture.py`` as a ``Source``."""
    found = db.source(str(build(tmp_path_factory.mktemp("db") / "sitrep.duckdb")))
    assert found is not None
    return found


def test_missing_file_has_no_source(tmp_path: Path) -> None:
    assert db.source(str(tmp_path / "absent.duckdb")) is None


def test_problem(src: db.Source, tmp_path: Path) -> None:
    assert db.problem(src) is None
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    assert "not a readable DuckDB database" in db.problem(db.source(str(junk)))
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    assert "lacks the view(s) articles, district_events, figures" in db.problem(db.source(str(empty)))


def test_options(src: db.Source) -> None:
    assert db.options(src) == db.Options(
        years=(2015, 2016, 2021),
        undated=3,
        provinces=("Badghis", "Helmand", "Kunduz", "Laghman"),
        victims=("civilians", "security_forces", "militants", "mixed", "unspecified"),
    )


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        # f2 (a detail of f1) is not counted; the background fall of Kunduz and the retaking
        # of Qala-i-Naw are not current pressure.
        (Filters(), {"displaced": 180000, "killed": 88, "wounded": 33, "capitals": 3, "articles": 5}),
        (
            Filters(include_undated=False),
            {"displaced": 180000, "killed": 83, "wounded": 33, "capitals": 2, "articles": 4},
        ),
        (
            Filters(2016, 2016, provinces=("Helmand",)),
            {"displaced": 30000, "killed": 14, "wounded": 0, "capitals": 1, "articles": 1},
        ),
        (
            Filters(2021, 2021, provinces=("Badghis",), victims=("militants",)),
            {"displaced": 0, "killed": 69, "wounded": 23, "capitals": 1, "articles": 2},
        ),
        (
            Filters(2017, 2020, include_undated=False),
            {"displaced": 0, "killed": 0, "wounded": 0, "capitals": 0, "articles": 0},
        ),
    ],
)
def test_totals(src: db.Source, f: Filters, expected: dict[str, int]) -> None:
    got = db.totals(src, f)
    assert got == expected
    assert all(type(v) is int for v in got.values())


def test_displacement_aggregates(src: db.Source) -> None:
    by_province = db.displacement_by_province(src, Filters())
    assert by_province.schema["people"] == pl.Int64
    assert by_province.sort("province").rows() == [("Badghis", 150000, 2), ("Helmand", 30000, 1)]
    by_month = db.displacement_by_month(src, Filters())
    assert by_month.rows() == [
        (dt.date(2016, 10, 1), "Helmand", 30000, 1),
        (dt.date(2021, 7, 1), "Badghis", 150000, 2),
    ]


def test_harm_aggregates(src: db.Source) -> None:
    by_month = db.harm_by_month(src, Filters(provinces=("Badghis",)))
    assert by_month.rows() == [
        (dt.date(2021, 7, 1), "killed", "militants", 69, 1),
        (dt.date(2021, 7, 1), "wounded", "civilians", 10, 1),
        (dt.date(2021, 7, 1), "wounded", "militants", 23, 1),
    ]
    by_province = db.harm_by_province(src, Filters(kinds=("killed",)))
    # The undated figure without a province is kept, under a visible label.
    assert by_province.rows() == [
        ("(no province)", "killed", "unspecified", 5, 1),
        ("Badghis", "killed", "militants", 69, 1),
        ("Helmand", "killed", "mixed", 14, 1),
    ]


def test_pressure_by_day_skips_undated(src: db.Source) -> None:
    frame = db.pressure_by_day(src, Filters())
    assert set(frame["capital"]) == {"Lashkar Gah", "Qala-i-Naw", "Kunduz"}
    assert frame.filter(pl.col("is_background"))["capital"].to_list() == ["Kunduz"]


def test_rejects_and_last_run(src: db.Source) -> None:
    assert db.rejects(src)["reason"].to_list() == ["not_text"]
    assert db.last_run(src)["n_loaded"] == 5


def test_replaced_file_is_read_afresh(tmp_path: Path) -> None:
    live = build(tmp_path / "live.duckdb")
    old = db.source(str(live))
    assert db.totals(old, Filters())["articles"] == 5
    # Rebuild elsewhere with one article fewer and swap it in whole, as the batch step does.
    new_file = tmp_path / "new.duckdb"
    shutil.copy(live, new_file)
    with duckdb.connect(str(new_file)) as con:
        con.execute("DELETE FROM raw_district_events WHERE article_id = 'a5'")
        con.execute("DELETE FROM raw_pressure WHERE article_id = 'a5'")
        con.execute("DELETE FROM raw_articles WHERE article_id = 'a5'")
    os.replace(new_file, live)
    os.utime(live, ns=(old.mtime_ns + 10**9, old.mtime_ns + 10**9))
    new = db.source(str(live))
    assert new != old
    assert db.totals(new, Filters())["articles"] == 4
