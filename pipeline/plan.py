"""What a run must do: which inputs are new, changed or unchanged, and which stored articles are stale.

Compares this run's articles with what the live database already holds. An article whose text,
metadata and extractor are unchanged keeps its rows; a new or changed one is extracted; when
the extractor's fingerprint changed, every stored article is extracted (and dated) again from
its stored text, even when it is not among this run's inputs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from pipeline.extract.page import mask_furniture
from pipeline.extract.published import find_published
from pipeline.read.files import RawArticle, ReadResult, Reject, parse_published
from pipeline.store import reader
from pipeline.store.schema import frame

# The metadata that, changed, makes an article new again.
META_COLUMNS = ("file", "title", "source", "url", "published", "date_precision")


def dated_from_text(text: str) -> tuple[tuple, str]:
    """((published, precision), date_source) from an article's own text: a byline, a dateline."""
    found = find_published(mask_furniture(text))
    return ((found.date, found.precision), "text") if found else ((None, None), "unknown")


def article_row(raw: RawArticle, notices: list[str], known: dict | None = None) -> dict:
    """The ``raw_articles`` row of an article as read; a bad metadata date becomes a notice.

    Metadata wins; without it, the date the text itself gives (a byline, a dateline), which
    ``known`` (the stored row of the same text, read by the same extractor) already holds.
    """
    parsed = parse_published(raw.published) if raw.published else None
    if raw.published and parsed is None:
        notices.append(f"{raw.file}: published '{raw.published}' is not a date; looked for one in the text")
    source = "metadata" if parsed else "unknown"
    if parsed is None and known is not None and known["date_source"] != "metadata":
        parsed, source = (known["published"], known["date_precision"]), known["date_source"]
    elif parsed is None:
        parsed, source = dated_from_text(raw.text)
    published, precision = parsed
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


@dataclasses.dataclass
class Plan:
    """This run's articles and rejects, and what to do with each stored and new article."""

    version: str
    run_id: int  # this run's id in raw_runs
    articles: dict[str, dict]  # article_id -> raw_articles row, one per text read this run
    rejects: list[Reject]  # this run's, a second copy of a text included
    stored: pl.DataFrame  # the live database's article metadata (no texts)
    unchanged: set[str]
    changed: set[str]  # new or changed inputs: extracted and written
    stale: set[str]  # stored, not among the inputs, and read by another extractor: extracted again

    @property
    def redone(self) -> set[str]:
        """Articles whose extracted rows are replaced."""
        return self.changed | self.stale


def make(result: ReadResult, state: dict[str, pl.DataFrame], version: str, notices: list[str]) -> Plan:
    """Sort this run's articles into unchanged and changed, and find the stale stored ones.

    Each article's ``first_run`` is the run that first loaded its text with its metadata: kept
    while they stay the same (a new extractor reads it again, it does not make it new), this
    run's id when either is new.
    """
    stored = state.get("raw_articles", frame("raw_articles").drop("text"))
    runs = state.get("raw_runs", frame("raw_runs"))
    same_version = not runs.is_empty() and runs["extractor"][-1] == version
    run_id = (runs["run_id"].max() or 0) + 1 if not runs.is_empty() else 1
    known = {r["article_id"]: r for r in stored.iter_rows(named=True)}
    rows: dict[str, dict] = {}
    rejects = list(result.rejects)
    for raw in result.articles:
        if raw.article_id in rows:  # a second copy of a text is listed, not loaded twice
            first = rows[raw.article_id]["file"]
            rejects.append(Reject(raw.file, None, "duplicate", f"same text as {first}"))
            continue
        rows[raw.article_id] = article_row(raw, notices, known.get(raw.article_id) if same_version else None)
    same_input = {
        aid
        for aid, row in rows.items()
        if aid in known and all(known[aid][c] == row[c] for c in META_COLUMNS)
    }
    for aid, row in rows.items():
        row["first_run"] = known[aid]["first_run"] if aid in same_input else run_id
    unchanged = same_input if same_version else set()
    changed = set(rows) - unchanged
    stale = set() if same_version else set(known) - set(rows)
    return Plan(version, run_id, rows, rejects, stored, unchanged, changed, stale)


def stale_articles(db: Path, plan: Plan) -> list[dict]:
    """The stored rows of the stale articles, texts included, dated again from their text where
    no metadata dated them."""
    if not plan.stale:
        return []
    stored = reader.read_rows(db, "raw_articles", list(frame("raw_articles").columns), plan.stale)
    out = []
    for row in stored.iter_rows(named=True):
        if row["date_source"] != "metadata":
            (row["published"], row["date_precision"]), row["date_source"] = dated_from_text(row["text"])
        out.append(row)
    return out
