"""Publication dates found in an article's own text, for articles given without metadata.

Looked for, in order, in the first lines of the page (furniture already blanked):
1. a labelled date: "Published: …", "(Last Updated On: March 3, 2019)", "Created: 11/10/2016",
   and the " date 2021-08-03 " a page index puts first; in the last lines too, when the line is
   the label and its date alone (a labelled teaser of another story runs on after its date);
2. a line that is a date and little else: "Mon Oct 10 2016", "Saturday, 05 May 2018 16:18",
   "World News 3 March 2020 09:30 (UTC+04:30)", "By Staff Writer - Aug 9, 2021";
3. a dateline or a source line: "KABUL, 26 July 2021 -", "Xinhua, June 2, 2019";
4. the issue a page appeared in: "the March 2019 issue", kept to the month;
5. failing all, the latest full date the prose mentions (an embedded statement's "July 8,
   2021"): the article cannot be older, so only its month is kept. Timestamps, labelled dates
   and lists of dates are not prose: a comment's time, a teaser's "Last Updated", an archive's
   menu of days date another page.
An ambiguous numeric day/month ("11/10/2016") keeps only its year, unless the page's other
numeric dates all read one way ("25/10/2016"). A date without a year ("07 Aug") is never
completed.
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

NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.]" + _YEAR + r"\b")
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
    ("numeric", NUMERIC),
)


def _alternatives(words: tuple[str, ...]) -> str:
    """``(?:last\\s+updated|posted|…)``: longest first, so "last updated" wins over "updated"."""
    return (
        "(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        + ")"
    )


# "Published: …", "Posted on …", "(Last Updated On: …": a label opening a line or a part of one.
LABEL = re.compile(
    r"^\s*[(\[]?\s*" + _alternatives(lexicon.words("date_label")) + r"\b(?:\s+(?:on|at))?\s*[:\-–—]?\s*", re.I
)
# What may stand between a label and its date: nothing, or the author ("Published by Staff Writer on").
LABEL_GAP = re.compile(r"^(?:by\s+[^.!?\d]{1,40})?$", re.I)
# "KABUL, 26 July 2021 -", "KUNDUZ, Afghanistan, Oct 1, 2015 (Reuters) -": a dateline opening the story.
DATELINE = re.compile(r"^\s*[A-Z][A-Z' ./-]{2,30}(?:,\s*[A-Z][a-z]+)?(?:\s*\([^)]{1,40}\))?\s*[,\-–—]\s*")
# "Xinhua, June 2, 2019", "Kabul, Afghanistan, 3 May 2018 (Pajhwok) –": a source or a place in
# capitalised words, a comma, and the date.
SOURCE = re.compile(
    r"^\s*(?:By\s+)?(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}(?:,\s*[A-Z][a-z]+)?),\s*"
)
# After a date opening a line: the place of a dateline written date first ("12 May 2019, Kabul - ").
PLACE_AFTER = re.compile(r"^\s*,\s*[A-Z][\w'’.]*(?:[ /][A-Z][\w'’.]*){0,3}\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s")
# After a source line's date: a story opening ("(Xinhua) --", "–"), or a few words of page controls.
SOURCE_REST = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—:].*|(?:[\w'’]+\s*){0,4}:?)$", re.S)
_EDITION = _alternatives(lexicon.words("edition"))
# "the March 2019 issue", "Issue: May 2019"; not "the May 2019 edition of a survey" (another
# publication's edition, cited).
EDITION = re.compile(
    r"\b" + _MONTH + r",?\s+" + _YEAR + r"\s+" + _EDITION + r"\b(?!\s+of\b)"
    r"|\b"
    + _EDITION
    + r"\s*[:,]?\s*"
    + _MONTH.replace("month>", "month2>")
    + r",?\s+"
    + _YEAR.replace("year>", "year2>")
    + r"\b",
    re.I,
)
# A clock time, a time zone and its offset: "16:18", "4:00 pm", "09:30 (UTC+04:30)", "| ".
TIME = re.compile(
    r"\(?\b(?:utc|gmt)\s*[+\-−]\s*\d{1,2}(?::?\d\d)?\)?"
    r"|\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?|gmt|utc|pst|est|ist)?(?!\w)|\|",
    re.I,
)
# Right after a date: its time of day ("March 3, 2019 at 5:12 pm"); with little else after it, a
# timestamp (an event's "On 14 May 2017, at 14:00, in …" goes on).
STAMP = re.compile(r"^\s*,?\s*(?:at\s+)?(?=\d{1,2}:\d\d)", re.I)
BYLINE = re.compile(r"^\s*By\s+[^.!?\d]{1,40}$")
HEAD_LINES, TAIL_LINES = 12, 8
PERIOD_BOUNDS = set(lexicon.words("period_bound"))


@dataclasses.dataclass(frozen=True)
class Dated:
    date: dt.date
    precision: str  # day | month | year
    how: str  # labelled | byline | dateline | edition | latest_mention


def numeric_order(text: str) -> str | None:
    """``dmy`` or ``mdy`` when every numeric date of ``text`` that only one reading fits reads that way."""
    orders = set()
    for m in NUMERIC.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if 12 < a <= 31 and b <= 12:
            orders.add("dmy")
        elif 12 < b <= 31 and a <= 12:
            orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def _parse(m: re.Match, form: str, order: str | None) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    year = int(g["year"])
    if form == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 or order == "dmy":
            day, month = a, b
        elif b > 12 or order == "mdy" or a == b:
            day, month = b, a
        else:
            return dt.date(year, 1, 1), "year"  # 11/10/2016: 11 October or November 10?
    else:
        month = int(g["mnum"]) if form == "iso" else month_number(g["month"])
        day = int(g["day"])
    try:
        return dt.date(year, month, day), "day"
    except ValueError:
        return None


def find_dates(text: str, order: str | None = None) -> list[tuple[int, int, dt.date, str]]:
    """Every full date in ``text``: (start, end, date, precision), left to right, not overlapping.

    ``order`` (``dmy``, ``mdy``) reads ambiguous numeric dates; without it they keep their year only.
    """
    found: list[tuple[int, int, dt.date, str]] = []
    for form, regex in FORMS:
        for m in regex.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _, _ in found):
                continue
            parsed = _parse(m, form, order)
            if parsed:
                found.append((m.start(), m.end(), *parsed))
    return sorted(found)


def _little_else(rest: str) -> bool:
    """What is left of a line beside its date is at most a short label once times are removed."""
    return len(TIME.sub("", rest).strip(" ,-–—|()")) <= 12


def _is_date_line(line: str, order: str | None) -> tuple[dt.date, str] | None:
    """A line that is a date and little else: "Mon Oct 10 2016", "By Staff Writer - 05 May 2018 16:18"."""
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return None
    dates = find_dates(line, order)
    if len(dates) != 1:
        return None
    start, end, date, precision = dates[0]
    before = "" if BYLINE.match(line[:start].rstrip(" ,-–—|")) else line[:start]
    return (date, precision) if _little_else(before + line[end:]) else None


def _label_date(part: str, order: str | None) -> tuple[int, int, dt.date, str] | None:
    """The date a label opening ``part`` gives, with its span in ``part``: "Posted: Aug 10, 2018"."""
    label = LABEL.match(part)
    if not label:
        return None
    dates = find_dates(part[label.end() :], order)
    if not dates or not LABEL_GAP.match(
        TIME.sub("", part[label.end() : label.end() + dates[0][0]]).strip(" ,-–—")
    ):
        return None
    start, end, date, precision = dates[0]
    return label.end() + start, label.end() + end, date, precision


def _labelled(part: str, order: str | None, alone: bool) -> tuple[dt.date, str] | None:
    """A labelled date ("Posted: Aug 10, 2018 3:05 PM"); ``alone``: the line holds nothing more."""
    if not (found := _label_date(part, order)):
        return None
    _, end, date, precision = found
    return (date, precision) if not alone or _little_else(part[end:]) else None


def _source_line(line: str, order: str | None) -> tuple[dt.date, str] | None:
    """A dateline or a source line: "KABUL, 26 July 2021 - …", "Xinhua, June 2, 2019 Print page"."""
    if m := DATELINE.match(line):
        dates = find_dates(line[m.end() : m.end() + 40], order)
        if dates and dates[0][0] == 0:
            return dates[0][2], dates[0][3]
    dates = find_dates(line[:40], order)
    if dates and not line[: dates[0][0]].strip() and PLACE_AFTER.match(line[dates[0][1] :]):
        return dates[0][2], dates[0][3]
    m = SOURCE.match(line)
    if not m or any(w.lower().strip(".,") in WEEKDAYS for w in m["name"].split()):
        return None
    dates = find_dates(line[m.end() :], order)
    if dates and dates[0][0] == 0 and SOURCE_REST.match(TIME.sub("", line[m.end() + dates[0][1] :])):
        return dates[0][2], dates[0][3]
    return None


def _edition(line: str) -> dt.date | None:
    """The first day of the month of "the March 2019 issue", "Issue: May 2019"."""
    if len(line) > 100 or not (m := EDITION.search(line)):
        return None
    month, year = (m["month"], m["year"]) if m["month"] else (m["month2"], m["year2"])
    return dt.date(int(year), month_number(month), 1)


def _bound(text: str, start: int) -> bool:
    """The date at ``start`` is a period's bound: "since 1 January 2021", "between 3 and 5 August"."""
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in PERIOD_BOUNDS


def _mentions(lines: list[str], order: str | None) -> list[dt.date]:
    """The days the prose mentions: not a period's bound, a timestamp, a labelled date or a list of dates."""
    days = []
    for line in lines:
        if _is_date_line(line, order):
            continue  # not prose: below the byline, a teaser's or a comment's date
        listed = ("|" in line or "•" in line) and len(find_dates(line, order)) > 1
        for part in line.split("|"):
            dates = find_dates(part, order)
            labelled = _label_date(part, order)
            for start, end, date, precision in dates:
                stamp = (STAMP.match(part[end:]) and _little_else(part[end:])) or (
                    labelled and labelled[0] == start
                )
                if precision == "day" and not (listed or stamp or _bound(part, start)):
                    days.append(date)
    return days


def find_published(text: str) -> Dated | None:
    """The publication date an article's text gives, or None."""
    order = numeric_order(text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    head, tail = lines[:HEAD_LINES], lines[HEAD_LINES:][-TAIL_LINES:]
    # "By Nasir Ahmad | Published: 14 August 2021": a label in any part of a line split by bars. In
    # the last lines, only when no other line there is dated: comments and teasers come in lists.
    if sum(1 for ln in tail if find_dates(ln, order)) > 1:
        tail = []
    for lines_, alone in ((head, False), (tail, True)):
        for part in (part for ln in lines_ for part in ln.split("|")):
            if found := _labelled(part, order, alone):
                return Dated(*found, "labelled")
    # "Press release | Herat/Kabul, 2 August 2021": the one date of a line of page furniture, closing
    # it. (A date opening one, "02 July 2019 | Faryab | Qaisar", heads a row of a table of events;
    # "Sunday, 04 July 2021 | Saturday, 03 July 2021 | ..." is an archive's menu.)
    for ln in head:
        last = ln.split("|")[-1]
        for line in [ln] + ([last] if last != ln and len(find_dates(ln, order)) == 1 else []):
            if found := _is_date_line(line, order):
                return Dated(*found, "byline")
    for line in head:
        if found := _source_line(line, order):
            return Dated(*found, "dateline")
    for line in head:
        if date := _edition(line):
            return Dated(date, "month", "edition")
    if mentions := _mentions(lines, order):
        return Dated(max(mentions).replace(day=1), "month", "latest_mention")
    return None
