"""The outlet a page says it is from: its dateline, a byline naming it, its chrome, or whom people told.

In order of trust, the first found wins:

1. ``dateline``: the outlet in the dateline opening the story: "KABUL (Reuters) -", "Kabul
   [Afghanistan], August 9 (ANI):", "Qala-e-Naw (BNA) The ...", "AFP/Kandahar, Afghanistan". A
   name not in ``data/rules/outlets.csv`` counts only as an agency's initials ("(BNA)");
2. ``byline``: a byline that names an outlet, not a person ("By Khaama Press - Mon Oct 10 2016");
3. ``chrome``: the site's name where a page names itself: a line above the story that is the name
   alone or the name and a date ("Xinhua, May 8, 2017", "Example News | @examplenews | 13 Aug
   2021"), or a label and the name anywhere outside the story's paragraphs ("SOURCE: TRT World",
   "Follow Khaama Press on Twitter", "About Ariana News", "© 2021 Reuters");
4. ``carrier``: the one outlet the story's people speak to ("told AFP", "speaking to Reuters"),
   unless the page passes on other outlets' reporting ("citing local media", "the news portal
   reported", "according to The New York Times").

Photo credits ("REUTERS/Omar Sobhani", "— AFP/File") name the photo's agency, not the page's,
and list items (a caption's "- source" line) are never read. Outside the dateline, only outlets
of ``outlets.csv`` are named: a wrong outlet is worse than none.
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.extract import chrome, lexicon, outlets
from pipeline.extract.pagelines import Page
from pipeline.extract.published import find_dates

# A dateline with its outlet: a place (a byline may come first), a country or a date, the outlet
# in parentheses, then a dash, a colon or the story's first word.
DATELINE = re.compile(
    r"^(?:(?i:by)\s+[^()\n]{1,60}?\s+)?"
    r"[A-Z][\w'’.-]*(?:[ /-][A-Z][\w'’.-]*){0,3}"
    r"(?:\s*\[[^\]\n]{1,30}\])?"
    r"(?:,\s*[^,()\n]{1,25}){0,3}?"
    r"\s*\((?P<outlet>[^()\n]{2,40})\)"
    r"\s*(?:[-–—:]+|(?=[A-Z\"“‘']))"
)
# "AFP/Kandahar, Afghanistan": the agency, a slash and the place, alone on its line.
AGENCY_PLACE = re.compile(r"^(?P<outlet>[^/\n]{2,40})/[A-Z][\w'’ -]{2,30}(?:,\s*[A-Z][\w'’ -]{2,30})?$")
INITIALS = re.compile(r"^[A-Z]{2,6}$")
TOP_LINES = 2  # the first lines of a page, where a site's name may stand alone
OPENING_LINES = 3  # the story's first lines, where its dateline stands
BYLINE_LINES = 10  # lines above the story (and its first) looked at for a byline
BYLINE = re.compile(r"^(?:" + "|".join(lexicon.words("byline_label")) + r")\b\s*:?\s*", re.I)
# What may follow an outlet's name alone: a note in parentheses ("Khaama Press (KP)").
NOTE = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?")
# What may follow an outlet's name in a line that is the site's own: a date, a handle, a widget.
SITE_REST = re.compile(r"^\s*(?:[,|·•-]\s*|$)")
LABEL = re.compile(
    r"^\W{0,3}(?:" + "|".join(lexicon.words("outlet_label")) + r")\b\s*(?:us\s+on\s+)?:?\s*"
    r"|^\s*(?:\(c\)|©)\s*(?:(?:19|20)\d\d\s*)?",
    re.I,
)
CARRIER = re.compile(r"\b(?:" + "|".join(lexicon.words("carrier")) + r")\s+$", re.I)
RELAY = re.compile(r"(?<!\w)(?:" + "|".join(lexicon.words("relay")) + r")(?!\w)", re.I)
# "X reported", "reported X", "according to X", "X quoted": another outlet's reporting passed on.
RELAY_NEAR = re.compile(r"\b(?:reported|according\s+to|quoted|quoting|cited|citing)\s+$", re.I)
RELAY_AFTER = re.compile(r"^\s*(?:reported|said|quoted|wrote)\b")


@dataclasses.dataclass(frozen=True)
class Outlet:
    name: str  # the outlet's short name ("AFP")
    how: str  # dateline | byline | chrome | carrier
    line: int  # 0-based index of the line it was read from


def _named(name: str) -> str | None:
    """The short name of the outlet in a dateline's parentheses, or its initials when unknown."""
    name = name.strip()
    return outlets.whole(name) or (name if INITIALS.match(name) else None)


def from_dateline(page: Page) -> Outlet | None:
    """The outlet of the dateline opening the story (a caption above it may come first)."""
    opening = [i for i in range(page.start, len(page.lines)) if page.cleaned[i]][:OPENING_LINES]
    # A short first paragraph may stand above what reads as the story: "KABUL (AFP) - Officials
    # said the road was open.", "AFP/Kandahar, Afghanistan".
    for i in page.above()[-2:] + opening:
        if (m := DATELINE.match(page.cleaned[i])) and (name := _named(m["outlet"])):
            return Outlet(name, "dateline", i)
        if (m := AGENCY_PLACE.match(page.cleaned[i])) and (name := outlets.whole(m["outlet"])):
            return Outlet(name, "dateline", i)
    return None


def from_byline(page: Page) -> Outlet | None:
    """An outlet a byline names instead of a person: "By Khaama Press - Mon Oct 10 2016"."""
    for i in [*page.above(), page.start][:BYLINE_LINES]:
        if i >= len(page.lines) or not (m := BYLINE.match(page.cleaned[i])):
            continue
        found = outlets.at_start(page.cleaned[i][m.end() :])
        if found and SITE_REST.match(page.cleaned[i][m.end() + found[0] :]):
            return Outlet(found[1], "byline", i)
    return None


def _site_line(line: str, top: bool) -> str | None:
    """The outlet a line above the story names the site by: its name and a date ("Xinhua, May 8,
    2017", "Example News | @examplenews | 13 Aug 2021"), or, in the page's first lines (``top``),
    its name alone or with a note ("Khaama Press (KP)")."""
    first = line.split("|")[0]
    found = outlets.at_start(first)
    if not found:
        return None
    rest = line[found[0] :]
    alone = bool(NOTE.fullmatch(first[found[0] :]))  # the line's first cell is the name only
    dated = bool(find_dates(rest)) and (alone or bool(SITE_REST.match(rest)))
    return found[1] if dated or (top and alone) else None


def _labelled(line: str) -> str | None:
    """The outlet a label names: "SOURCE:TRTWorld and agencies", "Follow Khaama Press (KP) on ..."."""
    m = LABEL.match(line)
    found = outlets.at_start(line[m.end() :]) if m else None
    return found[1] if found else None


def _readable(page: Page, i: int) -> bool:
    """A line that may name the site: not a list item (a caption's "- source" line) or a caption."""
    line = page.cleaned[i]
    return not (chrome.BULLET.match(line) or chrome.is_caption(line))


def from_chrome(page: Page) -> Outlet | None:
    """The site's name where the page names itself, above the story or outside its paragraphs."""
    above = page.above()
    for i in above:
        line = page.cleaned[i]
        if _readable(page, i) and (name := _site_line(line, i in above[:TOP_LINES]) or _labelled(line)):
            return Outlet(name, "chrome", i)
    outside = [i for i in range(len(page.lines)) if i >= page.start and not chrome.is_prose(page.cleaned[i])]
    for i in outside:
        if page.cleaned[i] and _readable(page, i) and (name := _labelled(page.cleaned[i])):
            return Outlet(name, "chrome", i)
    return None


def _relays(page: Page, carried: str) -> bool:
    """Whether the page passes on other outlets' reporting than ``carried``'s."""
    for line in page.cleaned:
        if RELAY.search(line):
            return True
        for start, end, name in outlets.find(line):
            if name != carried and (RELAY_NEAR.search(line[:start]) or RELAY_AFTER.match(line[end:])):
                return True
    return False


def from_carrier(page: Page) -> Outlet | None:
    """The one outlet the story's people speak to ("told AFP"), unless the page relays others."""
    told: dict[str, int] = {}
    for i, line in enumerate(page.cleaned):
        for start, _, name in outlets.find(line):
            if CARRIER.search(line[:start]):
                told.setdefault(name, i)
    if len(told) != 1:
        return None
    name, i = next(iter(told.items()))
    return None if _relays(page, name) else Outlet(name, "carrier", i)


def find_outlet(page: Page) -> Outlet | None:
    """The outlet the page says it is from, by the most trusted reading that finds one."""
    for reader in (from_dateline, from_byline, from_chrome, from_carrier):
        if found := reader(page):
            return found
    return None
