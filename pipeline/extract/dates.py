"""When things happened: time expressions in a sentence resolved against the publication date.

Document-time anchoring in the TimeML sense: "on Monday", "yesterday", "last week",
"earlier this month", "last September's" are resolved against the article's
publication date; explicit dates win. Pure functions; no IO.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from pipeline import vocab
from pipeline.extract import lexicon
from pipeline.extract.months import MONTH, WEEKDAYS, month_number

_MONTH = MONTH
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

# (name, pattern, is_background). Order matters: the first pattern to claim a span wins.
CUES: tuple[tuple[str, str, bool], ...] = (
    (
        "range",
        r"\bsince (?:the (?:start|beginning) of )?(?:early |late |mid-?)?[\w ,]{0,20}?(?=[\s,.;]|$)",
        False,
    ),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b", False),
    ("month_day_year", _MONTH + r" (?P<day>\d{1,2}),? (?P<year>(?:19|20)\d\d)\b", False),
    ("day_month_year", r"\b(?P<day>\d{1,2}) " + _MONTH + r",? (?P<year>(?:19|20)\d\d)\b", False),
    ("month_day", r"\b" + _MONTH + r" (?P<day>\d{1,2})\b(?!,? (?:19|20)\d\d)", False),
    ("day_month", r"\b(?P<day>\d{1,2}) " + _MONTH + r"\b(?!,? (?:19|20)\d\d)", False),
    ("last_month_name", r"\blast " + _MONTH + r"(?:'s|’s)?\b", True),
    ("in_month", r"\bin " + _MONTH + r"\b(?! \d)", False),
    ("in_year", r"\bin (?P<year>(?:19|20)\d\d)\b", False),
    ("yesterday", r"\byesterday\b|\blast night\b", False),
    ("today", r"\btoday\b|\bthis morning\b|\btonight\b", False),
    ("weekday", r"\b" + _WEEKDAY + r"(?:'s|’s)?\b", False),
    ("day_ago", r"\ba day (?:after|earlier|ago|before)\b|\bthe day before\b", False),
    ("week_ago", r"\blast week\b|\ba week (?:after|ago|earlier)\b", True),
    ("month_ago", r"\blast month\b|\ba month (?:after|ago|earlier)\b", True),
    ("year_ago", r"\blast year\b|\ba year (?:after|ago|earlier)\b", True),
    ("this_month", r"\bearlier this month\b", True),
    ("recent_months", r"\bin recent months\b|\bover (?:the )?recent months\b", True),
    # A recalled episode: "earlier this year", "over the past year", "three months ago", "before that".
    ("this_year", r"\bearlier (?:this|in the) year\b", True),
    (
        "units_ago",
        r"\b(?P<count>two|three|four|five|six|several|a few|\d+) (?P<unit>week|month|year)s ago\b",
        True,
    ),
    # "over the past year" spans two calendar years: earlier, but with no date of its own.
    (
        "undated_past",
        r"\b(?:before that|prior to that|previously)\b"
        r"|\b(?:over|in|during) the (?:past|last) (?:year|12 months|twelve months)\b",
        True,
    ),
)
_REPORTING_VERB = r"\b(?:" + "|".join(sorted(lexicon.words("reporting_verb"))) + r")\b"
REPORTING = re.compile(_REPORTING_VERB + r"(?:\s+[\w@#'’-]+){0,2}\s*$", re.IGNORECASE)
CUE_RE = [(name, re.compile(pattern, re.IGNORECASE), bg) for name, pattern, bg in CUES]


@dataclasses.dataclass(frozen=True)
class Cue:
    name: str
    start: int  # character offsets within the sentence
    end: int
    groups: dict
    is_background: bool


@dataclasses.dataclass(frozen=True)
class When:
    date: dt.date | None
    precision: str | None
    is_background: bool = False


@functools.lru_cache(maxsize=4096)
def find_cues(sentence: str) -> tuple[Cue, ...]:
    """Time expressions in a sentence, not overlapping, left to right."""
    taken: list[tuple[int, int]] = []
    cues: list[Cue] = []
    for name, regex, bg in CUE_RE:
        for m in regex.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            cues.append(Cue(name, m.start(), m.end(), m.groupdict(), bg))
    return tuple(sorted(cues, key=lambda c: c.start))


def _month(groups: dict) -> int:
    return month_number(groups["month"])


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _coarsest(*precisions: str) -> str:
    return max(precisions, key=vocab.PRECISION_RANK.__getitem__)


def resolve(cue: Cue | None, published: dt.date | None, precision: str | None) -> When:
    """The date a cue points to, given the article's publication date and its precision."""
    if published is None or precision is None:
        if cue is not None and cue.name in ("iso", "month_day_year", "day_month_year"):
            return resolve(cue, dt.date(int(cue.groups["year"]), 1, 1), "year")
        return When(None, None, bool(cue and cue.is_background))
    anchor = When(published, precision)
    if cue is None or cue.name == "range":
        return anchor
    g, name, bg = cue.groups, cue.name, cue.is_background
    year = published.year
    if name == "iso":
        d = _safe(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return When(d, "day", False) if d else anchor
    if name in ("month_day_year", "day_month_year"):
        d = _safe(int(g["year"]), _month(g), int(g["day"]))
        return When(d, "day") if d else anchor
    if name in ("month_day", "day_month"):
        d = _safe(year, _month(g), int(g["day"]))
        if d and precision != "year" and d > published:
            d = _safe(year - 1, _month(g), int(g["day"]))
        return When(d, "day") if d else anchor
    if name in ("last_month_name", "in_month"):
        month = _month(g)
        known_month = precision != "year"
        if name == "last_month_name":
            y = year - 1 if (not known_month or month >= published.month) else year
        else:
            y = year - 1 if (known_month and month > published.month) else year
        return When(dt.date(y, month, 1), "month", bg)
    if name == "in_year":
        y = int(g["year"])
        return When(dt.date(y, 1, 1), "year", y < year)
    if name == "undated_past":
        return When(None, None, True)  # earlier, but the text does not say when
    if name == "this_year":
        return When(dt.date(year, 1, 1), "year", True)
    if name == "units_ago":
        return _ago(g["count"].lower(), g["unit"], published, precision)
    if precision != "day":
        # Relative days cannot be placed inside a month or a year: keep the coarser anchor.
        if name in ("week_ago", "month_ago") and precision == "month":
            return When(published, "month", bg)
        if name == "year_ago":
            return When(dt.date(year - 1, published.month, 1), _coarsest(precision, "year"), bg)
        return When(published, precision, bg)
    if name in ("yesterday", "day_ago"):
        return When(published - dt.timedelta(days=1), "day")
    if name == "today":
        return anchor
    if name == "weekday":
        back = (published.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        return When(published - dt.timedelta(days=back), "day")
    if name == "week_ago":
        return When(published - dt.timedelta(days=7), "day", bg)
    if name == "month_ago":
        prev = published.replace(day=1) - dt.timedelta(days=1)
        return When(prev.replace(day=1), "month", bg)
    if name == "year_ago":
        return When(dt.date(year - 1, published.month, 1), "month", bg)
    if name in ("this_month", "recent_months"):
        return When(published.replace(day=1), "month", bg)
    return anchor


COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _ago(count: str, unit: str, published: dt.date, precision: str) -> When:
    """ "three months ago", "two years ago": that month or year; "several months ago" has no date."""
    n = int(count) if count.isdigit() else COUNTS.get(count)
    if n is None:
        return When(None, None, True)
    if unit == "year":
        return When(dt.date(published.year - n, 1, 1), "year", True)
    if unit == "month" and precision != "year":
        months = published.year * 12 + published.month - 1 - n
        return When(dt.date(months // 12, months % 12 + 1, 1), "month", True)
    if unit == "week" and precision == "day":
        return When(published - dt.timedelta(weeks=n), "day", True)
    return When(dt.date(published.year, 1, 1), "year", True) if unit == "week" else When(None, None, True)


# Cues that date a noun phrase ("a major offensive by NATO troops in 2010"), not the whole
# sentence: they count only within their own clause.
PHRASE_BOUND = {"in_year", "in_month", "last_month_name"}


def _clause_break(sentence: str, cue: Cue, at: int) -> bool:
    lo, hi = sorted((cue.start, at))
    between = sentence[lo:hi] if at < cue.start else sentence[cue.end : at]
    if at > cue.end and re.match(r",\s+when\b", between) and not any(m in between[1:] for m in (",", ";")):
        return False  # "last October, when they briefly seized ...": the clause the cue opens
    return any(mark in between for mark in (",", ";", " — ", " - "))


def nearest_cue(cues: tuple[Cue, ...], at: int, sentence: str) -> Cue | None:
    """The cue that dates what is said at character ``at`` of the sentence.

    A cue after a reporting verb ("officials said on Tuesday") dates the statement, not the
    event; "a week after X" dates only X, so it counts only for what follows it.
    """
    usable = [
        c
        for c in cues
        if c.name != "range"
        and not REPORTING.search(sentence[max(0, c.start - 30) : c.start])
        and not (" after" in sentence[c.start : c.end].lower() and at < c.start)
        and not (c.name in PHRASE_BOUND and _clause_break(sentence, c, at))
    ]
    if not usable:
        return None
    return min(usable, key=lambda c: 0 if c.start <= at < c.end else min(abs(c.start - at), abs(c.end - at)))
