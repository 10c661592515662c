"""The author a page names: a byline, a name between headline and date, or a name signing it off.

- ``byline``: "By Jane Doe", "by Jane Doe | @jdoe | Example News", "By Jane Doe KABUL (Reuters) -",
  "By Jane Doe-KABUL:" above the story or opening it; "Reporting by Jane Doe" below it;
- ``byline`` too: a name alone on the line between the headline and the date line, as many
  sites set it out ("Frederick Owens" over "August 18, 2018");
- ``signature``: a name alone on the line right after the story's last paragraph, when none of
  its words is used in lower case on the page (a name, not "Show More") and none is a place,
  an armed group or page chrome.

A name is two to four capitalised words or initials ("T. Yarzada"); one holding a word of the
``org_word`` family ("Staff Reporter", "Web Desk", "Khaama Press") is a desk or an outlet, never
an author.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from pipeline.extract import chrome, lexicon, outlets
from pipeline.extract.headline import is_headline
from pipeline.extract.months import MONTHS, WEEKDAYS
from pipeline.extract.pagelines import Page
from pipeline.extract.places import load_gazetteer
from pipeline.extract.published import find_dates

_TOKEN = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|[A-Z]\.)"
_PARTICLE = r"(?:al|el|bin|ibn|van|von|de|da|del|ul|ud)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}[\s-])?{_TOKEN}){{1,3}}"
NAME = re.compile(rf"^{_NAME}$")
_LABELS = "|".join(w.replace(" ", r"\s+") for w in lexicon.words("byline_label"))
# "By Jane Doe" (and "Jane Doe and John Roe"), closed by the line's end, a separator, or the
# capitals of a dateline ("By Jane Doe KABUL (Reuters)", "By Jane Doe-KABUL:").
BYLINE = re.compile(
    rf"^(?i:{_LABELS})\s*:?\s+(?P<name>{_NAME}(?:\s+and\s+{_NAME})?)"
    r"(?=\s*$|\s*[|,;:–—]|\s+-\s|-?(?:\s*)[A-Z]{2,}\b)"
)
# Below the story, only a label naming the writer or the reporter: "Reporting by Jane Doe; ...".
REPORTING = re.compile(
    r"^(?i:" + "|".join(w.replace(" ", r"\s+") for w in lexicon.words("byline_label") if " " in w) + r")\s"
)
ORG_WORDS = frozenset(lexicon.words("org_word"))
CUES = lexicon.furniture_cues()
SIGNATURE_WORDS = (2, 3)
BYLINE_LINES = 10  # lines above the story (and its first) looked at for a byline


@dataclasses.dataclass(frozen=True)
class Author:
    name: str
    how: str  # byline | signature
    line: int  # 0-based index of the line it was read from


@functools.cache
def _not_names() -> frozenset[str]:
    """Lower-cased words that are places, armed groups or victims rather than people's names."""
    places = {spelling.lower() for spelling, _ in load_gazetteer().aliases}
    groups = {w.lower() for words in lexicon.victims().values() for w in words}
    return frozenset(w for name in places | groups for w in name.split())


def person(name: str) -> bool:
    """Whether ``name`` names a person: not a desk, an outlet, a month or a place."""
    words = [w.strip(".").lower() for w in name.split()]
    return (
        bool(NAME.match(name.split(" and ")[0]))
        and not ORG_WORDS.intersection(words)
        and not any(w in MONTHS or w in WEEKDAYS for w in words)
        and outlets.at_start(name) is None
    )


def _byline(line: str) -> str | None:
    m = BYLINE.match(line)
    return m["name"] if m and all(person(n) for n in m["name"].split(" and ")) else None


def _date_line(line: str) -> bool:
    """A line that is a date and little else: "August 18, 2018"."""
    dates = find_dates(line)
    return len(dates) == 1 and chrome.words(line[: dates[0][0]] + line[dates[0][1] :]) <= 2


def _between_headline_and_date(page: Page, above: list[int], k: int) -> bool:
    """Whether the ``k``-th line above the story has a headline above it and a date line below it."""
    return (
        0 < k < len(above) - 1
        and is_headline(page.cleaned[above[k - 1]])
        and _date_line(page.cleaned[above[k + 1]])
    )


def _story_end(page: Page) -> int:
    """The story's last line: its last paragraph, and the short sentences right after it."""
    end = page.end
    for i in page.below():
        if i in page.chrome or not chrome.SENTENCE_END.search(page.cleaned[i]):
            break
        end = i
    return end


def _signature(page: Page) -> Author | None:
    """A name alone right after the story's last sentence."""
    end = _story_end(page)
    after = [i for i in range(end + 1, len(page.lines)) if page.cleaned[i]]
    if page.end < 0 or not after:
        return None
    i = after[0]
    line = page.cleaned[i]
    words = [w.strip(".").lower() for w in line.split()]
    if not (SIGNATURE_WORDS[0] <= len(words) <= SIGNATURE_WORDS[1]) or not person(line):
        return None
    if line.lower() in CUES["whole"] or _not_names().intersection(words):
        return None
    lower = {w for text in page.cleaned for w in re.findall(r"\b[a-z][a-z'’-]+\b", text)}
    return None if lower.intersection(words) else Author(line, "signature", i)


def find_author(page: Page) -> Author | None:
    """The author the page names, or None."""
    above = page.above()
    for k, i in enumerate([*above, page.start][:BYLINE_LINES]):
        if i >= len(page.lines):
            break
        if name := _byline(page.cleaned[i]):
            return Author(name, "byline", i)
        alone = i in above and NAME.match(page.cleaned[i]) and person(page.cleaned[i])
        if alone and _between_headline_and_date(page, above, k):
            return Author(page.cleaned[i], "byline", i)
    for i in page.below():
        if REPORTING.match(page.cleaned[i]) and (name := _byline(page.cleaned[i])):
            return Author(name, "byline", i)
    return _signature(page)
