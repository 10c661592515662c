"""The batch step: read inputs, extract, and write the database.

Ingest adds to what the database already holds: articles already loaded with the same
text, metadata and extractor are counted as unchanged and keep their rows; articles
from earlier runs that are not among this run's inputs are kept too. A change to the
extraction rules or the gazetteer re-extracts every stored article from its text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from pipeline import dates, events, load
from pipeline.bylines import find_published
from pipeline.clean import mask_furniture
from pipeline.read import RawArticle, Reject, read_inputs
from pipeline.settings import Settings

PACKAGE = Path(__file__).resolve().parent
EXTRACTOR_SOURCES = (
    "bylines.py",
    "clean.py",
    "dates.py",
    "extract.py",
    "nlp.py",
    "numbers.py",
    "places.py",
    "rules.py",
)
CHUNK = 64  # articles per task sent to a worker
MIN_PARALLEL = 200  # below this many articles, starting workers costs more than it saves
META_COLUMNS = ("file", "title", "source", "url", "published", "date_precision")


class IngestError(Exception):
    """The run could not complete; the message says why and what to do."""


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
        lines += [
            f"  rejected {r.path}{f'#{r.line}' if r.line else ''}: {r.reason} ({r.detail})"
            for r in self.rejects
        ]
        lines += [f"  note: {n}" for n in self.notices]
        return "\n".join(lines)


def extractor_version(settings: Settings) -> str:
    """A fingerprint of the rules, the gazetteer and the settings that shape extracted rows."""
    h = hashlib.sha256()
    for name in EXTRACTOR_SOURCES:
        h.update((PACKAGE / name).read_bytes())
    for path in sorted((PACKAGE.parent / "data" / "places").glob("*.csv")):
        h.update(path.read_bytes())
    h.update(repr(settings.household_size).encode())
    return h.hexdigest()[:12]


def article_row(raw: RawArticle, result_notices: list[str], known: dict | None = None) -> dict:
    """The ``raw_articles`` row of an article as read; a bad metadata date becomes a notice.

    Metadata wins; without it, the date the text itself gives (a byline, a dateline), which
    ``known`` (the stored row of the same text) already holds when the article was read before.
    """
    parsed = dates.parse_date(raw.published) if raw.published else None
    if raw.published and parsed is None:
        result_notices.append(
            f"{raw.file}: published '{raw.published}' is not a date; looked for one in the text"
        )
    source = "metadata" if parsed else "unknown"
    if parsed is None and known is not None and known["date_source"] != "metadata":
        if known["published"] is not None:
            parsed, source = (known["published"], known["date_precision"]), known["date_source"]
    elif parsed is None and (found := find_published(mask_furniture(raw.text))):
        parsed, source = (found.date, found.precision), "text"
    published, precision = parsed if parsed else (None, None)
    return {
        "article_id": raw.article_id,
        "file": raw.file,
        "external_id": raw.external_id,
        "title": raw.title,
        "source": raw.source,
        "url": raw.url,
        "published": published,
        "date_source": source,
        "date_precision": precision,
        "n_chars": len(raw.text),
        "text": raw.text,
    }


def _extract_serial(articles: list[dict], household_size: float) -> dict[str, list[dict]]:
    # spaCy is imported only when there is something to extract: an unchanged rerun never pays for it.
    from pipeline.extract import Article, extract
    from pipeline.nlp import build_nlp

    nlp = build_nlp()
    out: dict[str, list[dict]] = {"raw_figures": [], "raw_pressure": [], "raw_district_events": []}
    texts = (mask_furniture(a["text"]) for a in articles)
    for doc, a in zip(nlp.pipe(texts, batch_size=64), articles, strict=True):
        result = extract(doc, Article(a["article_id"], a["published"], a["date_precision"], household_size))
        out["raw_figures"] += result.figures
        out["raw_pressure"] += result.pressure
        out["raw_district_events"] += result.district_events
    return out


def _extract_chunk(payload: tuple[list[dict], float]) -> dict[str, list[dict]]:
    return _extract_serial(*payload)


def extract_articles(
    articles: list[dict], settings: Settings, progress: Callable[[int], None] | None = None
) -> dict[str, list[dict]]:
    """Run the pipeline over article rows; returns figure, pressure and district-event rows.

    With more than one worker the articles go out in chunks to forked processes, which send
    back plain rows: spaCy ``Doc`` objects never cross a process boundary (pickling them
    costs more than extracting them). Rows come back in input order, so runs are repeatable.
    """
    workers = settings.workers or os.cpu_count() or 1
    fields = ("article_id", "text", "published", "date_precision")
    chunks = [
        ([{k: a[k] for k in fields} for a in articles[i : i + CHUNK]], settings.household_size)
        for i in range(0, len(articles), CHUNK)
    ]
    out: dict[str, list[dict]] = {"raw_figures": [], "raw_pressure": [], "raw_district_events": []}
    if workers > 1 and len(articles) >= MIN_PARALLEL:
        from pipeline.nlp import build_nlp

        build_nlp()  # built once here; forked workers inherit it
        with multiprocessing.get_context("fork").Pool(min(workers, len(chunks))) as pool:
            parts = pool.imap(_extract_chunk, chunks)
            done = 0
            for (chunk, _), part in zip(chunks, parts, strict=True):
                for table, rows in part.items():
                    out[table] += rows
                done += len(chunk)
                if progress:
                    progress(done)
        return out
    done = 0
    for chunk, household_size in chunks:
        for table, rows in _extract_serial(chunk, household_size).items():
            out[table] += rows
        done += len(chunk)
        if progress:
            progress(done)
    return out


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


@contextlib.contextmanager
def _lock(db: Path) -> Iterator[None]:
    """One ingest per database at a time: a lock file beside it holds the running ingest's PID."""
    lock = db.with_name(db.name + ".lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise IngestError(f"cannot write beside {db}: a file stands where its folder should be") from None
    except OSError as err:
        raise IngestError(f"cannot write beside {db}: {err.strerror} (give another --db)") from None
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            holder = lock.read_text(encoding="ascii").strip() or "?"
            if holder.isdigit() and _alive(int(holder)):
                raise IngestError(
                    f"another ingest (PID {holder}) is writing {db}; wait for it to finish"
                ) from None
            lock.unlink(missing_ok=True)  # left behind by a run that was killed
        except OSError as err:
            raise IngestError(f"cannot write beside {db}: {err.strerror} (give another --db)") from None
    else:
        raise IngestError(f"cannot take the lock {lock}; remove it if no ingest is running")
    try:
        os.write(fd, str(os.getpid()).encode("ascii"))
        os.close(fd)
        load.remove_stale_files(db, alive=_alive)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ingest(paths: list[Path], settings: Settings, db: Path, rebuild: bool = False) -> Summary:
    """Read ``paths``, extract, and atomically replace ``db`` with the merged result."""
    with _lock(db):
        return _ingest(paths, settings, db, rebuild)


GROUPING = {
    "raw_figures": [
        "figure_id", "article_id", "kind", "province", "place", "unit", "victims", "value", "value_low",
        "value_high", "qualifier", "people_estimate", "event_date", "date_precision", "counted",
        "parent_figure_id",
    ],
    "raw_pressure": [
        "pressure_id", "article_id", "capital", "province", "level", "event_date", "date_precision",
        "is_background",
    ],
}  # fmt: skip


def _ingest(paths: list[Path], settings: Settings, db: Path, rebuild: bool) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    result = read_inputs(paths, max_bytes=int(settings.max_file_mb * 1e6))
    summary.notices += result.notices
    if not result.articles and not result.rejects:
        raise IngestError(
            f"no inputs found in {', '.join(map(str, paths))}: give a folder or .txt/.jsonl/.csv files"
        )
    version = extractor_version(settings)
    state = {} if rebuild else load.read_state(db)
    prev_articles = state.get("raw_articles", load.frame("raw_articles").drop("text"))
    prev_runs = state.get("raw_runs", load.frame("raw_runs"))
    same_version = not prev_runs.is_empty() and prev_runs["extractor"][-1] == version

    prev_by_id = {r["article_id"]: r for r in prev_articles.iter_rows(named=True)}
    # This run's articles, once each; a second copy of a text is listed, not loaded twice.
    rows: dict[str, dict] = {}
    rejects = list(result.rejects)
    for raw in result.articles:
        if raw.article_id in rows:
            first = rows[raw.article_id]["file"]
            rejects.append(Reject(raw.file, None, "duplicate", f"same text as {first}"))
            continue
        rows[raw.article_id] = article_row(raw, summary.notices, prev_by_id.get(raw.article_id))
    summary.n_read = len(result.articles)
    summary.n_inputs = len(result.articles) + len(result.rejects)
    summary.rejects = rejects

    unchanged = {
        aid
        for aid, row in rows.items()
        if same_version and aid in prev_by_id and all(prev_by_id[aid][c] == row[c] for c in META_COLUMNS)
    }
    summary.n_unchanged = len(unchanged)
    summary.n_loaded = len(rows) - len(unchanged)
    summary.n_articles_total = len(prev_by_id.keys() | rows.keys())
    changed = {aid for aid in rows if aid not in unchanged}
    # A new extractor re-reads every stored article from its stored text.
    stale = set() if same_version else set(prev_by_id) - set(rows)
    seen_paths = {r.path for r in rejects} | {raw.file.split("#")[0] for raw in result.articles}
    all_rejects = _merge_rejects(state.get("raw_rejects"), rejects, seen_paths)
    if state and not changed and not stale and all_rejects.equals(state["raw_rejects"]):
        summary.notices.append("nothing changed: the database was left as it was")
        summary.seconds = time.perf_counter() - started
        return summary

    if stale:
        texts = load.read_rows(db, "raw_articles", list(load.TABLES["raw_articles"]), stale)
        to_extract = [*[rows[a] for a in sorted(changed)], *texts.iter_rows(named=True)]
    else:
        to_extract = [rows[a] for a in sorted(changed)]
    extracted = extract_articles(to_extract, settings, _progress_printer(len(to_extract)))
    summary.figures_by_kind.update(r["kind"] for r in extracted["raw_figures"])
    summary.n_pressure = len(extracted["raw_pressure"])
    summary.n_district_events = len(extracted["raw_district_events"])
    redone = changed | stale
    new = {table: load.frame(table, extracted.get(table, [])) for table in load.PER_ARTICLE}

    # Events span articles, so they are grouped anew over everything the database will hold.
    kept_ids = None if not state else set(prev_by_id) - redone
    grouping = {
        table: pl.concat(
            [
                load.read_rows(db, table, cols, kept_ids) if state else load.frame(table).select(cols),
                new[table].select(cols),
            ]
        )
        for table, cols in GROUPING.items()
    }
    published = pl.concat(
        [
            prev_articles.filter(~pl.col("article_id").is_in(list(rows))).select("article_id", "published"),
            load.frame("raw_articles", list(rows.values())).select("article_id", "published"),
        ]
    )
    grouped, event_rows = events.group_figures(grouping["raw_figures"], published, settings.date_window_days)
    figure_events = grouped.select("figure_id", "event_id", "is_primary")
    new["raw_figures"] = new["raw_figures"].drop("event_id", "is_primary").join(figure_events, on="figure_id")
    frames = {
        **new,
        "raw_events": event_rows,
        "raw_pressure_episodes": events.pressure_episodes(
            grouping["raw_pressure"], settings.episode_gap_days
        ),
        "raw_rejects": all_rejects,
    }
    summary.seconds = time.perf_counter() - started
    run = {
        "run_id": (prev_runs["run_id"].max() or 0) + 1 if not prev_runs.is_empty() else 1,
        "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "extractor": version,
        "inputs": " ".join(map(str, paths)),
        "n_read": summary.n_read,
        "n_loaded": summary.n_loaded,
        "n_unchanged": summary.n_unchanged,
        "n_rejected": len(rejects),
        "seconds": summary.seconds,
    }
    _check_writable(db)
    if state:
        frames["raw_articles"] = load.frame("raw_articles", [rows[a] for a in sorted(changed)])
        frames["raw_runs"] = load.frame("raw_runs", [run])
        load.update_database(db, changed, redone, frames, figure_events)
    else:
        frames["raw_articles"] = load.frame("raw_articles", list(rows.values())).sort("article_id")
        frames["raw_runs"] = pl.concat([prev_runs, load.frame("raw_runs", [run])])
        load.write_database(db, frames)
    return summary


def _merge_rejects(previous: pl.DataFrame | None, rejects: list[Reject], seen: set[str]) -> pl.DataFrame:
    """This run's rejects, plus earlier ones for inputs this run did not see again."""
    new = load.frame("raw_rejects", [dataclasses.asdict(r) for r in rejects])
    if previous is None or previous.is_empty():
        return new
    return pl.concat([previous.filter(~pl.col("path").is_in(list(seen))), new])


def _check_writable(db: Path) -> None:
    if not os.access(db.parent if db.parent.exists() else db.parent.parent, os.W_OK):
        raise IngestError(f"cannot write {db}: the folder is not writable (give another --db)")
