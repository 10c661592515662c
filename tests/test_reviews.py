"""Analyst reviews: the append-only history, anchors across re-extraction, folding, the review file."""

from __future__ import annotations

import csv
import dataclasses
import sqlite3
import threading
from pathlib import Path

import pytest

from pipeline.__main__ import main
from pipeline.errors import ReviewError
from pipeline.review import sheet
from pipeline.review.anchor import Anchor, anchor_of, match
from pipeline.review.state import fold
from pipeline.review.store import Action, history, open_store, record, record_all, undo_last
from pipeline.settings import ROOT, Settings

ARTICLES = Path(__file__).parent / "reviews"
ART = "4287dd34c86a5f7b"
OTHER = "d14a2d40d48aea86"
TWELVE = Anchor("figure", ART, 68, 70, "12")


def act(action: str = "confirm", reviewer: str = "ana", anchor: Anchor = TWELVE, **rest) -> Action:
    return Action.at(anchor, action, reviewer, **rest)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "reviews.sqlite") as s:
        yield s


# The store ---------------------------------------------------------------------------------


def test_the_history_gives_back_what_was_recorded(store):
    actions = [
        act("confirm", row_id=f"{ART}-f11", note="checked against the wire"),
        act("correct", fields={"value": 13, "province": "Helmand", "event_date": "2021-07-04"}),
        act("reject", reason="duplicate"),
        act("add", anchor=Anchor("figure", OTHER, 5, 9, "five"), fields={"kind": "killed", "value": 5}),
    ]
    ids = [record(store, a) for a in actions]
    got = history(store)
    assert [a.action_id for a in got] == ids == sorted(ids)
    assert [dataclasses.replace(a, action_id=None, created_at=None) for a in got] == actions
    assert all(a.created_at.endswith("+00:00") for a in got)


def test_the_history_is_append_only(store):
    first = record(store, act("confirm"))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.connection.execute("UPDATE actions SET reviewer = 'eve'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.connection.execute("DELETE FROM actions")
    undo = undo_last(store, "ana")
    got = history(store)
    assert [a.action for a in got] == ["confirm", "undo"]
    assert got[0].action_id == first and got[0].reviewer == "ana"
    assert got[1] == undo and undo.undoes == first and undo.anchor == TWELVE


def test_undo_takes_back_a_reviewers_latest_action_not_yet_undone(store):
    other = Anchor("figure", ART, 97, 99, "30")
    a1 = record(store, act("confirm", anchor=other))
    a2 = record(store, act("reject", reason="chrome"))
    b1 = record(store, act("correct", reviewer="bob", fields={"value": 11}))
    assert undo_last(store, "ana").undoes == a2
    assert fold(history(store))[TWELVE].status == "corrected"
    assert undo_last(store, "ana").undoes == a1
    assert undo_last(store, "ana") is None
    assert other not in fold(history(store))
    assert undo_last(store, "bob").undoes == b1
    assert fold(history(store)) == {}
    with pytest.raises(ReviewError, match="undo"):
        record(store, act("undo", undoes=a1))


def test_two_writers_at_once_both_land(tmp_path):
    path = tmp_path / "reviews.sqlite"
    open_store(path).close()
    start = threading.Barrier(2)
    errors = []

    def write(reviewer: str) -> None:
        try:
            with open_store(path) as s:
                start.wait()
                for i in range(50):
                    record(s, act("confirm", reviewer, Anchor("figure", ART, i, i + 1, str(i))))
        except Exception as err:  # reported below: a thread's exception is otherwise lost
            errors.append(err)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("ana", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(path) as s:
        got = history(s)
        assert s.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(got) == 100 and len({a.action_id for a in got}) == 100
    assert sorted(a.reviewer for a in got) == ["ana"] * 50 + ["bob"] * 50


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target": "event"}, "unknown target 'event'"),
        ({"action": "approve"}, "unknown action 'approve'"),
        ({"action": "reject", "reason": "boring"}, "unknown reason 'boring'"),
        ({"reason": "chrome"}, "only with reject"),
        ({"article_id": "not-a-hash"}, "16 lower-case hex"),
        ({"char_start": 70, "char_end": 68}, "not a span"),
        ({"char_start": -1}, "not a span"),
        ({"anchor_text": " "}, "anchor_text is empty"),
        ({"reviewer": ""}, "no reviewer"),
        ({"action": "correct"}, "needs at least one field"),
        ({"fields": {"value": 3}}, "takes no fields"),
        ({"action": "correct", "fields": {"value": -3}}, "value -3 is negative"),
        ({"action": "correct", "fields": {"value": 2.5}}, "not a whole number"),
        ({"action": "correct", "fields": {"kind": "injured"}}, "kind 'injured' is not known"),
        ({"action": "correct", "fields": {"qualifier": "roughly"}}, "qualifier 'roughly'"),
        ({"action": "correct", "fields": {"unit": "households"}}, "unit 'households'"),
        ({"action": "correct", "fields": {"victims": "police"}}, "victims 'police'"),
        ({"action": "correct", "fields": {"level": "sacked"}}, "on a figure"),
        ({"target": "pressure", "action": "correct", "fields": {"level": "sacked"}}, "level 'sacked'"),
        ({"action": "correct", "fields": {"province": "helmand"}}, "did you mean Helmand"),
        ({"action": "correct", "fields": {"country": "Afghanistan"}}, "alpha-3"),
        ({"action": "correct", "fields": {"event_date": "5 July"}}, "YYYY-MM-DD"),
        ({"action": "correct", "fields": {"value_low": 9, "value_high": 3}}, "above value_high"),
        ({"action": "correct", "fields": {"colour": "red"}}, "unknown field 'colour'"),
        ({"action": "undo"}, "names the action it undoes"),
        ({"action": "add", "fields": {"value": 3}}, "needs its kind and its value"),
        ({"action": "add", "fields": {"kind": "killed"}}, "needs its kind and its value"),
        ({"target": "pressure", "action": "add", "fields": {"level": "fell"}}, "only figures can be added"),
    ],
)
def test_a_value_the_history_cannot_take_is_refused_with_its_reason(store, change, message):
    with pytest.raises(ReviewError, match=message):
        record(store, dataclasses.replace(act("confirm"), **change))
    assert history(store) == []


def test_several_actions_are_written_all_or_none(store):
    with pytest.raises(ReviewError):
        record_all(store, [act("confirm"), act("correct", fields={"kind": "injured"})])
    assert history(store) == []


def test_the_reviews_setting_defaults_beside_the_database_and_can_be_changed(monkeypatch, tmp_path):
    assert Settings.load().reviews == str(ROOT / "data" / "reviews.sqlite")
    monkeypatch.setenv("SITREP_REVIEWS", str(tmp_path / "a.sqlite"))
    assert Settings.load().reviews == str(tmp_path / "a.sqlite")
    assert Settings.load(reviews=tmp_path / "b.sqlite").reviews == str(tmp_path / "b.sqlite")


# Anchors -----------------------------------------------------------------------------------


def fig(fid: str, start: int, end: int, text: str, article: str = ART) -> dict:
    return {
        "figure_id": fid,
        "article_id": article,
        "char_start": start,
        "char_end": end,
        "number_text": text,
    }


@pytest.mark.parametrize(
    ("anchor", "rows", "expected"),
    [
        pytest.param(TWELVE, [fig("a", 60, 62, "12"), fig("b", 68, 70, "12")], "b", id="exact span"),
        pytest.param(TWELVE, [fig("a", 68, 70, "twelve")], "a", id="same span, words re-read"),
        pytest.param(TWELVE, [fig("a", 61, 70, "about 12")], None, id="wider span, other words"),
        pytest.param(
            Anchor("figure", ART, 61, 70, "about 12"),
            [fig("a", 61, 70, "some 12"), fig("b", 67, 75, "about 12")],
            "a", id="exact span beats overlap",
        ),
        pytest.param(
            TWELVE, [fig("a", 69, 78, "12"), fig("b", 150, 152, "12")], "a",
            id="shifted span after a rule change",
        ),
        pytest.param(
            TWELVE, [fig("a", 300, 302, "12"), fig("b", 120, 122, "12"), fig("c", 20, 22, "12")],
            "c", id="same words nearby, nearest start",
        ),
        pytest.param(TWELVE, [fig("a", 269, 271, "12")], None, id="same words too far"),
        pytest.param(TWELVE, [fig("a", 68, 70, "12", article=OTHER)], None, id="another article"),
        pytest.param(TWELVE, [], None, id="no rows"),
    ],
)  # fmt: skip
def test_an_anchor_finds_the_row_it_now_points_at(anchor, rows, expected):
    found = match([anchor], {"figure": rows})[0]
    assert (found["figure_id"] if found else None) == expected


def test_anchors_match_only_rows_of_their_own_target():
    pressure = {"pressure_id": "p", "article_id": ART, "char_start": 68, "char_end": 70, "trigger": "12"}
    district = {
        "district_event_id": "d",
        "article_id": ART,
        "char_start": 10,
        "char_end": 40,
        "district": "Nad Ali",
    }
    assert match([TWELVE], {"pressure": [pressure]}) == [None]
    assert anchor_of(pressure, "pressure") == Anchor("pressure", ART, 68, 70, "12")
    other_district = {**district, "district_event_id": "e", "district": "Marjah"}
    nad_ali = Anchor("district_event", ART, 10, 40, "Nad Ali")
    assert match([nad_ali], {"district_event": [other_district]}) == [None]
    assert match([nad_ali], {"district_event": [other_district, district]}) == [district]


# Folding the history -----------------------------------------------------------------------


def numbered(*actions: Action) -> list[Action]:
    return [dataclasses.replace(a, action_id=i, created_at=f"2024-01-01T00:00:0{i}+00:00") for i, a in
            enumerate(actions, 1)]  # fmt: skip


@pytest.mark.parametrize(
    ("actions", "status", "fields", "by"),
    [
        ([act("confirm")], "confirmed", {}, "ana"),
        ([act("confirm"), act("reject", "bob", reason="chrome")], "rejected", {}, "bob"),
        (
            [
                act("correct", fields={"value": 13, "kind": "wounded"}),
                act("correct", "bob", fields={"value": 14}),
            ],
            "corrected", {"value": 14, "kind": "wounded"}, "bob",
        ),
        ([act("correct", fields={"value": 13}), act("confirm", "bob")], "confirmed", {"value": 13}, "bob"),
        ([act("add", fields={"kind": "killed"}), act("correct", fields={"value": 4})], "added",
         {"kind": "killed", "value": 4}, "ana"),
        ([act("add", fields={"kind": "killed"}), act("reject", reason="other")], "rejected",
         {"kind": "killed"}, "ana"),
        ([act("confirm"), act("reject", "bob"), act("undo", "bob", undoes=2)], "confirmed", {}, "ana"),
        ([act("correct", fields={"value": 13}), act("undo", undoes=1), act("confirm", "bob")], "confirmed",
         {}, "bob"),
        ([act("confirm"), act("undo", undoes=1)], None, None, None),
    ],
)  # fmt: skip
def test_the_history_folds_into_each_anchors_current_review(actions, status, fields, by):
    review = fold(numbered(*actions)).get(TWELVE)
    if status is None:
        assert review is None
        return
    assert (review.status, review.fields, review.reviewed_by) == (status, fields, by)
    history = numbered(*actions)
    undone = {a.undoes for a in history}
    deciding = [a for a in history if a.action != "undo" and a.action_id not in undone][-1]
    assert review.reviewed_at == deciding.created_at


def test_reviews_of_different_anchors_stay_apart():
    thirty = Anchor("figure", ART, 97, 99, "30")
    got = fold(numbered(act("confirm"), act("reject", anchor=thirty, reason="duplicate")))
    assert {a: r.status for a, r in got.items()} == {TWELVE: "confirmed", thirty: "rejected"}
    assert got[thirty].reason == "duplicate" and got[thirty].action_ids == (2,)


# The review file ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reviews") / "sitrep.duckdb"
    assert main(["ingest", str(ARTICLES), "--db", str(path), "--workers", "1"]) == 0
    return path


def run(*args: str) -> int:
    return main(["reviews", *args])


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=sheet.HEADER)
        w.writeheader()
        w.writerows(rows)


def test_export_lists_every_row_unreviewed_with_empty_corrections(db, tmp_path):
    out = tmp_path / "review.csv"
    assert run("export", str(out), "--db", str(db), "--reviews", str(tmp_path / "r.sqlite")) == 0
    rows = read(out)
    assert list(rows[0]) == list(sheet.HEADER)
    assert sorted({r["target"] for r in rows}) == ["district_event", "figure", "pressure"]
    assert {r["status"] for r in rows} == {"unreviewed"}
    assert all(r[name] == "" for r in rows for name in (*sheet.F.CORRECTABLE, "reviewer", "note"))
    twelve = next(r for r in rows if r["anchor_text"] == "12")
    assert (twelve["extracted_kind"], twelve["extracted_value"], twelve["extracted_province"]) == (
        "killed", "12", "Helmand",
    )  # fmt: skip
    district = next(r for r in rows if r["target"] == "district_event" and r["anchor_text"] == "Nad Ali")
    assert (district["extracted_status_district"], district["extracted_place"]) == ("fell", "Nad Ali")


def test_an_exported_file_filled_in_and_imported_becomes_the_review(db, tmp_path, capsys):
    reviews, out = tmp_path / "r.sqlite", tmp_path / "review.csv"
    assert run("export", str(out), "--db", str(db), "--reviews", str(reviews)) == 0
    rows = read(out)
    by_text = {r["anchor_text"]: r for r in rows}
    by_text["12"].update(status="confirmed", note="=matches the wire")
    by_text["30"].update(value="31", reviewer="bob")
    by_text["Nad Ali"].update(status="rejected", reason="wrong_place")
    by_text["Heavy fighting"].update(status="corrected", level="attacked")
    # A row found by its anchor alone, its id gone (as after a re-extraction).
    by_text["about 2,000"].update(id="", status="confirmed")
    write(out, rows)
    assert run("import", str(out), "--reviewer", "ana", "--db", str(db), "--reviews", str(reviews)) == 0
    assert "recorded 5 actions" in capsys.readouterr().out
    with open_store(reviews) as s:
        got = {a.anchor_text: a for a in history(s)}
    assert {t: (a.action, a.reviewer) for t, a in got.items()} == {
        "12": ("confirm", "ana"), "30": ("correct", "bob"), "Nad Ali": ("reject", "ana"),
        "Heavy fighting": ("correct", "ana"), "about 2,000": ("confirm", "ana"),
    }  # fmt: skip
    assert got["30"].fields == {"value": 31} and got["Heavy fighting"].fields == {"level": "attacked"}
    assert got["Nad Ali"].reason == "wrong_place" and got["12"].note == "=matches the wire"
    assert got["about 2,000"].row_id == f"{OTHER}-f6"

    # Exported again, the file shows the reviews; imported unchanged, it records nothing.
    again = tmp_path / "again.csv"
    assert run("export", str(again), "--db", str(db), "--reviews", str(reviews)) == 0
    status = {r["anchor_text"]: r["status"] for r in read(again)}
    assert (status["12"], status["30"], status["Nad Ali"], status["Dasht-e Archi"]) == (
        "confirmed", "corrected", "rejected", "unreviewed",
    )  # fmt: skip
    assert run("import", str(again), "--reviewer", "ana", "--db", str(db), "--reviews", str(reviews)) == 0
    assert "recorded 0 actions" in capsys.readouterr().out


def test_a_review_over_someone_elses_is_recorded_and_reported(db, tmp_path, capsys):
    reviews, out = tmp_path / "r.sqlite", tmp_path / "review.csv"
    run("export", str(out), "--db", str(db), "--reviews", str(reviews))
    rows = read(out)
    twelve = next(r for r in rows if r["anchor_text"] == "12")
    twelve["status"] = "confirmed"
    write(out, rows)
    assert run("import", str(out), "--reviewer", "ana", "--db", str(db), "--reviews", str(reviews)) == 0
    twelve["status"] = "rejected"
    write(out, rows)
    capsys.readouterr()
    assert run("import", str(out), "--reviewer", "bob", "--db", str(db), "--reviews", str(reviews)) == 0
    printed = capsys.readouterr().out
    assert (
        "recorded 1 actions" in printed and "was confirmed by ana" in printed and "reject by bob" in printed
    )
    with open_store(reviews) as s:
        assert [(a.action, a.reviewer) for a in history(s)] == [("confirm", "ana"), ("reject", "bob")]


def test_a_file_with_bad_rows_reports_every_line_and_records_nothing(db, tmp_path, capsys):
    reviews, out = tmp_path / "r.sqlite", tmp_path / "review.csv"
    run("export", str(out), "--db", str(db), "--reviews", str(reviews))
    rows = read(out)
    good = {**rows[0], "status": "confirmed"}
    bad = [
        ({"target": "casualty", "status": "confirmed"}, "unknown target 'casualty'"),
        ({"id": "nope", "article_id": "", "status": "confirmed"}, "id 'nope' is not a current figure"),
        ({"id": "", "char_start": "900", "char_end": "902", "status": "confirmed"}, "matches no figure"),
        ({"status": "approved"}, "unknown status 'approved'"),
        ({"kind": "injured"}, "kind 'injured' is not known"),
        ({"qualifier": "roughly"}, "qualifier 'roughly' is not known"),
        ({"unit": "households"}, "unit 'households' is not known"),
        ({"victims": "police"}, "victims 'police' is not known"),
        ({"province": "Helmund"}, "province 'Helmund' is not known"),
        ({"value": "-4"}, "value -4 is negative"),
        ({"value": "4.5"}, "value '4.5' is not a whole number"),
        ({"event_date": "2021-02-30"}, "event_date '2021-02-30' is not a date"),
        ({"status": "rejected", "reason": "dull"}, "unknown reason 'dull'"),
        ({"status": "corrected"}, "no corrected value"),
    ]
    pressure = next(r for r in rows if r["target"] == "pressure")
    lines = [good, *({**rows[0], **change} for change, _ in bad), {**pressure, "level": "sacked"}]
    write(out, lines)
    code = run("import", str(out), "--reviewer", "ana", "--db", str(db), "--reviews", str(reviews))
    err = capsys.readouterr().err
    assert code == 2
    reported = err.splitlines()
    for number, (_, message) in enumerate(bad, start=3):
        assert any(r.startswith(f"line {number}: ") and message in r for r in reported), (number, message)
    assert f"line {len(lines) + 1}: level 'sacked' is not known" in err
    assert not any(r.startswith("line 2:") for r in reported)
    assert "those rows were not recorded" in err
    with open_store(reviews) as s:
        (recorded,) = history(s)  # the one good row, and nothing of the bad ones
    assert (recorded.action, recorded.row_id, recorded.reviewer) == ("confirm", good["id"], "ana")
    # Fixed and imported again, the file records only what it did not record before.
    write(out, [good, {**rows[0], "kind": "wounded"}])
    assert run("import", str(out), "--reviewer", "ana", "--db", str(db), "--reviews", str(reviews)) == 0
    with open_store(reviews) as s:
        assert [a.action for a in history(s)] == ["confirm", "correct"]


def test_a_row_without_a_reviewer_is_refused(db, tmp_path, capsys):
    reviews, out = tmp_path / "r.sqlite", tmp_path / "review.csv"
    run("export", str(out), "--db", str(db), "--reviews", str(reviews))
    rows = read(out)
    rows[0]["status"] = "confirmed"
    write(out, rows)
    assert run("import", str(out), "--db", str(db), "--reviews", str(reviews)) == 2
    assert "line 2: no reviewer" in capsys.readouterr().err


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx", "plain", "'quoted"])
def test_cells_are_safe_in_a_spreadsheet_and_read_back_as_written(tmp_path, cell):
    path = tmp_path / "f.csv"
    sheet.write_sheet(path, [{**dict.fromkeys(sheet.HEADER, ""), "note": cell, "target": "figure"}])
    written = read(path)[0]["note"]
    assert written == (f"'{cell}" if cell[0] in "=+-@\t\r" else cell)
    assert sheet._uncell(written) == cell.strip()


def test_a_correction_keeps_the_values_it_replaces(store):
    record(store, act("correct", fields={"value": 45}, before={"value": 40}))
    (kept,) = history(store)
    assert (kept.fields, kept.before, kept.reviewer) == ({"value": 45}, {"value": 40}, "ana")
    assert kept.created_at


def test_a_history_kept_before_values_were_recorded_opens_and_reads(tmp_path):
    """A file from before the ``before`` column: it is added, and old actions read with none."""
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.execute(
            "CREATE TABLE actions (action_id INTEGER PRIMARY KEY, target TEXT NOT NULL, action TEXT NOT NULL,"
            " article_id TEXT NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,"
            " anchor_text TEXT NOT NULL, row_id TEXT, fields TEXT, reason TEXT, note TEXT,"
            " reviewer TEXT NOT NULL, created_at TEXT NOT NULL, undoes INTEGER)"
        )
        con.execute(
            "INSERT INTO actions (target, action, article_id, char_start, char_end, anchor_text, reviewer,"
            " created_at) VALUES ('figure', 'confirm', ?, 10, 12, '12', 'ana', '2026-01-01T00:00:00+00:00')",
            (TWELVE.article_id,),
        )
    with open_store(path) as s:
        record(s, act("correct", fields={"value": 13}, before={"value": 12}))
        old, new = history(s)
    assert (old.action, old.before) == ("confirm", {})
    assert new.before == {"value": 12}
