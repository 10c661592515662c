"""Analyst reviews: an append-only history of what analysts confirmed, rejected, corrected or added.

``store.py`` keeps the history (SQLite), ``anchor.py`` ties a review to words of an article so it
survives re-extraction, ``state.py`` folds the history into each row's current review,
``fields.py`` says what may be corrected and checks the values, and ``sheet.py`` is the review
file analysts fill in (export and import).
"""
