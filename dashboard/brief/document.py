"""The brief as data: headline numbers, sections, images and the reports they cite, before any format.

``contents.py`` builds it; ``render.py`` writes it as Markdown or HTML and ``pdf.py`` as PDF. One
document rendered three ways, so the formats cannot disagree. Every string here is plain text,
never markup: a renderer escapes what it writes. Words taken from articles (sentences,
claimants, titles, sources, links, file names) sit in their own fields, apart from the brief's
own words (numbers, dates, place names from the gazetteer, levels), so that each renderer can
escape them as strictly as its format needs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from dashboard import dates


@dataclasses.dataclass(frozen=True)
class Citation:
    """The report a number comes from, as the views have it."""

    file: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    published_precision: str | None


def cite(c: Citation) -> str:
    """One report in words: title, source, publication date, file and link, each as known."""
    parts = [
        f"“{c.title}”" if c.title else "(no title)",
        c.source or "(unknown source)",
        dates.text(c.published, c.published_precision) or "undated",
        f"file {c.file}",
    ]
    if c.url:
        parts.append(c.url)
    return ". ".join(parts) + "."


@dataclasses.dataclass(frozen=True)
class Item:
    """One reported row behind the brief, with the reports it rests on."""

    what: str  # the brief's words: "75,000 people displaced · Badghis · 2021-07-08"
    sentence: str | None = None  # the article's sentence, as written
    claimant: str | None = None  # who the article says tells it, as written, and of what type
    refs: tuple[int, ...] = ()  # its reports: numbers in ``Brief.sources``, from 1


@dataclasses.dataclass(frozen=True)
class Number:
    """A headline number, its value in the previous period, and the reports it sums."""

    key: str
    label: str
    value: int
    previous: int | None  # None: no previous period (the brief covers all the data)
    span: str  # the dates of what it sums
    detail: str = ""  # what it is made of, e.g. by victim group
    refs: tuple[int, ...] = ()
    more: int = 0  # rows it sums whose reports are not cited (beyond the largest listed)

    @property
    def change(self) -> int | None:
        """The value less the previous period's, or None without a previous period."""
        return None if self.previous is None else self.value - self.previous


def signed(change: int | None) -> str:
    """``+75,000``, ``−3``, ``no change``, or an empty string without a previous period."""
    if change is None:
        return ""
    if change == 0:
        return "no change"
    return f"+{change:,}" if change > 0 else f"−{-change:,}"


@dataclasses.dataclass(frozen=True)
class Section:
    """A heading, a line on what its items are, and the items (or why there are none)."""

    title: str
    about: str
    items: tuple[Item, ...]
    empty: str


@dataclasses.dataclass(frozen=True)
class Image:
    """A PNG drawn for the brief, with its title and caption."""

    name: str  # a short name for references and file names: "map"
    title: str
    caption: str
    png: bytes

    @property
    def width(self) -> int:
        """Its width in pixels (from the PNG header, whose first chunk always holds it there)."""
        return int.from_bytes(self.png[16:20], "big")


@dataclasses.dataclass(frozen=True)
class Brief:
    """The whole brief for one selection and period."""

    title: str
    selection: str  # the filters in words
    period: str  # "2021-07-01 to 2021-07-31", or "all the data"
    previous: str | None  # the period compared with, when there is one
    empty: str | None  # why there is nothing to report, or None
    numbers: tuple[Number, ...]
    counting: str  # how the sums count
    sections: tuple[Section, ...]
    images: tuple[Image, ...]
    notes: tuple[str, ...]  # on confidence and review
    sources: tuple[Citation, ...]  # every report cited, numbered from 1
    made_from: str  # the database and reviews it was made from


def intro(brief: Brief) -> str:
    """The line under the title: the selection, and the period it is compared with."""
    text = f"Selection: {brief.selection}."
    if brief.previous:
        text += f" Compared with the previous period of the same length, {brief.previous}."
    return text
