"""The review file: one CSV row per figure, pressure mention and district event, for analysts.

Export writes the rows of the database with their current review; the correction columns are
left empty (empty means unchanged) and the ``extracted_`` columns show what the database holds.
Import reads the file back: every row is checked first and nothing is recorded unless every row
is good; then each row with a status or a correction becomes one action, all in one transaction.
A row whose status and corrections are already its current review is skipped, so importing an
exported file unchanged records nothing.

``export_rows`` and ``plan_import`` are pure; ``read_rows``, ``write_sheet`` and ``read_sheet``
are the edges (the database, the file).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb

from pipeline import vocab
from pipeline.errors import ReviewError
from pipeline.review import fields as F
from pipeline.review.anchor import Anchor, anchor_of, match
from pipeline.review.state import Review
from pipeline.review.store import Action, validate

ANCHOR = ("article_id", "char_start", "char_end", "anchor_text")
HEADER = (
    "target", "id", *ANCHOR, "status", "reason", *F.CORRECTABLE, "reviewer", "note",
    *(f"extracted_{name}" for name in F.CORRECTABLE), "extracted_sentence",
)  # fmt: skip
UNREVIEWED = "unreviewed"
# What the status column may say, and the action it asks for (None: nothing).
STATUS_ACTIONS = {
    "": None, UNREVIEWED: None,
    "confirmed": "confirm", "confirm": "confirm",
    "corrected": "correct", "correct": "correct",
    "rejected": "reject", "reject": "reject",
}  # fmt: skip
# Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV Injection").
FORMULA_START = re.compile(r"[=+\-@\t\r]")

Rows = Mapping[str, Sequence[Mapping[str, object]]]  # target -> rows of its public view


@dataclasses.dataclass
class ImportPlan:
    actions: list[Action]
    problems: list[str]  # "line N: ...", every one found
    conflicts: list[str]  # rows already reviewed by someone else ("line N: ...")
    skipped: int  # rows with nothing to do


def current_reviews(rows: Rows, reviews: Mapping[Anchor, Review]) -> dict[tuple[str, str], Review]:
    """(target, row id) -> the row's current review: the latest of the reviews that point at it."""
    anchors = list(reviews)
    out: dict[tuple[str, str], Review] = {}
    for anchor, row in zip(anchors, match(anchors, rows), strict=True):
        if row is None:
            continue
        key = (anchor.target, str(row[F.ID_COLUMNS[anchor.target]]))
        review = reviews[anchor]
        if key not in out or _order(review) > _order(out[key]):
            out[key] = review
    return out


def export_rows(rows: Rows, reviews: Mapping[Anchor, Review]) -> list[dict[str, str]]:
    """The review file's rows: targets in order, each by article and position."""
    reviewed = current_reviews(rows, reviews)
    out = []
    for target in vocab.REVIEW_TARGETS:
        columns = F.VIEW_COLUMNS[target]
        for row in sorted(rows.get(target, ()), key=_position):
            anchor = anchor_of(row, target)
            row_id = str(row[F.ID_COLUMNS[target]])
            review = reviewed.get((target, row_id))
            line = dict.fromkeys(HEADER, "")
            line.update(
                target=target,
                id=row_id,
                article_id=anchor.article_id,
                char_start=str(anchor.char_start),
                char_end=str(anchor.char_end),
                anchor_text=anchor.text,
                status=review.status if review else UNREVIEWED,
                extracted_sentence=_cell(row.get("sentence")),
            )
            for name, column in columns.items():
                line[f"extracted_{name}"] = _cell(row.get(column))
            out.append(line)
    return out


def plan_import(
    lines: Sequence[tuple[int, Mapping[str, str]]],
    rows: Rows,
    reviews: Mapping[Anchor, Review],
    reviewer: str | None,
) -> ImportPlan:
    """The actions the valid rows of a review file ask for, and every problem of the others
    (each row is one action or none: nothing of a bad row is recorded)."""
    by_id = {
        target: {str(r[F.ID_COLUMNS[target]]): r for r in target_rows} for target, target_rows in rows.items()
    }
    reviewed = current_reviews(rows, reviews)
    plan = ImportPlan([], [], [], 0)
    for number, cells in lines:
        problems: list[str] = []
        action = _row_action(cells, rows, by_id, reviewed, reviewer, problems, plan)
        plan.problems += [f"line {number}: {p}" for p in problems]
        if action is None:
            continue
        review = reviewed.get((action.target, action.row_id or ""))
        if review is not None and review.reviewed_by != action.reviewer:
            plan.conflicts.append(
                f"line {number}: {action.target} {action.row_id} was {review.status} by "
                f"{review.reviewed_by} ({review.reviewed_at}); now {action.action} by {action.reviewer}"
            )
        plan.actions.append(action)
    return plan


def _row_action(
    cells: Mapping[str, str],
    rows: Rows,
    by_id: Mapping[str, Mapping[str, Mapping[str, object]]],
    reviewed: Mapping[tuple[str, str], Review],
    reviewer: str | None,
    problems: list[str],
    plan: ImportPlan,
) -> Action | None:
    """One row's action; None when it has nothing to do (counted) or a problem (appended)."""
    get = {name: _uncell(cells.get(name)) for name in HEADER}
    status = get["status"].lower()
    given = {name: get[name] for name in F.CORRECTABLE if get[name]}
    if STATUS_ACTIONS.get(status, "?") is None and not given and not get["reason"]:
        plan.skipped += 1
        return None
    target = get["target"]
    if target not in vocab.REVIEW_TARGETS:
        problems.append(f"unknown target {target!r}: use one of {', '.join(vocab.REVIEW_TARGETS)}")
        return None
    if status not in STATUS_ACTIONS:
        problems.append(f"unknown status {status!r}: use confirmed, corrected, rejected or leave it empty")
    row = _find_row(target, get, rows, by_id, problems)
    corrections = {}
    for name, cell in given.items():
        try:
            corrections[name] = F.parse(target, name, cell)
        except ReviewError as err:
            problems.append(str(err))
    if not problems:
        try:
            F.check_all(target, corrections)
        except ReviewError as err:
            problems.append(str(err))
    name = get["reviewer"] or (reviewer or "").strip()
    if not name:
        problems.append("no reviewer: fill the reviewer column or give --reviewer")
    verb = STATUS_ACTIONS.get(status) or ("correct" if corrections or given else None)
    if verb is None and get["reason"]:
        verb = "reject"  # a reason alone says rejected
    if verb in ("confirm", "reject") and given:
        problems.append(f"a {status} row takes no corrections: set status corrected, or empty the cells")
    if problems or row is None:
        return None
    row_id = str(row[F.ID_COLUMNS[target]])
    review = reviewed.get((target, row_id))
    if verb == "correct" and not corrections:
        if review is not None and review.status == "corrected":
            plan.skipped += 1
            return None
        problems.append("status corrected but no corrected value: fill the cells you correct")
        return None
    if _already(verb, corrections, get["reason"] or None, review):
        plan.skipped += 1
        return None
    action = Action.at(
        anchor_of(row, target),
        verb,
        name,
        row_id=row_id,
        fields=corrections,
        before={name: row.get(F.VIEW_COLUMNS[target][name]) for name in corrections},
        reason=get["reason"] or None,
        note=get["note"] or None,
    )
    try:
        validate(action)
    except ReviewError as err:
        problems.append(str(err))
        return None
    return action


def _find_row(
    target: str,
    get: Mapping[str, str],
    rows: Rows,
    by_id: Mapping[str, Mapping[str, Mapping[str, object]]],
    problems: list[str],
) -> Mapping[str, object] | None:
    """The current row a line names: by its id, else by its anchor columns."""
    row = by_id.get(target, {}).get(get["id"]) if get["id"] else None
    if row is not None:
        return row
    if not all(get[c] for c in ANCHOR):
        what = f"id {get['id']!r} is not a current {target}" if get["id"] else "no id"
        problems.append(f"{what} and the anchor columns ({', '.join(ANCHOR)}) are not all filled")
        return None
    try:
        start, end = int(get["char_start"]), int(get["char_end"])
    except ValueError:
        problems.append(f"char_start {get['char_start']!r} and char_end {get['char_end']!r} are not numbers")
        return None
    anchor = Anchor(target, get["article_id"], start, end, get["anchor_text"])
    found = match([anchor], rows)[0]
    if found is None:
        problems.append(
            f"the anchor {anchor.text!r} at {anchor.char_start}-{anchor.char_end} of article "
            f"{anchor.article_id} matches no {target} of the database"
        )
    return found


def _already(verb: str, corrections: Mapping[str, object], reason: str | None, review: Review | None) -> bool:
    """Whether the row's current review already says what the line asks for."""
    if review is None:
        return False
    if verb == "confirm":
        return review.status == "confirmed"
    if verb == "reject":
        return review.status == "rejected" and reason in (None, review.reason)
    return all(review.fields.get(k) == v for k, v in corrections.items())


def _position(row: Mapping[str, object]) -> tuple:
    return row["article_id"], row["char_start"], row["char_end"]


def _order(review: Review) -> tuple[str, int]:
    return review.reviewed_at, max(review.action_ids, default=0)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, with a leading ``'`` so it stays text."""
    return f"'{cell}" if FORMULA_START.match(cell) else cell


def _uncell(cell: str | None) -> str:
    """A cell as written before ``neutralise``, stripped of surrounding spaces."""
    cell = cell or ""
    if cell.startswith("'") and FORMULA_START.match(cell[1:]):
        cell = cell[1:]
    return cell.strip()


# Edges: the database and the file ---------------------------------------------------------


def read_rows(db: Path) -> dict[str, list[dict[str, object]]]:
    """Every row of the figures, pressure and district_events views, by target."""
    if not Path(db).exists():
        raise ReviewError(f"no database at {db}: run python -m pipeline ingest first, or give --db")
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for target, view in F.VIEWS.items():
            cursor = con.execute(f"SELECT * FROM {view}")  # noqa: S608 (a constant view name)
            names = [d[0] for d in cursor.description]
            out[target] = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    return out


def write_sheet(path: Path, lines: Sequence[Mapping[str, str]]) -> None:
    """Write the review file, every cell neutralised against spreadsheet formulas."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in line.items()} for line in lines)


def read_sheet(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The review file's rows with the line each starts on (the header is line 1)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("target", "status") if c not in (reader.fieldnames or [])]
            if missing:
                columns = ", ".join(missing)
                raise ReviewError(f"{path}: line 1: no {columns} column (export a file to fill in)")
            out, start = [], reader.line_num + 1
            for cells in reader:
                out.append((start, {k: v for k, v in cells.items() if isinstance(k, str)}))
                start = reader.line_num + 1
            return out
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise ReviewError(f"cannot read {path}: {err}") from err
