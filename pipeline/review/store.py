"""The review history: every action an analyst takes, appended to a SQLite file and never changed.

The history is the record; the current review of a row is folded from it (``state.py``). The
file sits beside the database (``data/reviews.sqlite``, setting ``reviews``) because the
database is rebuilt by every ingest and reviews must outlive it. Each action records who took
it, when, the values it sets and the values they replace. Writes use one transaction per
call in WAL mode with ``synchronous=FULL``, so a committed action survives a crash, and a busy
timeout, so analysts saving at the same moment wait their turn instead of failing. Triggers
refuse any UPDATE or DELETE: an undo is a new action that points at the one it undoes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from pipeline import vocab
from pipeline.errors import ReviewError
from pipeline.review.anchor import Anchor
from pipeline.review.fields import check_all

BUSY_TIMEOUT_MS = 30_000


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS actions (
        action_id   INTEGER PRIMARY KEY,
        target      TEXT NOT NULL CHECK (target IN ({_quoted(vocab.REVIEW_TARGETS)})),
        action      TEXT NOT NULL CHECK (action IN ({_quoted(vocab.REVIEW_ACTIONS)})),
        article_id  TEXT NOT NULL,   -- the article's content hash, as in the database
        char_start  INTEGER NOT NULL CHECK (char_start >= 0),
        char_end    INTEGER NOT NULL CHECK (char_end > char_start),
        anchor_text TEXT NOT NULL,   -- the number as written, the trigger, or the district
        row_id      TEXT,            -- the row's id when the action was taken (informative only)
        fields      TEXT CHECK (fields IS NULL OR json_valid(fields)),
        before      TEXT CHECK (before IS NULL OR json_valid(before)), -- those fields as the row showed them
        reason      TEXT CHECK (reason IN ({_quoted(vocab.REJECT_REASONS)})),
        note        TEXT,
        reviewer    TEXT NOT NULL,
        created_at  TEXT NOT NULL,   -- UTC, ISO 8601
        undoes      INTEGER REFERENCES actions (action_id)
    )""",
    """CREATE TRIGGER IF NOT EXISTS actions_are_never_updated BEFORE UPDATE ON actions
    BEGIN SELECT RAISE(ABORT, 'the review history is append-only: record a new action'); END""",
    """CREATE TRIGGER IF NOT EXISTS actions_are_never_deleted BEFORE DELETE ON actions
    BEGIN SELECT RAISE(ABORT, 'the review history is append-only: record an undo'); END""",
)
COLUMNS = (
    "action_id", "target", "action", "article_id", "char_start", "char_end", "anchor_text", "row_id",
    "fields", "before", "reason", "note", "reviewer", "created_at", "undoes",
)  # fmt: skip
_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")


@dataclasses.dataclass(frozen=True)
class Action:
    """One thing an analyst did to one anchored row."""

    target: str
    action: str
    article_id: str
    char_start: int
    char_end: int
    anchor_text: str
    reviewer: str
    row_id: str | None = None
    fields: dict[str, object] = dataclasses.field(default_factory=dict)
    before: dict[str, object] = dataclasses.field(default_factory=dict)  # the fields' values until then
    reason: str | None = None
    note: str | None = None
    undoes: int | None = None
    created_at: str | None = None  # set when recorded
    action_id: int | None = None  # set when recorded

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.target, self.article_id, self.char_start, self.char_end, self.anchor_text)

    @classmethod
    def at(cls, anchor: Anchor, action: str, reviewer: str, **rest: object) -> Action:
        """An action on the words ``anchor`` points at."""
        return cls(
            anchor.target, action, anchor.article_id, anchor.char_start, anchor.char_end, anchor.text,
            reviewer, **rest,
        )  # fmt: skip


@dataclasses.dataclass
class ReviewStore:
    """An open review history; close it (or use it in a ``with``) when done."""

    path: Path
    connection: sqlite3.Connection

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_store(path: Path | str) -> ReviewStore:
    """Open the history at ``path``, creating the file and its table when missing."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as err:
        raise ReviewError(f"cannot open the review history {path}: {err} (give another --reviews)") from err
    try:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
        with _transaction(con):
            for statement in SCHEMA:
                con.execute(statement)
            have = {row[1] for row in con.execute("PRAGMA table_info(actions)")}
            if "before" not in have:  # a history kept before actions recorded the values they replaced
                con.execute(
                    "ALTER TABLE actions ADD COLUMN before TEXT CHECK (before IS NULL OR json_valid(before))"
                )
    except sqlite3.Error as err:
        con.close()
        raise ReviewError(f"cannot use the review history {path}: {err}") from err
    return ReviewStore(path, con)


def record(store: ReviewStore, action: Action) -> int:
    """Append one action in its own transaction; returns its ``action_id``."""
    return record_all(store, [action])[0]


def record_all(store: ReviewStore, actions: Sequence[Action]) -> list[int]:
    """Append several actions in one transaction: all of them are written, or none."""
    for action in actions:
        validate(action)
    now = _now()
    with _transaction(store.connection) as con:
        return [_insert(con, action, now) for action in actions]


def history(store: ReviewStore) -> list[Action]:
    """Every action ever recorded, oldest first."""
    cursor = store.connection.execute(f"SELECT {', '.join(COLUMNS)} FROM actions ORDER BY action_id")  # noqa: S608
    return [_action(row) for row in cursor.fetchall()]


def newest_action(store: ReviewStore) -> int:
    """The id of the newest action (0 for an empty history): what a run has seen."""
    row = store.connection.execute("SELECT max(action_id) FROM actions").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def undo_last(store: ReviewStore, reviewer: str) -> Action | None:
    """Undo ``reviewer``'s latest action not yet undone, by appending an undo; None if there is none."""
    reviewer = reviewer.strip()
    with _transaction(store.connection) as con:
        row = con.execute(
            f"SELECT {', '.join(COLUMNS)} FROM actions AS a"  # noqa: S608
            " WHERE reviewer = ? AND action != 'undo'"
            " AND NOT EXISTS (SELECT 1 FROM actions AS u WHERE u.undoes = a.action_id)"
            " ORDER BY action_id DESC LIMIT 1",
            (reviewer,),
        ).fetchone()
        if row is None:
            return None
        last = _action(row)
        undo = Action.at(last.anchor, "undo", reviewer, row_id=last.row_id, undoes=last.action_id)
        validate(undo)
        now = _now()
        action_id = _insert(con, undo, now)
    return dataclasses.replace(undo, action_id=action_id, created_at=now)


def validate(action: Action) -> None:
    """Raise ``ReviewError`` naming the first value of ``action`` the history cannot take."""
    a = action
    if a.target not in vocab.REVIEW_TARGETS:
        raise ReviewError(f"unknown target {a.target!r}: use one of {', '.join(vocab.REVIEW_TARGETS)}")
    if a.action not in vocab.REVIEW_ACTIONS:
        raise ReviewError(f"unknown action {a.action!r}: use one of {', '.join(vocab.REVIEW_ACTIONS)}")
    if not isinstance(a.article_id, str) or not _ARTICLE_ID.fullmatch(a.article_id):
        raise ReviewError(f"article_id {a.article_id!r} is not 16 lower-case hex digits")
    if not all(isinstance(c, int) and not isinstance(c, bool) for c in (a.char_start, a.char_end)):
        raise ReviewError(f"char_start and char_end must be whole numbers ({a.char_start!r}, {a.char_end!r})")
    if a.char_start < 0 or a.char_end <= a.char_start:
        raise ReviewError(f"span {a.char_start}-{a.char_end} is not a span of text (0 <= start < end)")
    if not a.anchor_text or not a.anchor_text.strip():
        raise ReviewError("anchor_text is empty: give the words of the number, the trigger or the district")
    if not a.reviewer or not a.reviewer.strip():
        raise ReviewError("no reviewer: every action says who took it")
    if a.reason is not None and a.action != "reject":
        raise ReviewError(f"a reason is given only with reject, not with {a.action}")
    if a.reason is not None and a.reason not in vocab.REJECT_REASONS:
        raise ReviewError(f"unknown reason {a.reason!r}: use one of {', '.join(vocab.REJECT_REASONS)}")
    if a.action in ("correct", "add") and not a.fields:
        raise ReviewError(f"{a.action} needs at least one field")
    if a.action not in ("correct", "add") and a.fields:
        raise ReviewError(f"{a.action} takes no fields: use correct to change values")
    if a.action == "add" and a.target != "figure":
        raise ReviewError(f"only figures can be added, not a {a.target}")
    if a.action == "add" and ("kind" not in a.fields or not {"value", "value_low"} & a.fields.keys()):
        raise ReviewError("an added figure needs its kind and its value (or value_low)")
    check_all(a.target, a.fields)
    if (a.action == "undo") != (a.undoes is not None):
        raise ReviewError("an undo, and only an undo, names the action it undoes")


def _insert(con: sqlite3.Connection, action: Action, now: str) -> int:
    if action.undoes is not None:
        _check_undoable(con, action)
    cursor = con.execute(
        f"INSERT INTO actions ({', '.join(COLUMNS[1:])}) VALUES ({', '.join('?' * (len(COLUMNS) - 1))})",  # noqa: S608
        (
            action.target, action.action, action.article_id, action.char_start, action.char_end,
            action.anchor_text, action.row_id,
            json.dumps(action.fields, sort_keys=True) if action.fields else None,
            json.dumps(action.before, sort_keys=True, default=str) if action.before else None,
            action.reason, action.note or None, action.reviewer.strip(), action.created_at or now,
            action.undoes,
        ),
    )  # fmt: skip
    return int(cursor.lastrowid)


def _check_undoable(con: sqlite3.Connection, undo: Action) -> None:
    row = con.execute(
        "SELECT target, article_id, char_start, char_end, anchor_text, action,"
        " EXISTS (SELECT 1 FROM actions AS u WHERE u.undoes = a.action_id)"
        " FROM actions AS a WHERE action_id = ?",
        (undo.undoes,),
    ).fetchone()
    if row is None:
        raise ReviewError(f"action {undo.undoes} does not exist: nothing to undo")
    if row[5] == "undo" or row[6]:
        raise ReviewError(f"action {undo.undoes} is an undo or is undone already")
    if tuple(row[:5]) != dataclasses.astuple(undo.anchor):
        raise ReviewError(f"an undo of action {undo.undoes} must carry that action's anchor")


def _action(row: tuple) -> Action:
    values = dict(zip(COLUMNS, row, strict=True))
    values["fields"] = json.loads(values["fields"]) if values["fields"] else {}
    values["before"] = json.loads(values["before"]) if values["before"] else {}
    return Action(**values)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error: the write lock is taken at once."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, kind: type | None, *_: object) -> None:
        self.con.execute("COMMIT" if kind is None else "ROLLBACK")
