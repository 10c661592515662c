"""Extraction: an article's text in, figures, pressure mentions and district events out. No IO.

``rows.extract`` is the entry point for one processed ``Doc``; ``batch.extract_articles`` runs
the spaCy pipeline (``nlp``) over many articles, in parallel when there are many.
"""
