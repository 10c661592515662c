"""Reviews applied by the batch step: a rejected figure is not counted, a corrected one counts
with its corrected values, both survive a rebuild and a change of ids, and a review whose words
are gone is listed, never dropped. Articles written for the test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb

from pipeline.ingest import ingest
from pipeline.review.store import Action, open_store, record, undo_last
from pipeline.settings import Settings

KUNDUZ = "Officials said 40 people were killed in Kunduz city on Monday.\n"
BAGHLAN = "About 2,000 families fled their homes in Baghlan province this week.\n"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kunduz.txt").write_text(KUNDUZ, encoding="utf-8")
    (folder / "baghlan.txt").write_text(BAGHLAN, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,published,title,source,url\nkunduz.txt,2021-07-06,,,\nbaghlan.txt,2021-07-06,,,\n",
        encoding="utf-8",
    )
    return folder


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _review(store_path: Path, db: Path) -> None:
    """Reject the Baghlan figure, correct the Kunduz one from 40 to 45, as an analyst would."""
    figures = _rows(db, "SELECT figure_id, article_id, char_start, char_end, number_text, value FROM figures")
    with open_store(store_path) as store:
        for fid, aid, start, end, text, value in figures:
            base = Action("figure", "reject", aid, start, end, text, "ana", row_id=fid)
            if value == 2000:
                record(store, dataclasses.replace(base, reason="wrong_place", note="a test"))
            elif value == 40:
                record(store, dataclasses.replace(base, action="correct", fields={"value": 45}))


def _state(db: Path) -> dict:
    figures = _rows(
        db,
        "SELECT original_value, value, review_status, counted, is_primary, people_estimate, reviewed_by "
        "FROM figures ORDER BY original_value",
    )
    counted = _rows(db, "SELECT CAST(sum(people_estimate) AS BIGINT) FROM figures WHERE is_primary")[0][0]
    events = _rows(db, "SELECT kind, value FROM events ORDER BY kind")
    return {"figures": figures, "counted": counted, "events": events}


WANTED = {
    "figures": [
        (40, 45, "corrected", True, True, 45, "ana"),
        (2000, 2000, "rejected", False, False, 14000, "ana"),
    ],
    "counted": 45,
    "events": [("killed", 45)],
}


def test_reviews_change_what_is_counted_and_survive_rebuilds_and_new_ids(tmp_path: Path) -> None:
    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    folder = _corpus(tmp_path / "articles")
    ingest([folder], settings, db)
    before = _state(db)
    assert before["counted"] == 40 + 14000 and before["figures"][0][2] == "unreviewed"

    _review(tmp_path / "reviews.sqlite", db)
    summary = ingest([folder], settings, db)  # nothing else changed: the reviews alone rerun it
    assert _state(db) == WANTED
    assert summary.n_reviewed == 2 and not summary.orphans

    ingest([folder], settings, db, rebuild=True)
    assert _state(db) == WANTED


def test_a_review_finds_its_row_by_its_words_not_its_id(tmp_path: Path) -> None:
    """A review taken when the row had another id (an older extractor) still lands on it."""
    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    ingest([_corpus(tmp_path / "articles")], settings, db)
    ((aid, start, end, text),) = _rows(
        db, "SELECT article_id, char_start, char_end, number_text FROM figures WHERE value = 40"
    )
    with open_store(tmp_path / "reviews.sqlite") as store:
        record(
            store,
            Action("figure", "correct", aid, start, end, text, "ana", row_id="x-f999", fields={"value": 41}),
        )
    ingest([tmp_path / "articles"], settings, db, rebuild=True)
    assert _rows(
        db, "SELECT value, original_value, review_status FROM figures WHERE original_value = 40"
    ) == [(41, 40, "corrected")]


def test_a_review_whose_words_are_gone_is_kept_and_listed(tmp_path: Path) -> None:
    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    folder = _corpus(tmp_path / "articles")
    ingest([folder], settings, db)
    _review(tmp_path / "reviews.sqlite", db)
    (folder / "baghlan.txt").write_text(
        "Families fled their homes in Baghlan province this week.\n", encoding="utf-8"
    )
    summary = ingest([folder], settings, db, rebuild=True)
    assert len(summary.orphans) == 1 and "'About 2,000'" in summary.orphans[0]
    assert _rows(db, "SELECT target, anchor_text, review_status, reviewed_by FROM review_orphans") == [
        ("figure", "About 2,000", "rejected", "ana")
    ]
    assert "match no row any more" in summary.report()


def test_reviews_measure_the_extractor(tmp_path: Path, capsys) -> None:
    from pipeline.__main__ import main

    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    folder = _corpus(tmp_path / "articles")
    ingest([folder], settings, db)
    assert main(["evaluate", "--reviews", "--db", str(db)]) == 0
    assert "no reviewed figures yet" in capsys.readouterr().out
    _review(tmp_path / "reviews.sqlite", db)
    ingest([folder], settings, db)
    assert main(["evaluate", "--reviews", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    lines = {
        tuple(line.split()[:2]): line.split()[2:] for line in out.splitlines() if line.startswith("kind")
    }
    # reviewed, confirmed, corrected, rejected, precision
    assert lines[("kind", "displaced")] == ["1", "0", "0", "1", "0.000"]
    assert lines[("kind", "killed")] == ["1", "0", "1", "0", "0.000"]
    assert "rejected because: wrong_place 1" in out


CAPITALS = (
    "The Taliban captured Kunduz city on Sunday, officials said.\n"
    "On Saturday the Taliban attacked Sheberghan, the capital of Jawzjan province.\n"
    "The militants seized Dasht-e-Archi district on Friday.\n"
)


def test_reviews_of_pressure_mentions_and_district_events_reach_their_views_and_episodes(
    tmp_path: Path,
) -> None:
    """Rejected: the attack on Sheberghan (no episode, no capital); corrected: Kunduz besieged
    on the 7th rather than fallen on the 8th, and the district threatened rather than fallen."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "k.txt").write_text(CAPITALS, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published,title,source,url\nk.txt,2021-08-09,,,\n")
    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    ingest([folder], settings, db)
    pressure = "SELECT pressure_id, article_id, char_start, char_end, trigger, capital FROM pressure"
    mentions = {row[5]: row for row in _rows(db, pressure)}
    assert set(mentions) == {"Kunduz", "Sheberghan"}
    ((did, aid, start, end, district),) = _rows(
        db, "SELECT district_event_id, article_id, char_start, char_end, district FROM district_events"
    )
    with open_store(tmp_path / "reviews.sqlite") as store:
        pid, paid, pstart, pend, trigger, _ = mentions["Sheberghan"]
        record(
            store,
            Action("pressure", "reject", paid, pstart, pend, trigger, "ana", row_id=pid, reason="other"),
        )
        pid, paid, pstart, pend, trigger, _ = mentions["Kunduz"]
        fields = {"level": "besieged", "event_date": "2021-08-07"}
        record(
            store,
            Action("pressure", "correct", paid, pstart, pend, trigger, "ana", row_id=pid, fields=fields),
        )
        fields = {"status_district": "threatened"}
        record(
            store,
            Action("district_event", "correct", aid, start, end, district, "bo", row_id=did, fields=fields),
        )
    ingest([folder], settings, db, rebuild=True)

    assert _rows(
        db,
        "SELECT capital, level, original_level, event_date::VARCHAR, date_precision, review_status,"
        " reviewed_by"
        " FROM pressure ORDER BY capital",
    ) == [
        ("Kunduz", "besieged", "fell", "2021-08-07", "day", "corrected", "ana"),
        ("Sheberghan", "attacked", "attacked", "2021-08-07", "day", "rejected", "ana"),
    ]
    assert _rows(db, "SELECT capital, highest_level, first_date::VARCHAR FROM pressure_episodes") == [
        ("Kunduz", "besieged", "2021-08-07")
    ]
    assert _rows(db, "SELECT district, status, original_status, review_status FROM district_events") == [
        ("Dasht-e Archi", "threatened", "fell", "corrected")
    ]


ADDED = (
    "Officials said 40 people were killed in Kunduz city on Monday. "
    "The hospital took in 33 patients with burns.\n"
)


def _figures(db: Path) -> list[tuple]:
    return _rows(
        db,
        "SELECT kind, value, people_estimate, province, review_status, reviewed_by, counted, is_primary,"
        " event_id IS NOT NULL, sentence FROM figures ORDER BY value",
    )


def test_an_added_figure_counts_joins_an_event_and_goes_with_an_undo(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kunduz.txt").write_text(ADDED, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published,title,source,url\nkunduz.txt,2021-07-06,,,\n")
    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    ingest([folder], settings, db)
    assert [r[1] for r in _figures(db)] == [40]  # the rules miss the 33
    ((aid,),) = _rows(db, "SELECT article_id FROM articles")
    start = ADDED.index("33")
    fields = {"kind": "wounded", "value": 33, "province": "Kunduz"}
    with open_store(tmp_path / "reviews.sqlite") as store:
        record(store, Action("figure", "add", aid, start, start + 2, "33", "ana", fields=fields))
    ingest([folder], settings, db)
    second = "The hospital took in 33 patients with burns."
    assert _figures(db)[0] == ("wounded", 33, 33, "Kunduz", "added", "ana", True, True, True, second)
    assert (
        _rows(
            db,
            "SELECT CAST(sum(people_estimate) AS BIGINT) FROM figures WHERE kind = 'wounded' AND is_primary",
        )[0][0]
        == 33
    )
    assert _rows(db, "SELECT kind, value FROM events ORDER BY kind") == [("killed", 40), ("wounded", 33)]

    ingest([folder], settings, db)  # a run with nothing new keeps it, once
    ingest([folder], settings, db, rebuild=True)
    assert [r[1] for r in _figures(db)] == [33, 40]

    with open_store(tmp_path / "reviews.sqlite") as store:
        assert undo_last(store, "ana") is not None
    ingest([folder], settings, db)
    assert [r[1] for r in _figures(db)] == [40]
    assert _rows(db, "SELECT count(*) FROM review_orphans")[0][0] == 0


def test_an_added_figure_whose_words_are_gone_is_an_orphan(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kunduz.txt").write_text(ADDED, encoding="utf-8")
    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    ingest([folder], settings, db)
    ((aid,),) = _rows(db, "SELECT article_id FROM articles")
    start = ADDED.index("33")
    with open_store(tmp_path / "reviews.sqlite") as store:
        # Words that are not at that span (as after an edit of the text) make no row.
        record(
            store,
            Action(
                "figure", "add", aid, start, start + 2, "34", "ana", fields={"kind": "wounded", "value": 34}
            ),
        )
    summary = ingest([folder], settings, db)
    assert [r[1] for r in _figures(db)] == [40]
    assert len(summary.orphans) == 1 and "'34'" in summary.orphans[0]


def test_a_review_taken_while_an_ingest_runs_is_shown_at_once_and_applied_by_the_next_run(
    tmp_path: Path, monkeypatch
) -> None:
    """The run does not claim an action it never read: the views lay it over the new database,
    and the next run applies it."""
    from pipeline import review as reviews_package
    from pipeline.review import live

    settings = Settings.load(reviews=str(tmp_path / "reviews.sqlite"))
    db = tmp_path / "s.duckdb"
    folder = _corpus(tmp_path / "articles")
    ingest([folder], settings, db)
    _review(tmp_path / "reviews.sqlite", db)  # reject the 2,000, correct 40 -> 45
    ((fid, aid, start, end, text),) = _rows(
        db, "SELECT figure_id, article_id, char_start, char_end, number_text FROM figures WHERE value = 40"
    )
    attach = reviews_package.attach

    def attach_while_an_analyst_saves(*args, **kwargs):
        found = attach(*args, **kwargs)  # the run has read the history; an analyst saves now
        with open_store(tmp_path / "reviews.sqlite") as store:
            record(
                store,
                Action("figure", "correct", aid, start, end, text, "bo", row_id=fid, fields={"value": 47}),
            )
        return found

    monkeypatch.setattr(reviews_package, "attach", attach_while_an_analyst_saves)
    ingest([folder], settings, db)
    monkeypatch.setattr(reviews_package, "attach", attach)
    assert _rows(db, "SELECT value FROM figures WHERE original_value = 40") == [(45,)]  # what it read
    (seen,) = _rows(db, "SELECT reviews_seen FROM runs ORDER BY run_id DESC LIMIT 1")[0]
    with open_store(tmp_path / "reviews.sqlite") as store:
        newest = max(a.action_id for a in reviews_package.history(store))
    assert seen == newest - 1

    # The views lay the newer action over the database at once ...
    import duckdb as dd

    with dd.connect(str(db), read_only=True) as con:
        overlay = live.overlay(con, tmp_path / "reviews.sqlite", settings.household_size)
        assert overlay is not None
        con.register("raw_reviews", overlay)
        assert con.execute("SELECT value FROM figures WHERE original_value = 40").fetchall() == [(47,)]
    # ... and the next run applies it.
    ingest([folder], settings, db)
    assert _rows(db, "SELECT value, reviewed_by FROM figures WHERE original_value = 40") == [(47, "bo")]
