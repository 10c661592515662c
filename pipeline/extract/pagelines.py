"""A saved page as lines: which are chrome, where its story starts and where it ends.

What the readers of a page's own citation (``provenance.py``) share: they look above the story
for the headline and the byline, at its first line for a dateline, and below it for a
signature and the site's name.
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.extract import chrome
from pipeline.extract.page import furniture_lines
from pipeline.extract.published import DATELINE, LABEL, find_dates

# Words after a dateline that make its line the story's first ("KABUL (Reuters) - Afghan forces
# battled ..."); fewer, and the line may be a masthead ("UNAMA - United Nations Assistance ...").
DATELINE_WORDS = 8
SPACES = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def strip_label_date(line: str) -> str:
    """``line`` without the labelled date opening it: a page index's " date 2021-08-03 Left Menu" is
    "Left Menu" (so is "Published: 3 August 2021 Left Menu")."""
    label = LABEL.match(line)
    if not label:
        return line
    rest = line[label.end() :]
    dates = find_dates(rest)
    if dates and dates[0][0] == 0:
        return rest[dates[0][1] :]
    return line


def clean(line: str) -> str:
    """A line as a title or a name reads: no labelled date before it, spaces collapsed."""
    return SPACES.sub(" ", strip_label_date(line)).strip()


@dataclasses.dataclass(frozen=True)
class Page:
    """The lines of one page (as ``str.splitlines``), cleaned, with the story's first and last line."""

    lines: tuple[str, ...]  # as written
    cleaned: tuple[str, ...]  # ``clean`` of each
    chrome: frozenset[int]  # lines that page furniture rules mark (``page.furniture_lines``)
    start: int  # the first line of the story (a paragraph or a dateline); len(lines) when none
    end: int  # the last line of running text; -1 when none

    def words_after(self, i: int) -> frozenset[str]:
        """The lower-cased words of the page below line ``i``."""
        return frozenset(WORD.findall("\n".join(self.cleaned[i + 1 :]).lower()))

    def above(self) -> list[int]:
        """Indices of the non-blank lines above the story."""
        return [i for i in range(self.start) if self.cleaned[i]]

    def below(self) -> list[int]:
        """Indices of the non-blank lines below the story's last line of running text."""
        return [i for i in range(self.end + 1, len(self.lines)) if self.cleaned[i]]


def opens_story(line: str, following: str) -> bool:
    """Whether a cleaned line is running text, or a dateline opening it: "KABUL (Reuters) - Afghan
    forces ...", or cut over lines ("LASHKAR GAH, Afghanistan, July 30 Afghanistan's" above
    "Taliban have ..."); ``following`` is the next line."""
    if chrome.is_prose(line):
        return True
    m = DATELINE.match(line)
    return bool(m) and (
        chrome.words(line[m.end() :]) >= DATELINE_WORDS or chrome.has_date(line) or following[:1].islower()
    )


def read_page(text: str, furniture: set[int] | None = None) -> Page:
    """The page's lines, what is chrome, and where its story starts and ends; ``furniture``: its
    ``page.furniture_lines``, when already found."""
    lines = tuple(text.splitlines())
    cleaned = tuple(clean(line) for line in lines)
    masked = frozenset(furniture_lines(text) if furniture is None else furniture)
    following = [*cleaned[1:], ""]
    story = [i for i, line in enumerate(cleaned) if i not in masked and opens_story(line, following[i])]
    prose = [i for i, line in enumerate(cleaned) if i not in masked and chrome.is_prose(line)]
    start = story[0] if story else len(lines)
    end = prose[-1] if prose else -1
    return Page(lines, cleaned, masked, start, end)
