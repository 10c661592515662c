"""Bad input gets a clear reason and loses nothing: every input is loaded, unchanged or rejected."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import ingest

CORPUS = Path(__file__).parent / "bad_inputs"

# Every input of the corpus and what must become of it: loaded, or rejected with a reason.
EXPECTED = {
    ("Kunduz report ü é.txt", None): "loaded",
    ("archive.zip", None): "unsupported",
    ("bom.txt", None): "loaded",
    ("cp1252.txt", None): "loaded",
    ("dup_a.txt", None): "loaded",
    ("dup_b.txt", None): "duplicate",
    ("empty.txt", None): "empty",
    ("feed.jsonl", 1): "loaded",
    ("feed.jsonl", 2): "bad_json",
    ("feed.jsonl", 3): "bad_json",
    ("feed.jsonl", 4): "empty",
    ("latin1.txt", None): "loaded",
    ("manifest.csv", 4): "manifest_missing_file",
    ("mixed_endings.txt", None): "loaded",
    ("no_text_column.csv", None): "no_text_column",
    ("notes.docx", None): "unsupported",
    ("photo.txt", None): "binary",
    ("ragged.csv", 2): "loaded",
    ("ragged.csv", 3): "ragged_row",
    ("report.pdf", None): "unsupported",
    ("saved page.txt", None): "loaded",
    ("whitespace.txt", None): "empty",
}


def outcomes(db: Path) -> dict[tuple[str, int | None], str]:
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = con.execute("SELECT file FROM articles").fetchall()
        rejected = con.execute("SELECT path, line, reason FROM rejects").fetchall()
    out = {}
    for (file,) in loaded:
        name, _, line = file.partition("#")
        out[(name, int(line) if line else None)] = "loaded"
    out.update({(path, line): reason for path, line, reason in rejected})
    return out


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, settings):
    db = tmp_path_factory.mktemp("bad") / "s.duckdb"
    return ingest([CORPUS], settings, db), db


def test_every_input_is_accounted_for(corpus_run):
    summary, db = corpus_run
    assert outcomes(db) == EXPECTED
    assert summary.n_inputs == len(EXPECTED) == summary.n_loaded + summary.n_unchanged + len(summary.rejects)


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("cp1252.txt", "Five civilians were killed in Herat city – “the café was full”."),
        ("latin1.txt", "Three people were wounded in Ghazni city, said the maïre."),
        ("bom.txt", "Seven policemen were killed in Farah city."),
        (
            "mixed_endings.txt",
            "Two soldiers were killed in Zaranj.\nFour civilians were wounded.\nSix others were hurt.",
        ),
        (
            "saved page.txt",
            "Nine civilians were killed in Kandahar city on Monday.\n\nThe attack & its aftermath.",
        ),
    ],
)
def test_text_is_decoded_and_cleaned(corpus_run, file, text):
    _, db = corpus_run
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT text FROM raw_articles WHERE file = ?", [file]).fetchone() == (text,)


def test_notices_say_what_was_done(corpus_run):
    summary, _ = corpus_run
    assert "cp1252.txt: not UTF-8, read as Windows-1252" in summary.notices
    assert "saved page.txt: an HTML page; its tags were removed and its text kept" in summary.notices
    assert any(n.startswith("bom.txt: published 'not a date' is not a date") for n in summary.notices)


def test_a_file_over_the_size_limit_is_listed(tmp_path, settings):
    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50_000_000)  # 50 MB, sparse: quick to make
    summary = ingest([folder], settings, tmp_path / "s.duckdb")
    (reject,) = summary.rejects
    assert (reject.reason, reject.detail) == (
        "too_large",
        "50.0 MB is over the 20 MB limit (SITREP_MAX_FILE_MB)",
    )


def test_links_are_listed_not_followed(tmp_path, settings):
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder, ignore=lambda d, names: [n for n in names if n != "dup_a.txt"])
    outside = tmp_path / "secret.txt"
    outside.write_text("Twenty people were killed in Kabul.", encoding="utf-8")
    os.symlink(folder, folder / "loop")
    os.symlink(outside, folder / "escape.txt")
    os.symlink(tmp_path / "nothing.txt", folder / "broken.txt")
    summary = ingest([folder], settings, tmp_path / "s.duckdb")
    got = sorted((r.path, r.reason) for r in summary.rejects)
    assert got == [("broken.txt", "not_found"), ("escape.txt", "outside"), ("loop", "symlink")]
    assert summary.n_loaded == 1


def test_an_unreadable_folder_is_listed(tmp_path, settings, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("Five people were killed in Herat city.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = ingest([folder], settings, tmp_path / "s.duckdb")
    assert [(r.path, r.reason) for r in summary.rejects] == [("locked", "unreadable")]
    assert summary.n_loaded == 1
