"""The app as a reader meets it, through Streamlit's ``AppTest``, on a real database file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from dbfixture import build
from streamlit.testing.v1 import AppTest

from pipeline.settings import ROOT

APP = str(ROOT / "app.py")
ID = {
    "figures": "figure_id",
    "pressure": "pressure_id",
    "district_events": "district_event_id",
    "articles": "article_id",
}
NOTHING = "Nothing matches these filters"


def run_app(monkeypatch: pytest.MonkeyPatch, path: Path, query: dict | None = None) -> AppTest:
    """Run the app once against ``path``, with optional query parameters."""
    monkeypatch.setenv("SITREP_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    return at.run()


def tables(at: AppTest) -> dict[str, set[str]]:
    """The ids shown in each table, found by the id column each view has."""
    shown: dict[str, set[str]] = {}
    for frame in at.dataframe:
        df = frame.value
        for view, column in ID.items():
            if column in df.columns and view not in shown and (view != "articles" or "file" in df.columns):
                shown[view] = set(df[column])
                break
    return shown


def expected(path: Path, where: dict[str, str]) -> dict[str, set[str]]:
    """Ids per view selected by plain SQL written independently of ``dashboard.filters``."""
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for view, column in ID.items():
            sql = f"SELECT {column} FROM {view} WHERE {where.get(view, 'TRUE')}"  # noqa: S608
            out[view] = {r[0] for r in con.execute(sql).fetchall()}
    return out


def test_missing_database_explains_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run_app(monkeypatch, tmp_path / "nowhere.duckdb")
    assert not at.exception
    message = at.error[0].value
    assert "No database at" in message
    assert "make db" in message and "python -m pipeline ingest" in message
    assert len(at.dataframe) == 0


def test_unreadable_database_explains_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    at = run_app(monkeypatch, junk)
    assert not at.exception
    assert "not a readable DuckDB database" in at.error[0].value
    assert "make db" in at.error[0].value


def test_everything_shown_by_default(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(monkeypatch, sample_db)
    assert not at.exception
    assert [m.label for m in at.metric] == [
        "People displaced",
        "Killed",
        "Wounded",
        "Capitals under pressure",
        "Articles",
    ]
    want = expected(sample_db, {})
    shown = tables(at)
    for view in ID:
        if want[view]:
            assert shown[view] == want[view], view
    assert {b.label for b in at.download_button} == {"Download CSV"}
    assert any("undated item(s)" in c.value for c in at.sidebar.caption)
    assert at.query_params == {}


def _province(names: list[str]) -> Callable[[AppTest], None]:
    return lambda at: at.multiselect(key="province").set_value(names)


def _period(lo: int, hi: int) -> Callable[[AppTest], None]:
    return lambda at: at.slider(key="period").set_range(lo, hi)


def _undated(on: bool) -> Callable[[AppTest], None]:
    return lambda at: at.checkbox(key="undated").set_value(on)


def _kind(kinds: list[str]) -> Callable[[AppTest], None]:
    return lambda at: at.multiselect(key="kind").set_value(kinds)


def _articles_in(provinces: str) -> str:
    """Articles with a figure or pressure mention in ``provinces`` (an SQL list of literals)."""
    places = f"SELECT article_id FROM figures WHERE province IN ({provinces})"  # noqa: S608
    mentions = f"SELECT article_id FROM pressure WHERE province IN ({provinces})"  # noqa: S608
    return f"article_id IN ({places} UNION {mentions})"


CASES = {
    "province Helmand": (
        [_province(["Helmand"])],
        {
            "figures": "province = 'Helmand'",
            "pressure": "province = 'Helmand'",
            "district_events": "province = 'Helmand'",
            "articles": _articles_in("'Helmand'"),
        },
    ),
    "province Badghis, 2021 only, no undated": (
        [_province(["Badghis"]), _period(2021, 2021), _undated(False)],
        {
            "figures": "province = 'Badghis' AND year = 2021",
            "pressure": "province = 'Badghis' AND year = 2021",
            "district_events": "province = 'Badghis' AND year = 2021",
            "articles": _articles_in("'Badghis'") + " AND year(published) = 2021",
        },
    ),
    "2016 only, undated kept": (
        [_period(2016, 2016)],
        {
            "figures": "year = 2016 OR year IS NULL",
            "pressure": "year = 2016 OR year IS NULL",
            "district_events": "year = 2016 OR year IS NULL",
            "articles": "year(published) = 2016 OR published IS NULL",
        },
    ),
    "displaced in Helmand and Badghis": (
        [_province(["Badghis", "Helmand"]), _kind(["displaced"])],
        {
            "figures": "province IN ('Badghis', 'Helmand') AND kind = 'displaced'",
            "pressure": "province IN ('Badghis', 'Helmand')",
            "district_events": "province IN ('Badghis', 'Helmand')",
            "articles": _articles_in("'Badghis', 'Helmand'"),
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_filters_narrow_every_table(monkeypatch: pytest.MonkeyPatch, sample_db: Path, case: str) -> None:
    actions, where = CASES[case]
    at = run_app(monkeypatch, sample_db)
    before = tables(at)
    for act in actions:
        act(at)
    at.run()
    assert not at.exception
    want = expected(sample_db, where)
    shown = tables(at)
    for view in ID:
        assert shown.get(view, set()) == want[view], view
        assert shown.get(view, set()) <= before.get(view, set()), view
    assert sum(len(ids) for ids in shown.values()) < sum(len(ids) for ids in before.values())


def test_empty_selection_explains_itself(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(monkeypatch, sample_db)
    # Nothing is reported for Laghman in 2016 with a known date.
    _province(["Laghman"])(at)
    _period(2016, 2016)(at)
    _undated(False)(at)
    at.run()
    assert not at.exception
    assert any(NOTHING in i.value for i in at.info)
    assert len(at.dataframe) == 0


def test_filters_come_from_and_go_to_the_address(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    at = run_app(
        monkeypatch, sample_db, {"province": ["Badghis", "Atlantis"], "from": "2021", "kind": "bombed"}
    )
    assert not at.exception
    assert at.multiselect(key="province").value == ["Badghis"]
    assert at.slider(key="period").value[0] == 2021
    notice = at.sidebar.warning[0].value
    assert "province='Atlantis' is not in the data" in notice and "kind='bombed'" in notice
    assert (
        tables(at)["figures"]
        == expected(sample_db, {"figures": "province = 'Badghis' AND (year >= 2021 OR year IS NULL)"})[
            "figures"
        ]
    )
    at.multiselect(key="province").set_value(["Helmand"]).run()
    assert at.query_params["province"] in ("Helmand", ["Helmand"])
    assert str(at.query_params["from"]) in ("2021", "['2021']")


def _keep_only(path: Path, where: str) -> None:
    """Delete every raw row outside ``where`` (an SQL condition on the article's year)."""
    with duckdb.connect(str(path)) as con:
        doomed = f"SELECT article_id FROM raw_articles WHERE NOT ({where})"  # noqa: S608
        for table in ("raw_figures", "raw_pressure", "raw_district_events", "raw_articles"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN ({doomed})")  # noqa: S608


def test_single_year_needs_no_slider(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = build(tmp_path / "one-year.duckdb")
    _keep_only(path, "year(published) = 2021")
    at = run_app(monkeypatch, path)
    assert not at.exception
    assert len(at.slider) == 0
    assert any("all dated items are from 2021" in c.value for c in at.sidebar.caption)
    assert tables(at)["figures"] == {"f4", "f5", "f6", "f7", "f8", "f9"}


def test_rebuilt_database_drops_choices_it_no_longer_offers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = build(tmp_path / "live.duckdb")
    at = run_app(monkeypatch, path)
    at.multiselect(key="province").set_value(["Helmand"]).run()
    assert tables(at)["figures"] == {"f1", "f2", "f3"}
    # The batch step replaces the file whole; this one no longer mentions Helmand or 2015-2016.
    rebuilt = build(tmp_path / "rebuilt.duckdb")
    _keep_only(rebuilt, "year(published) = 2021")
    os.replace(rebuilt, path)
    at.run()
    assert not at.exception
    assert at.multiselect(key="province").value == []
    assert tables(at)["figures"] == {"f4", "f5", "f6", "f7", "f8", "f9"}
