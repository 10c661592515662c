"""A page's headline: the line above its story that reads as a headline, not as page chrome.

Only lines above the story's first paragraph or dateline are looked at, the first few of them,
and the first that passes every test is the headline:

- a headline's length (``MIN_WORDS`` to ``chrome.HEADLINE_MAX_WORDS`` words once its date is
  left out), not closed by a full stop, a colon or an ellipsis ("!" and "?" may close one);
- not chrome: not a line the furniture rules mark, a menu, a ticker, a list item, a photo
  caption, a byline, a date line, a row of links split by bars or slashes, the site's name
  alone, or a line holding words of the ``not_title`` family ("Skip to main content", a
  cookie banner, "2 min read");
- not a section of a report ("South: Fighting escalates ..."; words of ``section_word``);
- not the first line of a paragraph cut over several lines (the next line goes on in lower case);
- one of its words comes back below it: a headline is about its story, a banner is not.

"Taliban seize Kunduz | Reuters" is the headline "Taliban seize Kunduz" on Reuters' site: the
outlet closing it is returned apart (``Headline.outlet``).
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.extract import chrome, lexicon, outlets
from pipeline.extract.pagelines import WORD, Page
from pipeline.extract.published import TIME, find_dates

MIN_WORDS = 4
LOOK_LINES = 8  # non-blank lines above the story looked at
# "Taliban seize Kunduz | Reuters", "... - The Associated Press": a headline and the site's name.
SITE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+[|–—-]\s+(?P<site>[^|–—-]+)$")
# A row of links: "Home | World | Asia", "Home / Latest Updates / A story", "Home » News » Asia"
# (one bar may part a headline from its kind or date: "Q&A | ...", "... | 20 October 2016").
LINK_ROW = re.compile(r"\s[|»›]\s.*\s[|»›]\s|\s/\s.*\s/\s")
# "UNAMA - United Nations Assistance Mission in Afghanistan": initials and what they stand for,
# a site's or an office's name.
EXPANSION = re.compile(r"^(?P<initials>[A-Z]{2,8})\s+[-–—:|]\s+(?P<name>.+)$")
# What may follow a site's name in its masthead: nothing, a note, a motto after a bar or a dash.
SITE_MOTTO = re.compile(r"\s*(?:\([^()]*\)\s*$|$|[|–—-]\s)")
BYLINE = re.compile(r"^(?:" + "|".join(lexicon.words("byline_label")) + r")\b\s*:?\s*[A-Z]", re.I)
NOT_TITLE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in lexicon.words("not_title")) + r")(?!\w)", re.I
)
SECTION_WORDS = frozenset(lexicon.words("section_word"))
CLOSED = re.compile(r"(?:[.:;,]|\.\.\.|…)[\"'”’)\]]*$")
COMMON = frozenset(lexicon.words("common_word"))


@dataclasses.dataclass(frozen=True)
class Headline:
    line: int  # 0-based index of its line in ``text.splitlines()``
    title: str
    outlet: str | None = None  # the site's name closing the line, when it names a known outlet


def _undated_words(line: str) -> int:
    """How many words ``line`` has once its dates and clock times are left out."""
    kept = line
    for start, end, _, _ in reversed(find_dates(line)):
        kept = kept[:start] + " " + kept[end:]
    return chrome.words(TIME.sub(" ", chrome.MONTH_DAY.sub(" ", kept)))


def _section(line: str) -> bool:
    """Whether ``line`` heads a section of a report: "South: Fighting ...", "Central Region: ..."."""
    label, colon, _ = line.partition(":")
    words = label.lower().split()
    return bool(colon) and 0 < len(words) <= 3 and all(w in SECTION_WORDS for w in words)


def _stem(word: str) -> str:
    """A word without a plural's "s" ("reports" -> "report")."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _about_the_story(line: str, below: frozenset[str]) -> bool:
    """Whether a word of ``line`` (not a common one) comes back in the text below it."""
    stems = {_stem(w) for w in below}
    return any(len(w) >= 4 and w not in COMMON and _stem(w) in stems for w in WORD.findall(line.lower()))


def _masthead(line: str) -> bool:
    """A site's or an office's name: an outlet alone, with a note or a motto ("Example News (KP)",
    "Example News | Online Newspaper"), or initials and the words they stand for ("UNAMA - United
    Nations Assistance Mission in Afghanistan")."""
    found = outlets.at_start(line)
    if found and SITE_MOTTO.match(line[found[0] :]):
        return True
    m = EXPANSION.match(line)
    if not m:
        return False
    initials = [w[0] for w in m["name"].split() if w[:1].isupper()]
    return "".join(initials).startswith(m["initials"][:2]) and len(initials) >= len(m["initials"]) - 1


def split_site(line: str) -> tuple[str, str | None]:
    """The headline and the outlet closing it: "Taliban seize Kunduz | Reuters" -> (..., "Reuters")."""
    m = SITE_SUFFIX.match(line)
    if m and (site := outlets.whole(m["site"])):
        return m["head"].strip(), site
    return line, None


def is_headline(line: str) -> bool:
    """Whether one cleaned line, on its own, reads as a headline rather than chrome."""
    n = _undated_words(line)
    return (
        MIN_WORDS <= n <= chrome.HEADLINE_MAX_WORDS
        and not CLOSED.search(line)
        and not line[:1].islower()
        and not chrome.BULLET.match(line)
        and not BYLINE.match(line)
        and not LINK_ROW.search(line)
        and not NOT_TITLE.search(line)
        and not _section(line)
        and not _masthead(line)
        and not (chrome.is_caption(line) or chrome.is_ticker(line) or chrome.is_menu(line))
        and not chrome.is_hashtags(line)
        and not chrome.is_footer(line)
    )


def _wrapped(page: Page, i: int) -> bool:
    """Whether line ``i`` runs on into the next line, in lower case: a paragraph cut over lines."""
    return i + 1 < len(page.lines) and page.cleaned[i + 1][:1].islower()


def find_headline(page: Page) -> Headline | None:
    """The page's headline, or None when no line above its story reads as one."""
    for i in page.above()[:LOOK_LINES]:
        if i in page.chrome:
            continue
        title, site = split_site(page.cleaned[i])
        if is_headline(title) and not _wrapped(page, i) and _about_the_story(title, page.words_after(i)):
            return Headline(i, title, site)
    return None
