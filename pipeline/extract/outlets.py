"""News outlets by name: the spellings pages write (``data/rules/outlets.csv``) and their short names.

Names are matched as written, capitals included ("AP" and "Dawn" are outlets, "ap" and "dawn"
are not), as whole words, with or without a leading "the".
"""

from __future__ import annotations

import functools
import re

from pipeline.extract import lexicon


@functools.cache
def _pattern() -> re.Pattern[str]:
    spellings = sorted(lexicon.outlets(), key=len, reverse=True)
    names = "|".join(re.escape(s) for s in spellings)
    return re.compile(r"(?<![\w/@.])(?:[Tt]he\s+)?(?P<name>" + names + r")(?![\w/@]|\.\w)")


def short_name(spelling: str) -> str | None:
    """The short name of an outlet written ``spelling`` ("Agence France-Presse" -> "AFP"), or None."""
    spelling = re.sub(r"^[Tt]he\s+", "", spelling.strip())
    table = lexicon.outlets()
    return table.get(spelling) or table.get("The " + spelling)


def find(text: str) -> list[tuple[int, int, str]]:
    """Every outlet named in ``text``: (start, end, short name), left to right."""
    return [(m.start(), m.end(), lexicon.outlets()[m["name"]]) for m in _pattern().finditer(text)]


def at_start(text: str) -> tuple[int, str] | None:
    """The outlet ``text`` opens with, and where its name ends: "TRTWorld and agencies" -> TRT World."""
    m = _pattern().match(text.lstrip())
    return (m.end() + len(text) - len(text.lstrip()), lexicon.outlets()[m["name"]]) if m else None


def whole(text: str) -> str | None:
    """The outlet ``text`` is the name of and nothing more ("Xinhua", "The Associated Press")."""
    m = _pattern().fullmatch(text.strip())
    return lexicon.outlets()[m["name"]] if m else None
