"""Extraction over many articles: the spaCy pipeline run once per process, in parallel when it pays.

Takes article rows (id, text, publication date) and returns plain rows for ``raw_figures``,
``raw_pressure`` and ``raw_district_events``, in input order, so runs are repeatable; and, for
the articles whose citation is left to their text (a ``<field>_from`` of None), what each page
says of itself (``citations``: ``provenance.citation_fields`` with the article's id).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

from pipeline.extract.page import furniture_lines, mask_furniture
from pipeline.extract.provenance import CITED, citation_fields

CHUNK = 64  # articles per task sent to a worker
MIN_PARALLEL = 200  # below this many articles, starting workers costs more than it saves
FIELDS = ("article_id", "text", "published", "date_precision")
TABLES = ("raw_figures", "raw_pressure", "raw_district_events")
CITATIONS = "citations"


def _extract_serial(articles: list[dict], household_size: float) -> dict[str, list[dict]]:
    # spaCy is imported only when there is something to extract: an unchanged rerun never pays for it.
    from pipeline.extract.nlp import build_nlp
    from pipeline.extract.rows import Article, extract

    nlp = build_nlp()
    out: dict[str, list[dict]] = {table: [] for table in (*TABLES, CITATIONS)}
    # Page furniture is found once per article, for its extraction and its citation.
    furniture = [furniture_lines(a["text"]) for a in articles]
    out[CITATIONS] = [
        {"article_id": a["article_id"], **citation_fields(a["text"], lines)}
        for a, lines in zip(articles, furniture, strict=True)
        if a["cite"]
    ]
    texts = (mask_furniture(a["text"], lines) for a, lines in zip(articles, furniture, strict=True))
    for doc, a in zip(nlp.pipe(texts, batch_size=64), articles, strict=True):
        result = extract(doc, Article(a["article_id"], a["published"], a["date_precision"], household_size))
        out["raw_figures"] += result.figures
        out["raw_pressure"] += result.pressure
        out["raw_district_events"] += result.district_events
    return out


def _extract_chunk(payload: tuple[list[dict], float]) -> dict[str, list[dict]]:
    return _extract_serial(*payload)


def extract_articles(
    articles: list[dict],
    household_size: float,
    workers: int = 0,
    progress: Callable[[int], None] | None = None,
) -> dict[str, list[dict]]:
    """Run the pipeline over article rows; returns figure, pressure and district-event rows, and
    the citations read from the texts of the articles that leave them to be read.

    With more than one worker (0: one per core) the articles go out in chunks to forked
    processes, which send back plain rows: spaCy ``Doc`` objects never cross a process
    boundary (pickling them costs more than extracting them).
    """
    workers = workers or os.cpu_count() or 1
    sent = [
        {**{k: a[k] for k in FIELDS}, "cite": any(a.get(f"{f}_from", "none") is None for f in CITED)}
        for a in articles
    ]
    chunks = [(sent[i : i + CHUNK], household_size) for i in range(0, len(sent), CHUNK)]
    out: dict[str, list[dict]] = {table: [] for table in (*TABLES, CITATIONS)}
    if workers > 1 and len(articles) >= MIN_PARALLEL:
        from pipeline.extract.nlp import build_nlp

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
    for chunk, size in chunks:
        for table, rows in _extract_serial(chunk, size).items():
            out[table] += rows
        done += len(chunk)
        if progress:
            progress(done)
    return out
