"""Page furniture: the parts of a saved web page that are not the article.

Furniture is blanked out with spaces rather than cut, so character offsets into the
masked text are offsets into the original text too.
"""

from __future__ import annotations

import re

from pipeline.extract import lexicon

HEADERS = lexicon.furniture_headers()
LINE_PREFIXES = lexicon.furniture_lines()
# A header only starts furniture in the last part of a page: "Opinion" in the first
# paragraph is more likely a section label above the article itself.
TAIL_FRACTION = 0.4


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _key(line: str) -> str:
    """A line reduced to what identifies a header: "Comments (3)" -> "comments", "Related:" -> "related"."""
    return re.sub(r"\s*\(\d+\)$", "", line.strip().lower()).rstrip(":").strip()


def mask_furniture(text: str) -> str:
    """Return ``text`` with page furniture replaced by spaces (same length, same newlines)."""
    out: list[str] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        key = _key(line)
        if key in HEADERS and pos >= TAIL_FRACTION * len(text):
            out.append(_blank(text[pos:]))
            return "".join(out)
        out.append(_blank(line) if line.strip().lower().startswith(LINE_PREFIXES) else line)
        pos += len(line)
    return "".join(out)
