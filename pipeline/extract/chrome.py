"""Page chrome told by its layout: tickers, menus, tag lists, headline bullets, photo credits.

Each test here looks at the shape of a line (its separators, length, final punctuation),
never at an outlet's words, so it holds on pages no rule has seen. ``page.py`` combines
them with the cue table of ``data/rules/furniture.csv``.
"""

from __future__ import annotations

import re

from pipeline.extract.published import find_dates

# Separators of a row of links or headlines: "a • b • c", "a | b | c", "a · b".
ROW_SEPARATOR = re.compile(r"\s+[•|·]\s+|\s*•\s*")
# A menu set out with wide gaps: "Home   Afghanistan   Asia   World".
GAP = re.compile(r"\s{3,}")
# A list item: "- ", "• ", "* ", "1. ", "2) ", or the marker alone on its line.
BULLET = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])(?:\s+|$)")
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]")
# A headline closed by its date: "Floods hit the north - November 6, 2020", "... (Aug 10, 2016)".
DATED = re.compile(r"^(?P<head>.+?)(?:\s+[-–—|]\s+(?P<date>[^-–—|]+)|\s*\((?P<paren>[^()]+)\))\s*$")
# A footer: "(c) 2016 Example News", "... All rights reserved." ("(c) the army ..." is a list item).
FOOTER = re.compile(r"^\s*\(c\)\s*(?:19|20)\d\d\b|\ball rights reserved\b", re.I)
# A line of hashtags: "#Kabul #Taliban #Afghanistan".
HASHTAGS = re.compile(r"^\s*(?:#\w+[\s,]*){2,}$")
# The end of a sentence, closing quotes and brackets allowed after it.
SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")
ELLIPSIS = re.compile(r"(?:…|\.\.+)[\"'”’)\]]*\s*$")
# A photo credit closing a caption: "REUTERS/Omar Sobhani", "— AFP/File", "2016. / TRT World",
# "(Photo by Jane Doe / AFP)", "| Photo Credit: AP".
CREDIT = re.compile(
    r"(?:\b[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*\s?/\s?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*"
    r"|[.)]\s+/\s+[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,4}"
    r"|\((?i:photo|image|picture)s?(?i:\s+by|\s+credit)?:?\s[^()]{1,60}\)"
    r"|\b(?i:photo|image|picture)\s*(?i:credit)?\s*:\s*[^.:]{1,50})\s*$"
)
# Lines laid out as a table: cells set apart by tabs, wide gaps or bars.
TABLE_ROW = re.compile(r"\t|\S\s{3,}\S|\|.*\|")
WRAPPED_SHARE = 0.2  # a page whose lines run on into lower-case lines this often is hard-wrapped
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
MONTH_DAY = re.compile(rf"\b{_MON}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MON}(?!\w)", re.I)

TICKER_SEGMENTS = 3  # a row of at least this many items ...
HEADLINE_WORDS = 4  # ... at least two of them headlines of at least this many words
MENU_ITEMS, MENU_ITEM_WORDS = 4, 3  # "Home | News | World | Sport": short items, no digits
RUN_LINES, RUN_LINE_WORDS = 4, 5  # a run of short labels: topic tags, a menu set one per line
PROSE_WORDS, LONG_PROSE_WORDS = 12, 25  # a sentence line; a line long enough to be prose anyway
HEADLINE_MAX_WORDS = 20


def words(line: str) -> int:
    """How many whitespace-separated words ``line`` has."""
    return len(line.split())


def has_date(line: str) -> bool:
    """Whether ``line`` carries a date ("Aug 10, 2018", "13 Aug 2021", "Aug. 09"): a byline to keep."""
    return bool(find_dates(line) or MONTH_DAY.search(line))


def is_prose(line: str) -> bool:
    """A line of running text: a long sentence, not a headline or a teaser cut off with "…"."""
    n = words(line)
    if ELLIPSIS.search(line):
        return False
    return n >= LONG_PROSE_WORDS or (n >= PROSE_WORDS and bool(SENTENCE_END.search(line)))


def is_headline(text: str) -> bool:
    """A headline-like piece of text: a few words, no closing full stop ("8 killed in X")."""
    n = words(text)
    return 0 < n <= HEADLINE_MAX_WORDS and not SENTENCE_END.search(text) and not has_date(text)


def is_ticker(line: str) -> bool:
    """A row of unrelated headlines: "Putin congratulates Macron • 8 killed in Egypt • ..."."""
    parts = [p for p in ROW_SEPARATOR.split(line.strip()) if p.strip()]
    if len(parts) < TICKER_SEGMENTS or has_date(line):
        return False
    # "1,300 families displaced | 4 clinics closed" is a row of key figures, not of headlines.
    if all(p.strip()[:1].isdigit() for p in parts):
        return False
    return sum(words(p) >= HEADLINE_WORDS and is_headline(p) for p in parts) >= 2


def is_menu(line: str) -> bool:
    """A row of short links: "Home | Afghanistan | World | Sport" or items set apart by wide gaps."""
    for sep in (ROW_SEPARATOR, GAP):
        parts = [p.strip() for p in sep.split(line.strip()) if p.strip()]
        if len(parts) >= MENU_ITEMS and all(
            words(p) <= MENU_ITEM_WORDS and not any(c.isdigit() for c in p) for p in parts
        ):
            return True
    return False


def is_dated_headline(line: str) -> bool:
    """A headline closed by a date ("Floods hit the north - November 6, 2020"): an item of a list."""
    m = DATED.match(BULLET.sub("", line.strip()))
    if not m:
        return False
    date = m["date"] or m["paren"]
    return words(m["head"]) >= HEADLINE_WORDS and is_headline(m["head"]) and bool(find_dates(date))


def dated_headlines(lines: list[str]) -> set[int]:
    """Lines of runs of two or more headlines each closed by its date: a list of other stories.

    One such line may be the article's own headline and date; two in a row are a list (bullet
    markers alone on their lines between them allowed).
    """
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, "end of the page"]):
        if not line.strip() or BULLET.match(line) and not BULLET.sub("", line).strip():
            continue
        if i < len(lines) and is_dated_headline(line):
            run.append(i)
            continue
        if len(run) >= 2:
            out.update(range(run[0], run[-1] + 1))
        run = []
    return out


def is_hashtags(line: str) -> bool:
    """A line of hashtags and nothing else: "#Kabul #Taliban #Afghanistan"."""
    return bool(HASHTAGS.match(line))


def is_footer(line: str) -> bool:
    """A copyright footer: "(c) 2016 Example News. All rights reserved."."""
    return bool(FOOTER.search(line))


def is_label(line: str) -> bool:
    """A short line of a tag list or a menu set one item per line: no digits, no sentence."""
    n = words(line)
    return 0 < n <= RUN_LINE_WORDS and not any(c.isdigit() for c in line) and not SENTENCE_END.search(line)


def is_caption(line: str) -> bool:
    """A photo caption closed by its credit: "... in Kabul. REUTERS/Omar Sobhani"."""
    # A sentence ending on a slash-joined name by chance ("said the UN/OCHA.") keeps its full stop.
    return bool(CREDIT.search(line.rstrip())) and words(line) >= 4 and not SENTENCE_END.search(line)


def bullet_items(lines: list[str]) -> list[tuple[int, int]]:
    """List items as (first line, line after the last): a bullet and the lines it wraps onto.

    An item runs on over following lines until a blank line, another bullet, or the end of a
    sentence ("- The Taliban have killed\\nmore than 200 soldiers." is one item).
    """
    items = []
    i = 0
    while i < len(lines):
        if not BULLET.match(lines[i]):
            i += 1
            continue
        end = i + 1
        if not BULLET.sub("", lines[i]).strip() and end < len(lines) and lines[end].strip():
            end += 1  # a marker alone on its line ("-\nHeadline"): the item is the line below
        while (
            end < len(lines)
            and lines[end].strip()
            and not BULLET.match(lines[end])
            and not SENTENCE_END.search(lines[end - 1])
            and lines[end][:1].islower()
        ):
            end += 1
        items.append((i, end))
        i = end
    return items


def _introduced(lines: list[str], start: int) -> bool:
    """Whether the line above a list introduces it ("Key numbers today:", "KEY FIGURES")."""
    above = next((ln.strip() for ln in reversed(lines[:start]) if ln.strip()), "")
    heading = is_headline(above) and words(above) <= RUN_LINE_WORDS and not BULLET.match(above)
    return above.endswith(":") or heading


def prose_span(lines: list[str]) -> tuple[int, int] | None:
    """The first and the last line of running text on the page, or None when it has none."""
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    return (prose[0], prose[-1]) if prose else None


def headline_bullets(lines: list[str]) -> set[int]:
    """Lines of runs of two or more bulleted headlines (a list of links, not the article's points).

    Only above the article's first paragraph or below its last: a list between paragraphs, or
    one that the line above introduces ("Key figures:", a heading), is the article's own.
    """
    out: set[int] = set()
    run: list[tuple[int, int]] = []
    span = prose_span(lines)

    def close() -> None:
        outside = span is None or run and (run[0][0] < span[0] or run[0][0] > span[1])
        if len(run) >= 2 and outside and not _introduced(lines, run[0][0]):
            out.update(j for start, end in run for j in range(start, end))
        run.clear()

    previous_end = None
    for start, end in bullet_items(lines):
        text = BULLET.sub("", " ".join(lines[start:end]))
        # A numbered list with numbers in it may be the article's tally ("1. 3,511 families in
        # Kunduz"); numbered links are crumbs and menus ("1. Home", "2. World") without digits.
        tally = NUMBERED.match(lines[start]) and any(c.isdigit() for c in text)
        adjacent = previous_end is not None and not any(ln.strip() for ln in lines[previous_end:start])
        if not adjacent:
            close()
        if is_headline(text) and not tally:
            run.append((start, end))
        else:
            close()
        previous_end = end
    close()
    return out


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the page breaks its sentences over short lines (wire copy): then lines are not items."""
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.strip()]
    wrapped = sum(b.strip()[:1].islower() for _, b in pairs)
    return bool(pairs) and wrapped / len(pairs) >= WRAPPED_SHARE


def _tail_headline(line: str) -> bool:
    text = line.strip()
    return (
        words(text) >= 3
        and (text[:1].isupper() or text[:1].isdigit())
        and is_headline(text)
        and not TABLE_ROW.search(text)
    )


def tail_headlines(lines: list[str]) -> set[int]:
    """Lines of a run of three or more headlines after the article's last paragraph.

    "Demonstrators criticise a new token system" and its like, one a line, below the story:
    other stories of the site. Only on pages whose lines are paragraphs (not hard-wrapped),
    and not when the text above introduces the list.
    """
    span = prose_span(lines)
    if span is None or is_hard_wrapped(lines):
        return set()
    last_prose = span[1]
    out: set[int] = set()
    run: list[int] = []
    for i in range(last_prose + 1, len(lines) + 1):
        if i < len(lines) and not lines[i].strip():
            continue
        if i < len(lines) and _tail_headline(lines[i]):
            run.append(i)
            continue
        if len(run) >= RUN_LINES - 1 and not _introduced(lines, run[0]):
            out.update(run)
        run = []
    return out


def label_runs(lines: list[str]) -> set[int]:
    """Lines of runs of short labels (topic tags, menus one link a line), blank lines between allowed.

    A run that the line above introduces ("Districts affected:") is the article's own list. Above
    the article's first paragraph, the run's last line of a few words may be its headline
    ("Home / World / Asia / Taliban seize district"): kept.
    """
    out: set[int] = set()
    run: list[int] = []
    span = prose_span(lines)
    for i, line in enumerate([*lines, "a line that is long enough to end any run of short labels."]):
        if not line.strip():
            continue
        if is_label(line) and not BULLET.match(line):
            run.append(i)
            continue
        if len(run) >= RUN_LINES and not _introduced(lines, run[0]):
            if span and run[-1] < span[0] and words(lines[run[-1]]) >= 3:
                run.pop()
            out.update(run)
        run = []
    return out
