"""HTML pages saved as text: their visible text, one block per line."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _TextOnly(HTMLParser):
    """Collects the visible text of an HTML page: no scripts, styles or navigation."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A saved web page rather than plain text."""
    return bool(HTML_START.match(text)) or len(re.findall(r"</(?:p|div|span|a)>", text[:20000])) >= 5


def html_to_text(text: str) -> str:
    """The visible text of an HTML page, one block per line."""
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)
