"""An article's words with one sentence marked, as Markdown safe for ``st.markdown`` or as plain text.

Article text comes from the outside world, so it is never markup. Every character Markdown,
HTML or Streamlit's own syntax (``:red[…]`` colours, ``:emoji:`` codes, ``$maths$``) could act
on is backslash-escaped, which CommonMark defines for every ASCII punctuation character; the
only markup in the result is the highlight this module adds around the sentence.
"""

from __future__ import annotations

import dataclasses
import re

# Every ASCII punctuation character: CommonMark lets a backslash escape each one, and each is
# special somewhere (emphasis, links, HTML, tables, directives, maths, headings, lists).
_SPECIAL = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
# Spaces at the start of a line would make an indented code block.
_INDENT = re.compile(r"(?<=\n)[ \t]+")
HIGHLIGHT = ":orange-background[**{}**]"
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


@dataclasses.dataclass(frozen=True)
class Excerpt:
    """The text around a sentence: what comes before it, the sentence, what comes after."""

    before: str
    sentence: str
    after: str


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that shows exactly these characters and is never markup.

    Line breaks are kept as hard breaks (a line per line), paragraphs as paragraphs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _INDENT.sub("", text)
    escaped = _SPECIAL.sub(r"\\\1", text)
    paragraphs = re.split(r"\n{2,}", escaped)
    return "\n\n".join(p.replace("\n", "  \n") for p in paragraphs)


def clamp(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` limited to ``text`` and ordered (offsets may predate an edited text)."""
    start = max(0, min(int(start), len(text)))
    end = max(start, min(int(end), len(text)))
    return start, end


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the lines holding ``text[start:end]`` (from the line break before to the one after)."""
    start, end = clamp(text, start, end)
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


def excerpt(text: str, start: int, end: int, whole: bool = False) -> Excerpt:
    """The sentence at ``start:end`` and its paragraph (or the ``whole`` text) around it."""
    start, end = clamp(text, start, end)
    first, last = (0, len(text)) if whole else paragraph(text, start, end)
    return Excerpt(text[first:start], text[start:end], text[end:last])


def highlighted_markdown(part: Excerpt) -> str:
    """Escaped Markdown of ``part`` with its sentence highlighted (each of its lines, if several)."""
    marked = []
    for line in part.sentence.split("\n"):
        core = line.strip()
        # Emphasis must touch its words: "** x**" is not bold, so spaces stay outside the mark.
        lead, trail = line[: len(line) - len(line.lstrip())], line[len(line.rstrip()) :]
        marked.append(lead + HIGHLIGHT.format(escape_markdown(core)) + trail if core else "")
    # Escape the context separately so the highlight's own brackets stay the only markup.
    return escape_markdown(part.before.lstrip()) + "  \n".join(marked) + escape_markdown(part.after)


def marked_text(part: Excerpt) -> str:
    """Plain text of ``part`` with the sentence between ``⟦`` and ``⟧``, for copying or ``st.text``."""
    return f"{part.before}{MARK_OPEN}{part.sentence}{MARK_CLOSE}{part.after}"
