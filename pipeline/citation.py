"""A citation in one standard form, for every number sitrep shows or a brief cites.

``Outlet, "Title", by Author, 13 August 2021, URL (file …)``: what is unknown is left out, a
date is written as precisely as it is known ("August 2021", "2021"), and the stored file always
closes it, so that even an article known only by its file can be found again. Pure: values in,
text out; the text is plain (the dashboard shows it verbatim, never as HTML or Markdown).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SPACES = re.compile(r"\s+")
# How a value of an article's citation was found (``vocab.CITATION_SOURCES``; a date's
# ``date_source`` is ``metadata`` or ``text``), in words for readers.
HOW_FOUND = {
    "metadata": "from the metadata",
    "headline": "read from the page's headline line",
    "dateline": "read from the page's dateline",
    "byline": "read from the page's byline",
    "chrome": "read from where the site names itself",
    "carrier": "the outlet the story's people spoke to",
    "signature": "read from the name signing the story off",
    "text": "read from the page",
    "none": "not found",
}
QUOTES = re.compile(r"[\"“”„]")


def _clean(value: object) -> str:
    """A value on one line, spaces collapsed; '' for None."""
    return SPACES.sub(" ", str(value)).strip() if value is not None else ""


def cited_date(date: dt.date | None, precision: str | None = "day") -> str:
    """``13 August 2021``, ``August 2021`` or ``2021`` as ``precision`` allows; '' for no date."""
    if date is None:
        return ""
    month = calendar.month_name[date.month]
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def citation(
    *,
    source: str | None = None,
    title: str | None = None,
    author: str | None = None,
    published: dt.date | None = None,
    precision: str | None = "day",
    url: str | None = None,
    file: str | None = None,
) -> str:
    """``Outlet, "Title", by Author, 13 August 2021, URL (file …)``, leaving out what is unknown."""
    title_text = QUOTES.sub("'", _clean(title))
    parts = [
        _clean(source),
        f'"{title_text}"' if title_text else "",
        f"by {_clean(author)}" if _clean(author) else "",
        cited_date(published, precision),
        _clean(url),
    ]
    text = ", ".join(p for p in parts if p)
    where = f"(file {_clean(file)})" if _clean(file) else ""
    return " ".join(p for p in (text, where) if p)
