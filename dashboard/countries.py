"""Countries as the dashboard offers them: ISO 3166-1 alpha-3 codes shown by their English names.

The names come from the world gazetteer (``pipeline.extract.world``), read once per process.
Rows whose country is NULL (nothing placed them) are offered as one more choice, ``unknown``.
"""

from __future__ import annotations

import functools

from pipeline.extract.world import AFGHANISTAN, load_world

# The choice standing for rows whose country is NULL; never an ISO code (those are three capitals).
UNKNOWN = "unknown"
UNKNOWN_LABEL = "(unknown country)"
# Shown by default: the corpus is about Afghanistan, so a figure nothing placed goes with it.
DEFAULT = (AFGHANISTAN, UNKNOWN)


@functools.cache
def names() -> dict[str, str]:
    """Alpha-3 code → English name, for every country of the world gazetteer."""
    return {country.iso3: country.name for country in load_world().countries}


def name(code: str) -> str:
    """``PAK`` → ``Pakistan``; ``unknown`` → ``(unknown country)``; a code not in the gazetteer as is."""
    if code == UNKNOWN:
        return UNKNOWN_LABEL
    return names().get(code, code)


def is_default(chosen: tuple[str, ...] | list[str]) -> bool:
    """Whether ``chosen`` is the default choice (Afghanistan and the unknown country), in any order."""
    return sorted(chosen) == sorted(DEFAULT)


def offered(present: list[str | None]) -> tuple[str, ...]:
    """The choices for the countries present in the data (None: unknown): the default ones first,
    always offered, then the others by English name."""
    others = {c for c in present if c is not None and c not in DEFAULT}
    return (*DEFAULT, *sorted(others, key=lambda c: (name(c), c)))
