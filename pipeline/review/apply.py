"""Reviews applied to the extracted figures: what the batch step counts, and what it keeps apart.

Pure functions over plain rows and frames; the batch step reads the history (``store.py``) and
the rows, and writes what these return. A review finds its row by its anchor (``anchor.py``),
so it outlives ids that a rule change renews. A rejected figure is not counted; a corrected one
counts with its corrected values, before events are grouped, so an event is made of what the
analysts say. The extracted values stay in the figures table; the public view shows the
reviewed ones beside them (``original_*``). A review whose words are gone from every row is an
orphan: listed, kept, never dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import polars as pl

from pipeline.review.anchor import Anchor, match
from pipeline.review.fields import ID_COLUMNS, VIEW_COLUMNS
from pipeline.review.state import Review
from pipeline.store.schema import frame


@dataclasses.dataclass(frozen=True)
class Applied:
    """Reviews matched to today's rows, and those that matched none."""

    rows: dict[tuple[str, str], Review]  # (target, row id) -> its review
    orphans: list[Review]
    seen: int = 0  # the newest action of the history they were folded from


def attach(reviews: Mapping[Anchor, Review], rows: Mapping[str, Sequence[Mapping[str, object]]]) -> Applied:
    """Each review's row today, by its anchor; reviews whose words no row holds are orphans.

    ``rows`` holds, per target, rows with the anchor columns (``article_id``, ``char_start``,
    ``char_end`` and the words) and the id column. Two reviews that land on one row: the one
    taken last wins (the other stays in the history).
    """
    found = match(list(reviews), rows)
    attached: dict[tuple[str, str], Review] = {}
    orphans: list[Review] = []
    for review, row in zip(reviews.values(), found, strict=True):
        target = review.anchor.target
        if row is None:
            orphans.append(review)
            continue
        key = (target, str(row[ID_COLUMNS[target]]))
        if key not in attached or attached[key].reviewed_at <= review.reviewed_at:
            attached[key] = review
    return Applied(attached, orphans)


def review_frame(applied: Applied) -> pl.DataFrame:
    """``raw_reviews``: one row per reviewed row, with its status and its corrected values."""
    out = []
    for (target, row_id), review in applied.rows.items():
        columns = VIEW_COLUMNS[target]
        corrected = {columns[name]: value for name, value in review.fields.items() if name in columns}
        out.append(
            {
                "target": target,
                "row_id": row_id,
                "review_status": review.status,
                "reviewed_by": review.reviewed_by,
                "reviewed_at": _when(review.reviewed_at),
                "reason": review.reason,
                "note": review.note,
                **{_column(target, c): _typed(c, v) for c, v in corrected.items()},
            }
        )
    return frame("raw_reviews", out)


def orphan_frame(applied: Applied) -> pl.DataFrame:
    """``raw_review_orphans``: reviews no row holds any more, with their anchor, kept on record."""
    return frame(
        "raw_review_orphans",
        [
            {
                "target": r.anchor.target,
                "article_id": r.anchor.article_id,
                "char_start": r.anchor.char_start,
                "char_end": r.anchor.char_end,
                "anchor_text": r.anchor.text,
                "review_status": r.status,
                "reviewed_by": r.reviewed_by,
                "reviewed_at": _when(r.reviewed_at),
                "row_id": r.row_id,
            }
            for r in applied.orphans
        ],
    )


# Corrected columns of raw_reviews per target where they differ from the view's name.
RENAMED = {("pressure", "capital"): "capital", ("district_event", "district"): "district"}


def _column(target: str, column: str) -> str:
    return RENAMED.get((target, column), column)


def _typed(column: str, value: object) -> object:
    if column == "event_date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _when(text: str) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)


def _corrected(rows: pl.DataFrame, reviews: pl.DataFrame, target: str) -> pl.DataFrame | None:
    """``rows`` with their corrected values in place (a corrected date is known to the day) and
    a ``review_status`` column; None when no review is of this target."""
    mine = reviews.filter(pl.col("target") == target)
    if mine.is_empty():
        return None
    fields = [c for c in VIEW_COLUMNS[target].values() if c in rows.columns]
    corrected = [pl.col(_column(target, c)).alias(f"_r_{c}") for c in fields]
    joined = rows.join(
        mine.select("row_id", "review_status", *corrected),
        left_on=ID_COLUMNS[target],
        right_on="row_id",
        how="left",
    )
    dated = []
    if "event_date" in fields and "date_precision" in rows.columns:
        redated = pl.col("_r_event_date").is_not_null()
        dated.append(
            pl.when(redated).then(pl.lit("day")).otherwise(pl.col("date_precision")).alias("date_precision")
        )
    return joined.with_columns(*[pl.coalesce(pl.col(f"_r_{c}"), pl.col(c)).alias(c) for c in fields], *dated)


def reviewed_figures(figures: pl.DataFrame, reviews: pl.DataFrame, household_size: float) -> pl.DataFrame:
    """The figures as the analysts left them, for grouping: rejected ones not counted, corrected
    values in place of the extracted ones (``people_estimate`` recomputed)."""
    replaced = _corrected(figures, reviews, "figure")
    if replaced is None:
        return figures
    status = pl.col("review_status").fill_null("")
    floor = pl.coalesce(pl.col("value"), pl.col("value_low"), pl.lit(0))
    scale = pl.when(pl.col("unit") == "families").then(pl.lit(household_size)).otherwise(pl.lit(1.0))
    replaced = replaced.with_columns(
        (pl.col("counted") & (status != "rejected")).alias("counted"),
        pl.when(status == "corrected")
        .then((floor * scale).round(0).cast(pl.Int64))
        .otherwise(pl.col("people_estimate"))
        .alias("people_estimate"),
    )
    return replaced.select(figures.columns)


def reviewed_rows(rows: pl.DataFrame, reviews: pl.DataFrame, target: str) -> pl.DataFrame:
    """Pressure mentions or district events as the analysts left them, for what is built from
    them (pressure episodes): rejected rows out, corrected values in place."""
    replaced = _corrected(rows, reviews, target)
    if replaced is None:
        return rows
    return replaced.filter(pl.col("review_status").fill_null("") != "rejected").select(rows.columns)


def live_frame(
    stored: pl.DataFrame,
    reviews: Mapping[Anchor, Review],
    seen: int,
    extracted: Mapping[str, tuple[int | None, int | None, str]],
    household_size: float,
) -> pl.DataFrame:
    """``raw_reviews`` as it stands now: the database's (applied by its last ingest) with the
    reviews taken since (newer than action ``seen``) laid over it, each on the row it was taken
    on (the database has not changed since). ``extracted`` gives a figure's extracted value,
    floor and unit, for the people a correction counts. Events follow at the next ingest."""
    newer = {
        (r.anchor.target, r.row_id): r
        for r in reviews.values()
        if r.row_id and r.action_ids and max(r.action_ids) > seen
    }
    if not newer:
        return stored
    fresh = review_frame(Applied(newer, []))
    people = []
    for row in fresh.iter_rows(named=True):
        value, low, unit = extracted.get(row["row_id"], (None, None, "people"))
        floor = row["value"] if row["value"] is not None else (value if value is not None else low) or 0
        scale = household_size if (row["unit"] or unit) == "families" else 1.0
        corrected = row["target"] == "figure" and row["review_status"] == "corrected"
        people.append(round(floor * scale) if corrected else None)
    fresh = fresh.with_columns(pl.Series("people_estimate", people, dtype=pl.Int64))
    kept = stored.join(fresh.select("target", "row_id"), on=["target", "row_id"], how="anti")
    return pl.concat([kept, fresh.select(stored.columns)])
