"""What a run must do: which inputs are new, changed or unchanged, and which stored articles are stale.

Compares this run's articles with what the live database already holds. An article whose text,
metadata and extractor are unchanged keeps its rows; a new or changed one is extracted; when
the extractor's fingerprint changed, every stored article is extracted (dated and cited) again
from its stored text, even when it is not among this run's inputs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from pipeline.extract.page import mask_furniture
from pipeline.extract.provenance import CITED, citation_fields
from pipeline.extract.published import find_published
from pipeline.read.files import RawArticle, ReadResult, Reject, parse_published
from pipeline.store import reader
from pipeline.store.schema import frame


def given(row: dict) -> tuple:
    """What the input itself says of an article: its file, and the citation (``CITED``) and date
    its metadata gives; changed, they make the article new again (what is read from the page
    follows from the text, and may not be read yet)."""
    cited = tuple(row[c] if row.get(f"{c}_from") == "metadata" else None for c in CITED)
    dated = (row["published"], row["date_precision"]) if row.get("date_source") == "metadata" else None
    return (row["file"], *cited, dated)


def dated_from_text(text: str) -> tuple[tuple, str]:
    """((published, precision), date_source) from an article's own text: a byline, a dateline."""
    found = find_published(mask_furniture(text))
    return ((found.date, found.precision), "text") if found else ((None, None), "unknown")


def _from_metadata(row: dict, field: str) -> bool:
    """Whether a stored row's ``field`` came from metadata (a row written before values were read
    from the text has no ``<field>_from``: its value, if any, was metadata)."""
    how = row.get(f"{field}_from")
    return how == "metadata" or (how is None and row.get(field) is not None)


def citation(raw: RawArticle, known: dict | None = None) -> dict[str, str | None]:
    """An article's title, source, author and url with how each was found: metadata wins; else
    ``known`` (the stored row of the same text, read by the same extractor) when it read them
    from the text; else left to be read from the text with the article's extraction (its
    ``<field>_from`` None: ``read_from_text`` fills it in), where the work runs in parallel."""
    out: dict[str, str | None] = {}
    for field in CITED:
        if value := getattr(raw, field):
            out[field], out[f"{field}_from"] = value, "metadata"
        elif known is not None and not _from_metadata(known, field):
            out[field], out[f"{field}_from"] = known[field], known[f"{field}_from"] or "none"
        else:
            out[field], out[f"{field}_from"] = None, None
    return out


def read_from_text(row: dict, read: dict[str, str | None] | None = None) -> dict:
    """``row`` with the citation fields left to its text read (``read``: ``citation_fields`` of
    its text, computed here when not given)."""
    todo = [field for field in CITED if row[f"{field}_from"] is None]
    if not todo:
        return row
    read = read if read is not None else citation_fields(row["text"])
    return {**row, **{k: read[k] for field in todo for k in (field, f"{field}_from")}}


def article_row(raw: RawArticle, notices: list[str], known: dict | None = None) -> dict:
    """The ``raw_articles`` row of an article as read; a bad metadata date becomes a notice.

    Metadata wins; without it, the date the text itself gives (a byline, a dateline) and the
    citation it gives (headline, outlet, author, address), which ``known`` (the stored row of the
    same text, read by the same extractor) already holds; a citation not known yet is read with
    the article's extraction (``citation``).
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
        **citation(raw, known),
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


def make(
    result: ReadResult, state: dict[str, pl.DataFrame], version: str, notices: list[str], redo: bool = False
) -> Plan:
    """Sort this run's articles into unchanged and changed, and find the stale stored ones;
    ``redo``: every stored article is stale (or changed), whatever extractor read it.

    Each article's ``first_run`` is the run that first loaded its text with its metadata: kept
    while they stay the same (a new extractor reads it again, it does not make it new), this
    run's id when either is new.
    """
    stored = state.get("raw_articles", frame("raw_articles").drop("text"))
    runs = state.get("raw_runs", frame("raw_runs"))
    same_version = not redo and not runs.is_empty() and runs["extractor"][-1] == version
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
    same_input = {aid for aid, row in rows.items() if aid in known and given(known[aid]) == given(row)}
    for aid, row in rows.items():
        row["first_run"] = known[aid]["first_run"] if aid in same_input else run_id
    unchanged = same_input if same_version else set()
    changed = set(rows) - unchanged
    stale = set() if same_version else set(known) - set(rows)
    return Plan(version, run_id, rows, rejects, stored, unchanged, changed, stale)


def stale_articles(db: Path, plan: Plan) -> list[dict]:
    """The stored rows of the stale articles, texts included, dated again from their text where
    no metadata dated them; what no metadata cited them by is left to be read again."""
    if not plan.stale:
        return []
    stored = reader.read_rows(db, "raw_articles", list(frame("raw_articles").columns), plan.stale)
    out = []
    for row in stored.iter_rows(named=True):
        if row["date_source"] != "metadata":
            (row["published"], row["date_precision"]), row["date_source"] = dated_from_text(row["text"])
        given = {field: row[field] if _from_metadata(row, field) else None for field in CITED}
        out.append({**row, **citation(RawArticle(row["file"], row["text"], **given))})
    return out
