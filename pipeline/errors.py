"""The errors sitrep stops with. Each message says what went wrong and how to fix it."""

from __future__ import annotations


class IngestError(Exception):
    """The run could not complete (no inputs, a database that cannot be written, another ingest)."""


class RuleError(Exception):
    """A rule table under ``data/rules`` is malformed; the message names the file and the line."""


class ReviewError(Exception):
    """A review action or a review file holds a value sitrep cannot take; the message says which."""
