"""Publication dates found in an article's own text, for articles given without metadata.

Looked for, in order: a labelled date ("Published: …", "Created: 11/10/2016"), a line
near the top or the bottom that is a date and little else (a byline or dateline: "Mon
Oct 10 2016", "Saturday, 05 May 2018 16:18"), and, failing both, the latest full date
the text mentions (an embedded statement's "July 8, 2021"): the article cannot be older,
so it is kept with month precision only. An ambiguous numeric day/month ("11/10/2016")
keeps only its year rather than a guess presented as fact. Run on text whose page
furniture is already blanked, so a related-stories list never dates an article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from pipeline.extract import lexicon
from pipeline.extract.months import MONTH, WEEKDAY_ABBREVIATIONS, WEEKDAYS, month_number

_MONTH = MONTH
_WEEKDAY = r"(?:(?:" + "|".join([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS]) + r")\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

FORMS = (
    ("iso", re.compile(_YEAR + r"-(?P<mnum>\d\d)-(?P<day>\d\d)\b")),
    (
        "month_day_year",
        re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    ),
    (
        "day_month_year",
        re.compile(r"\b" + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    ),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.]" + _YEAR + r"\b")),
)
LABEL = re.compile(
    r"^\s*(?:first\s+)?(?:published|updated|last updated|created|posted|date|dated)\b"
    r"(?:\s+on)?\s*[:\-–—]?\s*",
    re.I,
)
# "KABUL, 26 July 2021 -", "KUNDUZ, Afghanistan, Oct 1, 2015 (Reuters) -": a dateline opening the story.
DATELINE = re.compile(r"^\s*[A-Z][A-Z' .-]{2,30}(?:,\s*[A-Z][a-z]+)?(?:\s*\([^)]{1,40}\))?,\s*")
TIME = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:am|pm|gmt|utc|pst|est|ist)?\b|\|", re.I)
HEAD_LINES, TAIL_LINES = 12, 8
PERIOD_BOUNDS = set(lexicon.words("period_bound"))


@dataclasses.dataclass(frozen=True)
class Dated:
    date: dt.date
    precision: str  # day | month | year
    how: str  # labelled | byline | latest_mention


def _parse(m: re.Match, form: str) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    year = int(g["year"])
    if form == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and b <= 12:
            day, month, precision = a, b, "day"
        elif b > 12 and a <= 12:
            day, month, precision = b, a, "day"
        elif a == b:
            day, month, precision = a, a, "day"
        else:
            return dt.date(year, 1, 1), "year"  # 11/10/2016: 11 October or November 10?
    else:
        month = int(g["mnum"]) if form == "iso" else month_number(g["month"])
        day, precision = int(g["day"]), "day"
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date, str]]:
    """Every full date in ``text``: (start, end, date, precision), left to right, not overlapping."""
    found: list[tuple[int, int, dt.date, str]] = []
    for form, regex in FORMS:
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _, _ in found):
                continue
            parsed = _parse(m, form)
            if parsed:
                found.append((m.start(), m.end(), *parsed))
    return sorted(found)


def _is_date_line(line: str) -> tuple[dt.date, str] | None:
    """A line that is a date and little else: "Mon Oct 10 2016", "Saturday, 05 May 2018 16:18"."""
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    start, end, date, precision = dates[0]
    rest = TIME.sub("", line[:start] + line[end:]).strip(" ,-–—|()")
    return (date, precision) if len(rest) <= 12 else None


def _bound(text: str, start: int) -> bool:
    """The date at ``start`` is a period's bound: "since 1 January 2021", "between 3 and 5 August"."""
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in PERIOD_BOUNDS


def find_published(text: str) -> Dated | None:
    """The publication date an article's text gives, or None."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    edge = lines[:HEAD_LINES] + lines[-TAIL_LINES:]
    # "By Nasir Ahmad | Published: 14 August 2021": a label in any part of a line split by bars.
    for line in (part for ln in edge for part in ln.split("|")):
        label = LABEL.match(line)
        if label and (dates := find_dates(line[label.end() :])):
            return Dated(dates[0][2], dates[0][3], "labelled")
    # "Press release | Herat/Kabul, 2 August 2021": the one date of a line of page furniture, closing
    # it. (A date opening one, "02 July 2019 | Faryab | Qaisar", heads a row of a table of events;
    # "Sunday, 04 July 2021 | Saturday, 03 July 2021 | ..." is an archive's menu.)
    for ln in edge:
        last = ln.split("|")[-1]
        for line in [ln] + ([last] if last != ln and len(find_dates(ln)) == 1 else []):
            if parsed := _is_date_line(line):
                return Dated(*parsed, "byline")
    for line in lines[:HEAD_LINES]:
        dates = find_dates(line[m.end() : m.end() + 40]) if (m := DATELINE.match(line)) else []
        if dates and dates[0][0] == 0:
            return Dated(dates[0][2], dates[0][3], "dateline")
    # "since 1 January 2021" opens a period that runs to the publication: it dates nothing.
    mentions = [(d, p) for start, _, d, p in find_dates(text) if p == "day" and not _bound(text, start)]
    if mentions:
        return Dated(max(mentions)[0].replace(day=1), "month", "latest_mention")
    return None
