"""Analyst reviews: an append-only history of what analysts confirmed, rejected, corrected or added.

``store.py`` keeps the history (SQLite), ``anchor.py`` ties a review to words of an article so it
survives re-extraction, ``state.py`` folds the history into each row's current review,
``fields.py`` says what may be corrected and checks the values, ``sheet.py`` is the review
file analysts fill in (export and import), ``apply.py`` applies reviews to what the batch
step counts, and ``live.py`` lays the reviews taken since the last ingest over a database.
"""

from pipeline.review.added import added_rows
from pipeline.review.apply import (
    Applied,
    attach,
    live_frame,
    orphan_frame,
    review_frame,
    reviewed_figures,
    reviewed_rows,
)
from pipeline.review.live import overlay
from pipeline.review.state import fold
from pipeline.review.store import history, newest_action, open_store

__all__ = [
    "Applied", "added_rows", "attach", "fold", "history", "live_frame", "newest_action", "open_store",
    "orphan_frame", "overlay", "review_frame", "reviewed_figures", "reviewed_rows",
]  # fmt: skip
