"""Figures an analyst added: the numbers the rules missed, made into rows at every ingest.

An added figure is an ``add`` action anchored, like every review, to words of an article (the
number as written). When the extractor finds a figure on those words itself, the addition lands
on that row (``apply.attach``); otherwise this module makes the row from the analyst's fields,
with the sentence around the words as its evidence. Added rows are derived, like events: every
run drops them and makes them again from the history, so an undo takes one away. Pure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence

from pipeline.review.state import Review

# A sentence ends at . ! or ? followed by a space or a line break, or at a line break.
_END = re.compile(r"[.!?][\"'’”)]*(?=\s)|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of ``text``'s sentences (blank stretches left out), for picking one to add from."""
    spans, start = [], 0
    for found in _END.finditer(text):
        end = found.end()
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        stripped = text[s:e]
        lead = len(stripped) - len(stripped.lstrip())
        s, e = s + lead, s + len(stripped.rstrip())
        if e > s:
            out.append((s, e))
    return out


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``text[start:end]`` (several, when the words cross one)."""
    found = [(s, e) for s, e in sentences(text) if s < end and start < e]
    if not found:
        return start, end
    return found[0][0], max(found[-1][1], end)


def figure_id(article_id: str, start: int, end: int) -> str:
    """An added figure's id: its article and span, apart from the extractor's ``-f`` ids."""
    digest = hashlib.sha256(f"{start}:{end}".encode()).hexdigest()[:6]
    return f"{article_id}-a{start}-{end}-{digest}"


def added_rows(
    reviews: Sequence[Review],
    texts: Mapping[str, str],
    published: Mapping[str, tuple[dt.date | None, str | None]],
    household_size: float,
) -> tuple[list[tuple[Review, dict]], list[Review]]:
    """Each added figure among ``reviews`` whose words still stand at their span, with its row
    of ``raw_figures``, and the reviews left without a row (kept as orphans)."""
    rows, left = [], []
    for review in reviews:
        a = review.anchor
        text = texts.get(a.article_id)
        if review.status != "added" or a.target != "figure" or text is None:
            left.append(review)
        elif text[a.char_start : a.char_end] != a.text:  # the text changed under the words
            left.append(review)
            continue
        rows.append((review, _row(review, text, published.get(a.article_id, (None, None)), household_size)))
    return rows, left


def _row(
    review: Review, text: str, published: tuple[dt.date | None, str | None], household_size: float
) -> dict:
    a, f = review.anchor, review.fields
    start, end = sentence_around(text, a.char_start, a.char_end)
    low, high = f.get("value_low"), f.get("value_high")
    value = f.get("value")
    unit = str(f.get("unit") or "people")
    floor = value if value is not None else (low or 0)
    province = f.get("province")
    when = (dt.date.fromisoformat(str(f["event_date"])), "day") if f.get("event_date") else published
    return {
        "figure_id": figure_id(a.article_id, a.char_start, a.char_end),
        "article_id": a.article_id,
        "kind": f["kind"],
        "value": value,
        "value_low": low if low is not None else value,
        "value_high": high if high is not None else value,
        "qualifier": f.get("qualifier") or ("range" if low is not None and high is not None else "exact"),
        "unit": unit,
        "people_estimate": round(floor * (household_size if unit == "families" else 1.0)),
        "victims": f.get("victims") or "unspecified",
        "incident": "",
        "running": False,
        "claimed_by": f.get("claimed_by"),
        "claimant_type": "unknown",
        "province": province,
        "place": f.get("place"),
        "country": f.get("country") or ("AFG" if province else None),
        "place_basis": "analyst",
        "event_date": when[0],
        "date_precision": when[1] if when[0] is not None else None,
        "counted": True,
        "role": "total",
        "parent_figure_id": None,
        "number_text": a.text,
        "confidence": "high",
        "confidence_reason": "",
        "sentence": text[start:end],
        "char_start": a.char_start,
        "char_end": a.char_end,
        "sentence_start": start,
        "sentence_end": end,
        "event_id": None,
        "is_primary": False,
        "added": True,
    }
