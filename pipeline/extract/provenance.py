"""Where an article comes from, read from the page itself: its title, outlet, author and address.

For articles given without metadata (a page saved as text). Pure: text in, values out. Each
value comes with how it was found (a value of ``vocab.CITATION_SOURCES``) and is left out when
no reading is sure of it: a wrong title or outlet is worse than none.

- title: the headline line (``headline.py``);
- source, the outlet: a dateline, a byline naming an outlet, the site's chrome, or the outlet
  people spoke to (``masthead.py``); a headline closed by a known outlet's name ("... | Reuters")
  names the site too;
- author: a byline or a name signing the story off (``byline.py``);
- url: an address the page labels as its own ("Permalink: https://…", "Short URL: …").
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.extract import lexicon
from pipeline.extract.byline import find_author
from pipeline.extract.headline import find_headline
from pipeline.extract.masthead import find_outlet
from pipeline.extract.pagelines import read_page

ADDRESS = re.compile(
    r"^\W{0,3}(?:" + "|".join(w.replace(" ", r"\s+") for w in lexicon.words("address_label")) + r")\s*:\s*"
    r"(?P<url>https?://[^\s<>\"'…]+[^\s<>\"'….,;:)])\s*$",
    re.I,
)


# What a citation holds; each is stored with ``<field>_from``, how it was found.
CITED = ("title", "source", "author", "url")


@dataclasses.dataclass(frozen=True)
class Found:
    """One value read from the page, how it was found, and the line (0-based) it was read from."""

    value: str
    how: str
    line: int


@dataclasses.dataclass(frozen=True)
class Provenance:
    """What a page says of itself; None where it says nothing sure."""

    title: Found | None = None
    source: Found | None = None
    author: Found | None = None
    url: Found | None = None


def find_address(lines: tuple[str, ...]) -> Found | None:
    """The page's own address, when a line labels it so ("Permalink: https://example.org/a")."""
    for i, line in enumerate(lines):
        if m := ADDRESS.match(line.strip()):
            return Found(m["url"], "chrome", i)
    return None


def read_provenance(text: str, furniture: set[int] | None = None) -> Provenance:
    """The title, outlet, author and address ``text`` gives of itself (``furniture``: its
    furniture lines, when already found)."""
    page = read_page(text, furniture)
    headline = find_headline(page)
    outlet = find_outlet(page)
    author = find_author(page)
    if outlet is None and headline is not None and headline.outlet:
        outlet_found = Found(headline.outlet, "chrome", headline.line)
    else:
        outlet_found = outlet and Found(outlet.name, outlet.how, outlet.line)
    return Provenance(
        title=headline and Found(headline.title, "headline", headline.line),
        source=outlet_found,
        author=author and Found(author.name, author.how, author.line),
        url=find_address(page.lines),
    )


def citation_fields(text: str, furniture: set[int] | None = None) -> dict[str, str | None]:
    """The ``raw_articles`` columns of what ``text`` gives of itself: each of ``CITED`` and its
    ``<field>_from`` (``none``, with no value, where the page says nothing sure)."""
    found = read_provenance(text, furniture)
    out: dict[str, str | None] = {}
    for field in CITED:
        value = getattr(found, field)
        out[field], out[f"{field}_from"] = (value.value, value.how) if value else (None, "none")
    return out
