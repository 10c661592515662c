"""Shared fixtures: the sample database is built by the real batch step from data/articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.nlp import build_nlp
from pipeline.ingest import ingest
from pipeline.settings import ROOT, Settings

ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # No review history unless a test writes one: data/reviews.sqlite is the analysts' own.
    return Settings.load(reviews=str(tmp_path_factory.mktemp("reviews") / "none.sqlite"))


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    """A DuckDB file built from the five sample articles (read it, don't write it)."""
    db = tmp_path_factory.mktemp("sample") / "sitrep.duckdb"
    ingest([ARTICLES], settings, db)
    return db
