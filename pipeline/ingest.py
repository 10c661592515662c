"""The batch step, top-down: read → plan → extract → group → store.

Ingest adds to what the database already holds: articles already loaded with the same
text, metadata and extractor are counted as unchanged and keep their rows; articles
from earlier runs that are not among this run's inputs are kept too. A change to the
extraction rules, the gazetteer or the household size re-extracts every stored article
from its text (``extract/fingerprint.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polars as pl

from pipeline import plan as planning
from pipeline import review
from pipeline.errors import IngestError
from pipeline.extract import lexicon
from pipeline.extract.batch import CITATIONS, extract_articles
from pipeline.extract.fingerprint import extractor_version
from pipeline.group.episodes import pressure_episodes
from pipeline.group.events import group_figures
from pipeline.read.files import Reject, read_inputs
from pipeline.settings import Settings
from pipeline.store import lock, reader, writer
from pipeline.store.schema import frame, without_evidence

__all__ = ["IngestError", "Summary", "ingest"]


@dataclasses.dataclass
class Summary:
    n_read: int = 0
    n_loaded: int = 0
    n_unchanged: int = 0
    rejects: list[Reject] = dataclasses.field(default_factory=list)
    notices: list[str] = dataclasses.field(default_factory=list)
    figures_by_kind: Counter = dataclasses.field(default_factory=Counter)
    n_pressure: int = 0
    n_district_events: int = 0
    n_articles_total: int = 0
    n_inputs: int = 0  # records and files seen: always loaded + unchanged + rejected
    n_reviewed: int = 0  # rows an analyst's review applies to
    orphans: list[str] = dataclasses.field(default_factory=list)  # reviews no row holds any more
    seconds: float = 0.0

    def report(self) -> str:
        """The run summary printed at the end of an ingest."""
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.figures_by_kind.items())) or "none"
        lines = [
            f"inputs {self.n_inputs}: loaded {self.n_loaded}, unchanged {self.n_unchanged}, "
            f"rejected {len(self.rejects)} ({self.n_read} articles read)",
            f"figures extracted this run: {kinds}; capital-pressure mentions {self.n_pressure}; "
            f"district events {self.n_district_events}",
            f"database now holds {self.n_articles_total} articles; took {self.seconds:.2f} s",
        ]
        if self.n_reviewed or self.orphans:
            lines.append(
                f"reviews applied to {self.n_reviewed} row(s); {len(self.orphans)} review(s) "
                "match no row any more (kept, listed in the review_orphans view)"
            )
        lines += [f"  review without a row: {o}" for o in self.orphans]
        lines += [
            f"  rejected {r.path}{f'#{r.line}' if r.line else ''}: {r.reason} ({r.detail})"
            for r in self.rejects
        ]
        lines += [f"  note: {n}" for n in self.notices]
        return "\n".join(lines)


def ingest(paths: list[Path], settings: Settings, db: Path, rebuild: bool = False) -> Summary:
    """Read ``paths``, extract, group, and atomically replace ``db`` with the merged result."""
    with lock.writing(db):
        return _run(paths, settings, db, rebuild)


def _run(paths: list[Path], settings: Settings, db: Path, rebuild: bool) -> Summary:
    started = time.perf_counter()
    summary = Summary()

    # 1. Read: every input becomes an article or a reject.
    result = read_inputs(paths, max_bytes=int(settings.max_file_mb * 1e6))
    summary.notices += result.notices
    if not result.articles and not result.rejects:
        raise IngestError(
            f"no inputs found in {', '.join(map(str, paths))}: give a folder or .txt/.jsonl/.csv files"
        )

    # 2. Plan: what is new, changed, unchanged, or stale since the database was written.
    state = {} if rebuild else reader.read_state(db)
    # A database an older sitrep wrote lacks columns: none of its rows can be copied as they are,
    # so every stored article is extracted again from its stored text, into a new file.
    outdated = reader.missing_columns(db) if state else []
    if outdated:
        summary.notices.append(
            f"the database was written by an older sitrep (it lacks {', '.join(outdated[:3])}"
            f"{', …' if len(outdated) > 3 else ''}): every stored article is read again"
        )
    version = extractor_version(settings.household_size)
    plan = planning.make(result, state, version, summary.notices, redo=bool(outdated))
    summary.n_read = len(result.articles)
    summary.n_inputs = len(result.articles) + len(result.rejects)
    summary.rejects = plan.rejects
    summary.n_unchanged = len(plan.unchanged)
    summary.n_loaded = len(plan.articles) - len(plan.unchanged)
    summary.n_articles_total = len(set(plan.stored["article_id"]) | plan.articles.keys())
    seen = {r.path for r in plan.rejects} | {raw.file.split("#")[0] for raw in result.articles}
    rejects = _merge_rejects(state.get("raw_rejects"), plan.rejects, seen)
    if (
        state
        and not plan.redone
        and rejects.equals(state["raw_rejects"])
        and not _reviewed_since(state, settings)
        and not outdated
    ):
        summary.notices.append("nothing changed: the database was left as it was")
        summary.seconds = time.perf_counter() - started
        return summary

    # 3. Extract the new and changed articles, and the stale ones from their stored text.
    lexicon.load()  # a malformed rule table stops the run here, before anything is written
    stale = planning.stale_articles(db, plan)
    to_write = [*(plan.articles[a] for a in sorted(plan.changed)), *stale]
    extracted = extract_articles(
        to_write, settings.household_size, settings.workers, _progress_printer(len(to_write))
    )
    # What the pages say of themselves, read with their extraction, where no metadata said it.
    cited = {row["article_id"]: row for row in extracted.pop(CITATIONS)}
    to_write = [planning.read_from_text(a, cited.get(a["article_id"])) for a in to_write]
    plan.articles.update({a["article_id"]: a for a in to_write if a["article_id"] in plan.articles})
    summary.figures_by_kind.update(r["kind"] for r in extracted["raw_figures"])
    summary.n_pressure = len(extracted["raw_pressure"])
    summary.n_district_events = len(extracted["raw_district_events"])
    new = {table: frame(table, rows) for table, rows in extracted.items()}

    # 4. Group: events and episodes span articles, so they are made anew over all the database will hold.
    kept = set(plan.stored["article_id"]) - plan.redone
    new["raw_figures"] = new["raw_figures"].with_columns(pl.col("added").fill_null(False))
    figures, pressure = (
        pl.concat(
            [
                _extracted(reader.read_rows(db, table, columns, kept))
                if state
                else frame(table).select(columns),
                new[table].select(columns),
            ]
        )
        for table, columns in ((t, without_evidence(t)) for t in ("raw_figures", "raw_pressure"))
    )
    articles = frame("raw_articles", to_write).drop("text")
    published = pl.concat(
        [
            plan.stored.filter(~pl.col("article_id").is_in([*plan.redone, *plan.articles])),
            frame("raw_articles", list(plan.articles.values())).drop("text"),
            articles.filter(pl.col("article_id").is_in(list(plan.stale))),
        ]
    ).select("article_id", "published")
    # Reviews: found again by their anchors, applied before grouping so events count what the
    # analysts say (pipeline/review/apply.py).
    applied = _reviews(db, settings, kept, new)
    applied, added = _added(db, applied, kept, to_write, settings.household_size)
    new["raw_figures"] = pl.concat([new["raw_figures"], added])
    figures = pl.concat([figures, added.select(figures.columns)])
    reviews = review.review_frame(applied)
    figures = review.reviewed_figures(figures, reviews, settings.household_size)
    reviews = _with_people(reviews, figures)
    summary.n_reviewed = reviews.height
    summary.orphans = [
        f"{o.anchor.target} {o.anchor.text!r} at {o.anchor.char_start} in article {o.anchor.article_id} "
        f"({o.status} by {o.reviewed_by})"
        for o in applied.orphans
    ]
    grouped, events = group_figures(
        figures, published, settings.date_window_days, settings.toll_window_days, settings.choose_by
    )
    figure_events = grouped.select("figure_id", "event_id", "is_primary")
    new["raw_figures"] = new["raw_figures"].drop("event_id", "is_primary").join(figure_events, on="figure_id")

    # 5. Store: a new file beside the live one, swapped in whole.
    summary.seconds = time.perf_counter() - started
    run = {**_run_row(plan, paths, summary), "reviews_seen": applied.seen}
    frames = {
        **new,
        "raw_events": events,
        "raw_pressure_episodes": pressure_episodes(
            review.reviewed_rows(pressure, reviews, "pressure"), settings.episode_gap_days
        ),
        "raw_rejects": rejects,
        "raw_articles": frame("raw_articles", to_write),
        "raw_reviews": reviews,
        "raw_review_orphans": review.orphan_frame(applied),
    }
    _check_writable(db)
    if state and kept and not outdated:
        frames["raw_runs"] = frame("raw_runs", [run])
        writer.update_database(db, plan.changed | plan.stale, plan.redone, frames, figure_events)
    else:  # a new file: the first run, or every article written anew (new rules or schema); runs kept
        if not state:
            frames["raw_articles"] = frame("raw_articles", list(plan.articles.values())).sort("article_id")
        frames["raw_runs"] = pl.concat([state.get("raw_runs", frame("raw_runs")), frame("raw_runs", [run])])
        writer.write_database(db, frames)
    return summary


# Per target: the table, its id column and the column holding the anchor's words.
ANCHORED = {
    "figure": ("raw_figures", "figure_id", "number_text"),
    "pressure": ("raw_pressure", "pressure_id", "trigger"),
    "district_event": ("raw_district_events", "district_event_id", "district"),
}


def _reviews(db: Path, settings: Settings, kept: set[str], new: dict[str, pl.DataFrame]) -> review.Applied:
    """The review history folded and found again among this run's rows."""
    path = Path(settings.reviews)
    if not path.exists():
        return review.Applied({}, [])
    with review.open_store(path) as store:
        actions = review.history(store)
    # What this run applies, and so what it may say it has seen: an action recorded while it
    # runs is newer, laid over the new database by the views and applied by the next run.
    seen = max((a.action_id or 0 for a in actions), default=0)
    reviews = review.fold(actions)
    if not reviews:
        return review.Applied({}, [], seen)
    rows = {}
    for target, (table, id_column, words) in ANCHORED.items():
        columns = [id_column, "article_id", "char_start", "char_end", words]
        # An added figure is made anew from the history, never found again among stored rows.
        read = [*columns, "added"] if table == "raw_figures" else columns
        stored = reader.read_rows(db, table, read, kept) if db.exists() else frame(table).select(read)
        rows[target] = pl.concat([_extracted(stored).select(columns), new[table].select(columns)]).to_dicts()
    return dataclasses.replace(review.attach(reviews, rows), seen=seen)


def _extracted(figures: pl.DataFrame) -> pl.DataFrame:
    """Stored figures less the ones analysts added: those are made anew from the history."""
    return figures.filter(~pl.col("added").fill_null(False)) if "added" in figures.columns else figures


def _added(
    db: Path, applied: review.Applied, kept: set[str], to_write: list[dict], household_size: float
) -> tuple[review.Applied, pl.DataFrame]:
    """Rows for the figures analysts added that no extracted row holds, and what is left orphaned."""
    wanted = {r.anchor.article_id for r in applied.orphans if r.status == "added"}
    if not wanted:
        return applied, frame("raw_figures")
    columns = ["article_id", "text", "published", "date_precision"]
    articles = reader.read_rows(db, "raw_articles", columns, kept & wanted)
    fresh = frame("raw_articles", to_write).select(columns)
    known = pl.concat([articles, fresh]).filter(pl.col("article_id").is_in(list(wanted)))
    texts = dict(zip(known["article_id"], known["text"], strict=True))
    published = {r["article_id"]: (r["published"], r["date_precision"]) for r in known.iter_rows(named=True)}
    made, left = review.added_rows(applied.orphans, texts, published, household_size)
    attached = {**applied.rows, **{("figure", row["figure_id"]): found for found, row in made}}
    return dataclasses.replace(applied, rows=attached, orphans=left), frame(
        "raw_figures", [row for _, row in made]
    )


def _with_people(reviews: pl.DataFrame, figures: pl.DataFrame) -> pl.DataFrame:
    """A corrected figure's people as grouping counted them."""
    corrected = figures.select(
        pl.col("figure_id").alias("row_id"), pl.col("people_estimate").alias("_people")
    )
    out = reviews.join(corrected, on="row_id", how="left").with_columns(
        pl.when((pl.col("target") == "figure") & (pl.col("review_status") == "corrected"))
        .then(pl.col("_people"))
        .otherwise(pl.col("people_estimate"))
        .alias("people_estimate")
    )
    return out.select(reviews.columns)


def _newest_review(settings: Settings) -> int:
    """The id of the review history's newest action (0 when there is none)."""
    path = Path(settings.reviews)
    if not path.exists():
        return 0
    with review.open_store(path) as store:
        return review.newest_action(store)


def _reviewed_since(state: dict[str, pl.DataFrame], settings: Settings) -> bool:
    """Whether the review history has an action the database's last run did not apply."""
    runs = state.get("raw_runs")
    last = runs.sort("run_id")["reviews_seen"][-1] if runs is not None and not runs.is_empty() else None
    return _newest_review(settings) != (last or 0)


def _run_row(plan: planning.Plan, paths: list[Path], summary: Summary) -> dict:
    """This run's row of ``raw_runs``."""
    return {
        "run_id": plan.run_id,
        "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "extractor": plan.version,
        "inputs": " ".join(map(str, paths)),
        "n_read": summary.n_read,
        "n_loaded": summary.n_loaded,
        "n_unchanged": summary.n_unchanged,
        "n_rejected": len(summary.rejects),
        "seconds": summary.seconds,
    }


def _merge_rejects(previous: pl.DataFrame | None, rejects: list[Reject], seen: set[str]) -> pl.DataFrame:
    """This run's rejects, plus earlier ones for inputs this run did not see again."""
    new = frame("raw_rejects", [dataclasses.asdict(r) for r in rejects])
    if previous is None or previous.is_empty():
        return new
    return pl.concat([previous.filter(~pl.col("path").is_in(list(seen))), new])


def _progress_printer(total: int) -> Callable[[int], None] | None:
    if total < 200 or not sys.stderr.isatty():
        return None

    def show(i: int) -> None:
        width = 30
        done = width * i // total
        sys.stderr.write(f"\r  extracting [{'#' * done}{'.' * (width - done)}] {i}/{total}")
        if i == total:
            sys.stderr.write("\n")

    return show


def _check_writable(db: Path) -> None:
    if not os.access(db.parent if db.parent.exists() else db.parent.parent, os.W_OK):
        raise IngestError(f"cannot write {db}: the folder is not writable (give another --db)")
