"""The batch step end to end into a real DuckDB file: the data contract, re-runs, atomic writes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.__main__ import main
from pipeline.ingest import IngestError, ingest
from pipeline.store import reader, schema, writer
from tests.conftest import ARTICLES

# What cites a row's article: every view of rows carries it.
CITATION = ["file", "title", "source", "author", "url", "published"]
CONTRACT = {
    "articles": [
        "article_id", "file", "title", "source", "author", "url", "published", "date_source", "n_chars",
        "title_from", "source_from", "author_from", "url_from",
    ],
    "figures": [
        "figure_id", "article_id", "kind", "value", "value_low", "value_high", "qualifier", "unit",
        "people_estimate", "victims", "province", "place", "event_date", "sentence", "char_start", "char_end",
        *CITATION,
    ],
    "pressure": [
        "pressure_id", "article_id", "capital", "province", "level", "event_date", "is_background",
        "sentence", "char_start", "char_end", *CITATION,
    ],
    "district_events": ["district", "province", "status", "event_date", "sentence", *CITATION],
    "events": ["event_id", "kind", "people_estimate", "sentence", "figure_id", "article_id", *CITATION],
    "rejects": ["path", "line", "reason", "detail"],
}  # fmt: skip


def columns(con, view):
    return [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]  # noqa: S608


def dump(db):
    """Every table's rows but the runs; an article's text and the run that first loaded it aside
    (the history of runs, not what they hold)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: con.execute(
                f"SELECT * EXCLUDE (text, first_run) FROM {t} ORDER BY ALL"
                if t == "raw_articles"
                else f"SELECT * FROM {t} ORDER BY ALL"
            ).fetchall()  # noqa: S608, E501
            for t in schema.tables()
            if t != "raw_runs"
        }


@pytest.mark.parametrize("view", sorted(CONTRACT))
def test_public_views_have_the_contract_columns(sample_db, view):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        assert set(CONTRACT[view]) <= set(columns(con, view))


def test_the_writer_and_the_schema_agree():
    with duckdb.connect() as con:
        schema.create_schema(con)
        for table, cols in schema.tables().items():
            assert columns(con, table) == list(cols), table


def test_the_sample_articles_are_dated_from_the_manifest(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        rows = con.execute(
            "SELECT file, published::VARCHAR, date_source, date_precision FROM articles ORDER BY file"
        ).fetchall()
    assert [(f[:3], p, s, pr) for f, p, s, pr in rows] == [
        ("000", "2016-10-11", "metadata", "day"),
        ("001", "2016-01-01", "metadata", "year"),
        ("002", "2021-07-08", "metadata", "day"),
        ("003", "2021-07-08", "metadata", "day"),
        ("004", "2021-05-01", "metadata", "month"),
    ]


def test_reingest_gives_identical_rows_and_counts_unchanged(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    first = ingest([ARTICLES], settings, db)
    before = dump(db)
    second = ingest([ARTICLES], settings, db)
    assert (first.n_loaded, first.n_unchanged) == (5, 0)
    assert (second.n_loaded, second.n_unchanged) == (0, 5)
    assert dump(db) == before
    rebuilt = ingest([ARTICLES], settings, db, rebuild=True)
    assert rebuilt.n_loaded == 5 and dump(db) == before


def test_ingest_adds_to_what_is_there(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    ingest([ARTICLES], settings, db)
    extra = tmp_path / "mine"
    extra.mkdir()
    text = (
        "At least 12 civilians were killed in Kunduz city on Monday. "
        "Up to 200 families were displaced in Faryab."
    )
    (extra / "new.txt").write_text(text, encoding="utf-8")
    (extra / "bad.pdf").write_bytes(b"%PDF")
    summary = ingest([extra], settings, db)
    assert (summary.n_read, summary.n_loaded, len(summary.rejects)) == (1, 1, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)
        new = con.execute(
            "SELECT value, value_low, unit, people_estimate, province, place FROM figures "
            "WHERE file = 'new.txt' ORDER BY char_start"
        ).fetchall()
        assert new == [
            (12, 12, "people", 12, "Kunduz", "Kunduz"),
            (200, None, "families", 1400, "Faryab", None),
        ]
        assert con.execute("SELECT path, reason FROM rejects").fetchall() == [("bad.pdf", "unsupported")]


def test_a_failed_write_leaves_the_previous_database(tmp_path, settings, monkeypatch):
    db = tmp_path / "s.duckdb"
    ingest([ARTICLES], settings, db)
    before = dump(db)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "create_schema", boom)
    with pytest.raises(RuntimeError):
        ingest([ARTICLES], settings, db, rebuild=True)
    assert dump(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb"]


def test_a_second_ingest_is_refused_while_one_holds_the_lock(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    (tmp_path / "s.duckdb.lock").write_text("1")  # PID 1 is always alive
    with pytest.raises(IngestError, match="another ingest"):
        ingest([ARTICLES], settings, db)


def test_cli_prints_a_summary_and_exits_0(tmp_path, capsys):
    copy = tmp_path / "articles"
    shutil.copytree(ARTICLES, copy)
    assert main(["ingest", str(copy), "--db", str(tmp_path / "c.duckdb")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"inputs 5: loaded 5, unchanged 0, rejected 0 \(5 articles read\)", out)
    assert re.search(r"figures extracted this run: displaced 2, killed \d+, wounded 2", out)


def test_cli_with_no_inputs_exits_non_zero_with_one_line(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["ingest", str(empty), "--db", str(tmp_path / "c.duckdb")]) == 2
    assert capsys.readouterr().err.startswith("sitrep: no inputs found")


def test_metadata_wins_and_the_text_dates_what_has_none(tmp_path, settings):
    lines = [
        {"id": "a", "text": "July 8, 2021\nAt least 12 civilians were killed in Kunduz city on Monday."},
        {
            "id": "b",
            "text": "July 8, 2021\nFive soldiers were killed in Ghazni city.",
            "published": "2021-07-09",
        },
        {"id": "c", "text": "Five policemen were killed in Farah city on Monday."},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([feed], settings, db)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT a.external_id, a.published::VARCHAR, a.date_source, f.event_date::VARCHAR "
            "FROM articles a JOIN figures f USING (article_id) ORDER BY 1"
        ).fetchall()
    assert rows == [
        ("a", "2021-07-08", "text", "2021-07-05"),
        ("b", "2021-07-09", "metadata", "2021-07-09"),
        ("c", None, "unknown", None),
    ]


PAGE = (
    "Taliban seize district centre in Kunduz\n\nBy Jane Doe\n\n"
    "KUNDUZ (Reuters) - Taliban fighters seized the district centre of Dasht-e Archi on Monday and "
    "killed five policemen, officials said.\n"
)


def test_metadata_wins_and_the_page_cites_what_has_none(tmp_path, settings):
    lines = [
        {"id": "given", "text": PAGE, "title": "Given title", "source": "Given outlet", "author": "Ann Roe"},
        {"id": "read", "text": PAGE.replace("five", "six")},
        {"id": "none", "text": "Five policemen were killed in Farah city on Monday."},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    ingest([feed], settings, db)
    with duckdb.connect(str(db), read_only=True) as con:
        articles = con.execute(
            "SELECT external_id, title, title_from, source, source_from, author, author_from, url, url_from "
            "FROM articles ORDER BY 1"
        ).fetchall()
        # Every view of rows carries its article's citation.
        cited = {
            view: con.execute(
                f"SELECT DISTINCT a.external_id, {', '.join('v.' + c for c in CITATION)} "  # noqa: S608
                f"FROM {view} v JOIN articles a USING (article_id) ORDER BY 1"
            ).fetchall()
            for view in ("figures", "events", "district_events")
        }
    assert articles == [
        ("given", "Given title", "metadata", "Given outlet", "metadata", "Ann Roe", "metadata", None, "none"),
        ("none", None, "none", None, "none", None, "none", None, "none"),
        ("read", "Taliban seize district centre in Kunduz", "headline", "Reuters", "dateline", "Jane Doe",
         "byline", None, "none"),
    ]  # fmt: skip
    assert {row[0] for row in cited["figures"]} == {"given", "none", "read"}
    for view, rows in cited.items():
        for external_id, _file, title, source, author, _url, _published in rows:
            want = next(a for a in articles if a[0] == external_id)
            assert (title, source, author) == (want[1], want[3], want[5]), view
    assert cited["district_events"], "a district event to carry a citation"


def _older_database(new: Path, old: Path) -> None:
    """``old``: the rows of ``new`` in the schema of a sitrep that read no citation from the page."""
    ddl = re.sub(r"^\s+author(?:_from)?\s+VARCHAR.*\n", "", schema.ddl(), flags=re.M)
    for gone, kept in (("a.author, ", ""), ("author, url", "url"), ("author_from, ", "")):
        ddl = ddl.replace(gone, kept)
    with duckdb.connect(str(old)) as con:
        con.execute(ddl)
        con.execute(f"ATTACH '{new}' AS new (READ_ONLY)")
        for table in schema.tables():
            cols = ", ".join(columns(con, table))
            con.execute(f"INSERT INTO {table} SELECT {cols} FROM new.{table}")  # noqa: S608


def test_a_database_an_older_sitrep_wrote_is_read_again_whole(tmp_path, settings):
    """Its tables lack columns: every stored article is extracted again and a new file written,
    as a rebuild of all its articles would be (metadata kept)."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, "00[0-2]*.txt"), (second, "00[3-4]*.txt")):
        folder.mkdir()
        for p in sorted(ARTICLES.glob(names)):
            shutil.copy(p, folder / p.name)
        shutil.copy(ARTICLES / "manifest.csv", folder / "manifest.csv")
    current, step = tmp_path / "current.duckdb", tmp_path / "step.duckdb"
    ingest([first], settings, current)
    _older_database(current, step)
    summary = ingest([second], settings, step)
    assert any("written by an older sitrep" in n for n in summary.notices)
    whole = tmp_path / "whole.duckdb"
    ingest([first, second], settings, whole)
    a, b = dump(step), dump(whole)
    for table in a:
        if table != "raw_rejects":  # the manifests name files the other folder holds
            assert a[table] == b[table], table
    with duckdb.connect(str(step), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (2,)


def test_an_incremental_run_gives_the_rows_a_rebuild_gives(tmp_path, settings):
    """Adding articles to a database changes only what they bring; the result equals a rebuild."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for p in sorted(ARTICLES.glob("00[0-2]*.txt")):
        shutil.copy(p, first / p.name)
    for p in sorted(ARTICLES.glob("00[3-4]*.txt")):
        shutil.copy(p, second / p.name)
    for folder in (first, second):
        shutil.copy(ARTICLES / "manifest.csv", folder / "manifest.csv")
    step = tmp_path / "step.duckdb"
    ingest([first], settings, step)
    ingest([second], settings, step)
    whole = tmp_path / "whole.duckdb"
    ingest([first, second], settings, whole)
    a, b = dump(step), dump(whole)
    assert a.keys() == b.keys()
    for table in a:
        if table != "raw_rejects":  # the manifests name files the other folder holds
            assert a[table] == b[table], table


def test_an_unchanged_rerun_leaves_the_database_alone(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    ingest([ARTICLES], settings, db)
    before = db.stat().st_mtime_ns
    summary = ingest([ARTICLES], settings, db)
    assert summary.notices == ["nothing changed: the database was left as it was"]
    assert db.stat().st_mtime_ns == before


# Short articles, each with one figure; ``title`` is metadata, so a new title changes the article.
FEED = {
    "a": "Five soldiers were killed in Ghazni city on Monday.",
    "b": "At least 12 civilians were killed in Kunduz city on Monday.",
    "c": "Up to 200 families were displaced in Faryab on Monday.",
    "d": "Seven policemen were wounded in Farah city on Monday.",
}


def _feed(folder, ids, titles=None):
    """``folder/feed.jsonl``: the articles ``ids`` of ``FEED``, published 2021-07-08, with their
    titles (an article's file is ``feed.jsonl#line`` whichever folder holds it)."""
    titles = titles or {}
    folder.mkdir()
    path = folder / "feed.jsonl"
    lines = [
        {"id": i, "text": FEED[i], "published": "2021-07-08", "title": titles.get(i, f"Report {i}")}
        for i in ids
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    return path


def _marks(db):
    """external_id -> (first_run, new) of each article, and the articles whose figures and events
    are new, by view."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT external_id, first_run, new FROM articles").fetchall()
        articles = {external_id: (first_run, new) for external_id, first_run, new in rows}
        new_rows = {
            view: {
                r[0]
                for r in con.execute(
                    f"SELECT DISTINCT a.external_id FROM {view} JOIN articles AS a USING (article_id)"  # noqa: S608
                    f" WHERE {view}.new"
                ).fetchall()
            }
            for view in ("figures", "events")
        }
    return articles, new_rows


def test_new_marks_what_the_latest_run_first_loaded(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    ingest([_feed(tmp_path / "one", "abc")], settings, db)
    assert _marks(db) == (
        {"a": (1, True), "b": (1, True), "c": (1, True)},
        {"figures": {"a", "b", "c"}, "events": {"a", "b", "c"}},
    )
    # a again as it was, b with a new title, d new; c is not given again and stays.
    summary = ingest([_feed(tmp_path / "two", "abd", {"b": "Report b, updated"})], settings, db)
    assert (summary.n_loaded, summary.n_unchanged) == (2, 1)
    want = (
        {"a": (1, False), "b": (2, True), "c": (1, False), "d": (2, True)},
        {"figures": {"b", "d"}, "events": {"b", "d"}},
    )
    assert _marks(db) == want
    # A run that changes nothing writes nothing: the marks stay.
    ingest([tmp_path / "two" / "feed.jsonl"], settings, db)
    assert _marks(db) == want


def test_a_new_extractor_reads_articles_again_without_making_them_new(tmp_path, settings, monkeypatch):
    db = tmp_path / "s.duckdb"
    ingest([_feed(tmp_path / "one", "ab")], settings, db)
    ingest([_feed(tmp_path / "two", "c")], settings, db)
    monkeypatch.setattr("pipeline.ingest.extractor_version", lambda household_size: "another")
    summary = ingest([_feed(tmp_path / "three", "ab")], settings, db)
    assert summary.n_loaded == 2  # read again by the new extractor, c (not given) too
    assert _marks(db)[0] == {"a": (1, False), "b": (1, False), "c": (2, True)}


def _as_an_earlier_version_wrote_it(current, older):
    """``older``: the rows of ``current`` in the tables of the version before ``first_run``, no views."""
    tables_only = schema.ddl().split("-- Public views")[0]
    tables_only = re.sub(r"^\s*first_run .*\n", "", tables_only, flags=re.M)
    with duckdb.connect(str(older)) as con:
        con.execute(tables_only)
        con.execute(f"ATTACH '{current}' AS cur (READ_ONLY)")
        for table, cols in schema.tables().items():
            kept = ", ".join(c for c in cols if c != "first_run")
            con.execute(f"INSERT INTO {table} ({kept}) SELECT {kept} FROM cur.{table}")  # noqa: S608


def test_a_database_an_earlier_version_wrote_is_brought_to_the_schema(tmp_path, settings):
    current, db = tmp_path / "current.duckdb", tmp_path / "s.duckdb"
    ingest([_feed(tmp_path / "one", "ab")], settings, current)
    _as_an_earlier_version_wrote_it(current, db)
    # Even a run with nothing new to load brings it up to date.
    ingest([tmp_path / "one" / "feed.jsonl"], settings, db)
    assert reader.missing_columns(db) == []
    ingest([_feed(tmp_path / "two", "c")], settings, db)
    with duckdb.connect(str(db), read_only=True) as con:
        for view, cols in schema.views().items():
            assert columns(con, view) == list(cols), view
    assert _marks(db) == (
        {"a": (None, False), "b": (None, False), "c": (3, True)},
        {"figures": {"c"}, "events": {"c"}},
    )
