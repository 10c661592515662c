"""Page furniture: the parts of a saved web page that are not the article.

Furniture is blanked out with spaces rather than cut, so character offsets into the
masked text are offsets into the original text too. Two kinds of evidence find it: cues
of ``data/rules/furniture.csv`` (a "Related" header, a "READ MORE:" line, a "Comments"
section) and the layout tests of ``chrome.py`` (tickers, menus, tag lists, headline
bullets, photo credits). A date line is never blanked by layout alone: bylines and
datelines date the page.
"""

from __future__ import annotations

import re

from pipeline.extract import chrome, lexicon

CUES = lexicon.furniture_cues()
# A line cue starts the line and ends on a word boundary: "advertisement", not "advertisements of".
LINE_CUE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(c) for c in sorted(CUES["line"], key=len, reverse=True)) + r")(?!\w)",
    re.I,
)
# A widget label closing a byline: "Xinhua, May 8, 2017 Adjust font size:", "13 Aug 2021 Print".
TRAIL_CUE = re.compile(
    r"\s(?:" + "|".join(re.escape(c) for c in CUES["trail"]) + r")\W*$" if CUES["trail"] else r"(?!)", re.I
)
# An "end" cue (comments, a reply form) only ends the article below the first part of a
# page: "Comments (3)" near the top is a count beside the headline.
HEAD_FRACTION = 0.4


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _key(line: str) -> str:
    """A line reduced to what identifies a header: "Comments (3)" -> "comments", "More »" -> "more"."""
    return re.sub(r"\s*\(\d+\)$", "", line.strip().lower()).rstrip(" :!»›>→").strip()


def _next_text(lines: list[str], i: int) -> int | None:
    """The index of the first non-blank line after ``i``, or None."""
    return next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)


def _block_end(lines: list[str], start: int, first_prose: int | None) -> int:
    """Where a block opened by a header at ``start`` ends (the index of its first line kept).

    Below the article's first paragraph the block runs until prose resumes: two sentence
    lines in a row (a teaser under a related headline is one sentence between short lines).
    Above it, only list items follow the header: the next plain line may be the headline.
    """
    i = start + 1
    if first_prose is None or start < first_prose:
        while i < len(lines) and (not lines[i].strip() or chrome.BULLET.match(lines[i])):
            i += 1
        return i
    while i < len(lines):
        j = _next_text(lines, i - 1)
        if j is None:
            return len(lines)
        k = _next_text(lines, j)
        if chrome.is_prose(lines[j]) and (k is None or chrome.is_prose(lines[k])):
            return j
        i = j + 1
    return len(lines)


def _cue_lines(lines: list[str], size: int) -> set[int]:
    """Lines that cues of ``furniture.csv`` mark as furniture."""
    out: set[int] = set()
    span = chrome.prose_span(lines)
    first_prose = span[0] if span else None
    pos = 0
    for i, line in enumerate(lines):
        kind = CUES["whole"].get(_key(line))
        if kind == "end" and pos >= HEAD_FRACTION * size:
            return out | set(range(i, len(lines)))
        if kind == "header":
            out.update(range(i, _block_end(lines, i, first_prose)))
        elif kind == "label":
            # "Caption" / "Source" over the caption or the credit; a paragraph below is not one.
            j = _next_text(lines, i)
            out.update((i,) if j is None or chrome.is_prose(lines[j]) else (i, j))
        elif kind or LINE_CUE.match(line):
            out.add(i)
        pos += len(line)
    return out


def _layout_lines(lines: list[str]) -> set[int]:
    """Lines that their layout alone marks as chrome (lines with a date excepted, captions aside)."""
    out = chrome.headline_bullets(lines) | chrome.label_runs(lines) | chrome.tail_headlines(lines)
    out |= {i for i, line in enumerate(lines) if chrome.is_ticker(line) or chrome.is_menu(line)}
    out = {i for i in out if not chrome.has_date(lines[i])}
    # A caption's date is the photo's, often a stock photo years old: never the page's; a list
    # of other stories each closed by its date is no byline.
    out |= chrome.dated_headlines(lines)
    return out | {
        i
        for i, line in enumerate(lines)
        if chrome.is_caption(line) or chrome.is_hashtags(line) or chrome.is_footer(line)
    }


def furniture_lines(text: str) -> set[int]:
    """Indices of the lines of ``text`` (as ``splitlines``) that are page furniture."""
    lines = text.splitlines()
    return _cue_lines(lines, len(text)) | _layout_lines(lines)


def _unwidget(line: str) -> str:
    """A dated line without the widget label closing it, so that it reads as a byline."""
    m = TRAIL_CUE.search(line.rstrip("\r\n")) if chrome.has_date(line) else None
    return line[: m.start()] + _blank(line[m.start() :]) if m else line


def mask_furniture(text: str, furniture: set[int] | None = None) -> str:
    """Return ``text`` with page furniture replaced by spaces (same length, same newlines);
    ``furniture``: its ``furniture_lines``, when already found."""
    masked = furniture_lines(text) if furniture is None else furniture
    return "".join(
        _blank(line) if i in masked else _unwidget(line)
        for i, line in enumerate(text.splitlines(keepends=True))
    )


def masked_share(text: str) -> float:
    """The share of the non-space characters of ``text`` that masking blanks."""
    kept = sum(not c.isspace() for c in mask_furniture(text))
    total = sum(not c.isspace() for c in text)
    return 1 - kept / total if total else 0.0
