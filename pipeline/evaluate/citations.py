"""Whether a page's own citation was read right: its headline, outlet and author.

Two kinds of reference:

- annotated pages (``tests/citations/<set>.csv``: the line of the headline, the outlet's short
  name and the author's name, or empty when the page states none), for the real pages;
- the metadata of the fictional sets' manifests, read against their texts with the metadata
  withheld (a page may print a shorter form of its manifest's title: that counts as wrong).

Precision is the share of the values read that are right; recall the share of the values a
page states that were read. A value read where the page states none counts against precision.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from pipeline.evaluate.prf import PRF
from pipeline.extract import outlets
from pipeline.extract.headline import split_site
from pipeline.extract.pagelines import clean

FIELDS = {"title": "title", "outlet": "source", "author": "author"}  # measure -> article column


def read_annotations(path: Path) -> dict[str, dict[str, str]]:
    """The annotation of each page, by page id, or {} when there is no file."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["page"]: row for row in csv.DictReader(fh)}


def _norm(value: str | None) -> str:
    return re.sub(r"[\s.]+", " ", (value or "").casefold()).strip()


def _outlet_key(name: str | None) -> str:
    """An outlet's short name, whatever spelling names it ("The Associated Press" -> "ap")."""
    return _norm(outlets.short_name(name or "") or name)


def annotated_title(text: str, line: str) -> str | None:
    """The headline on the annotated line (1-based) of a page's text, as a reader would cite it."""
    if not line.strip():
        return None
    return split_site(clean(text.splitlines()[int(line) - 1]))[0]


def _count(
    pairs: Iterable[tuple[str, str, str]], errors: list[str], what: str, same=lambda want, got: want == got
) -> PRF:
    """(page, wanted, got) with '' for none, keys already normalised -> tp, fp, fn."""
    tp = fp = fn = 0
    for page, want, got in pairs:
        right = bool(want) and bool(got) and same(want, got)
        tp += right
        fp += bool(got) and not right
        fn += bool(want) and not right
        if not right and (want or got):
            errors.append(f"{page} {what:<7} wanted {want or '-'}, read {got or '-'}")
    return PRF(tp, fp, fn)


def score_annotated(
    annotations: dict[str, dict[str, str]], pages: dict[str, dict], texts: dict[str, str]
) -> tuple[dict[str, PRF], list[str]]:
    """Title, outlet and author read from each page (``pages``: page id -> its article row) against
    the annotations; ``texts`` are the pages as stored (the annotated line numbers are theirs)."""
    errors: list[str] = []
    rows = {pid: (a, pages.get(pid, {}), texts.get(pid, "")) for pid, a in sorted(annotations.items())}
    titles = [
        (pid, _norm(annotated_title(text, a["title_line"])), _norm(p.get("title")))
        for pid, (a, p, text) in rows.items()
    ]
    sources = [
        (pid, _outlet_key(a["outlet"]), _outlet_key(p.get("source"))) for pid, (a, p, _) in rows.items()
    ]
    authors = [(pid, _norm(a["author"]), _norm(p.get("author"))) for pid, (a, p, _) in rows.items()]
    scores = {
        "title (headline line)": _count(titles, errors, "title"),
        "outlet": _count(sources, errors, "outlet"),
        "author": _count(authors, errors, "author"),
    }
    return scores, errors


def _names(given: str, read: str) -> bool:
    """Whether a manifest's free-text source ("ICRC news release", "Pajhwok Afghan News (example)")
    names the outlet read: the same short name, or the read name's words within it."""
    named = re.sub(r"\s*\([^()]*\)", "", given)  # "TOLOnews (example)": TOLOnews
    return _outlet_key(named) == read or set(read.split()) <= set(re.findall(r"[\w']+", _norm(given)))


def score_metadata(articles: list[tuple[str, dict, dict]]) -> tuple[dict[str, PRF], list[str]]:
    """Title and outlet read from each text (file, metadata given, what was read) against the
    metadata given."""
    titles = [(f, _norm(meta.get("title")), _norm(read.get("title"))) for f, meta, read in articles]
    sources = [(f, meta.get("source") or "", _outlet_key(read.get("source"))) for f, meta, read in articles]
    errors: list[str] = []
    return {
        "title read from the text": _count(titles, errors, "title"),
        "outlet read from the text": _count(sources, errors, "outlet", _names),
    }, errors
