"""The extractor's fingerprint sees every rule: what extraction imports and reads, and an edit to it.

The slow tests work on a copy of the package and its data, edit a real rule file there (Python
and data), and check that the next ingest extracts and dates every stored article again, so the
database equals one built from scratch with the edited rules.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.extract import fingerprint
from pipeline.extract.datafiles import FOLDERS
from pipeline.settings import ROOT
from tests.conftest import ARTICLES

# Extraction as the batch step runs it, in a fresh process that records every file it opens.
PROBE = """
import json, os, sys
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.add(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from pipeline.extract.batch import extract_articles
from pipeline.extract.page import mask_furniture
from pipeline.extract.published import find_published
text = open(sys.argv[1], encoding="utf-8").read()
find_published(mask_furniture(text))
article = {"article_id": "a", "text": text, "published": None, "date_precision": None}
rows = extract_articles([article], 7.0, 1)
modules = [m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
print(json.dumps({"opened": sorted(opened), "modules": modules, "figures": len(rows["raw_figures"])}))
"""


def test_the_fingerprint_covers_every_module_and_data_file_extraction_uses():
    article = sorted(ARTICLES.glob("*.txt"))[0]
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(article)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout)
    assert seen["figures"] > 0  # it really extracted
    ours = lambda paths: {Path(p) for p in paths if Path(p).is_relative_to(ROOT / "pipeline")}  # noqa: E731
    imported = {p for p in ours(seen["modules"]) if p.suffix == ".py"}
    assert imported and imported <= set(fingerprint.modules())
    read = {Path(p) for p in seen["opened"] if Path(p).is_relative_to(ROOT / "data")} - {article}
    assert {p.name for p in read} >= {"pressure.csv", "figures.csv", "provinces.csv"}
    assert read <= set(fingerprint.data_files())


def test_the_fingerprint_follows_imports_and_ignores_what_extraction_does_not_use():
    found = {p.relative_to(ROOT).as_posix() for p in fingerprint.modules()}
    assert {"pipeline/extract/figures.py", "pipeline/extract/roles.py", "pipeline/vocab.py"} <= found
    assert not found & {"pipeline/ingest.py", "pipeline/store/writer.py", "pipeline/group/events.py"}
    names = {p.name for p in fingerprint.data_files()}
    assert {"pressure.csv", "words.csv", "districts.csv"} <= names and "README.md" not in names


def test_the_fingerprint_changes_with_the_household_size():
    assert fingerprint.extractor_version(7.0) != fingerprint.extractor_version(6.0)


# --- a copy of the package, edited ---------------------------------------------------------------


def _copy(tmp: Path) -> Path:
    home = tmp / "sitrep"
    skip = shutil.ignore_patterns("__pycache__", "*.duckdb*")
    shutil.copytree(ROOT / "pipeline", home / "pipeline", ignore=skip)
    for folder in FOLDERS:  # every data folder extraction reads
        shutil.copytree(ROOT / folder, home / folder, ignore=skip)
    return home


def _ingest(home: Path, db: Path, *paths: Path, rebuild: bool = False) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pipeline", "ingest", *map(str, paths), "--db", str(db)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    return subprocess.run(
        args + (["--rebuild"] if rebuild else []), cwd=home, capture_output=True, text=True, env=env
    )


# Which run first loaded an article, and so what is new, is the history of the runs: an incremental
# run and a rebuild differ there by design.
HISTORY = ("first_run", "new")


def _rows(db: Path) -> dict[str, list[dict]]:
    tables = ("articles", "figures", "pressure", "district_events", "events", "pressure_episodes")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = {}
        for t in tables:
            history = [c for (c, *_) in con.execute(f"DESCRIBE {t}").fetchall() if c in HISTORY]  # noqa: S608
            kept = f"* EXCLUDE ({', '.join(history)})" if history else "*"
            rows[t] = con.execute(f"SELECT {kept} FROM {t} ORDER BY ALL").pl().to_dicts()  # noqa: S608
        return rows


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return _copy(tmp_path)


@pytest.fixture
def more(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders of one article each: the first dated only by a "since", the second plain."""
    texts = {
        "more": "Taliban fighters besieged Qalat on Monday.\n\n"
        "At least 14 civilians have been killed in Zabul since 3 May 2019, officials said.",
        "later": "Five soldiers were killed in Ghazni city on Tuesday.",
    }
    for name, text in texts.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path / "more", tmp_path / "later"


EDITS = [
    # A Python rule: a pressure phrase reaches no place more than 0 tokens away.
    ("pipeline/extract/pressure.py", "WINDOW = 10", "WINDOW = 0"),
    # A data rule: "besieged" is now only a threat.
    ("data/rules/pressure.csv", "\nbesieged,besieged,", "\nbesieged,threatened,"),
    # A data rule of the publication dates: a date after "since" dates the page again.
    ("data/rules/words.csv", "\nperiod_bound,since\n", "\n"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("file", "old", "new"), EDITS, ids=[e[0].split("/")[-1] for e in EDITS])
def test_editing_a_rule_file_re_extracts_every_stored_article(home, more, tmp_path, file, old, new):
    first, later = more
    db, fresh = tmp_path / "live.duckdb", tmp_path / "fresh.duckdb"
    assert _ingest(home, db, ARTICLES, first).returncode == 0
    before = _rows(db)
    _edit(home / file, old, new)
    # Only a new folder is given: the six articles of the first run are stored, not among the inputs.
    again = _ingest(home, db, later)
    assert again.returncode == 0, again.stderr
    assert "loaded 1, unchanged 0" in again.stdout
    assert _ingest(home, fresh, ARTICLES, first, later, rebuild=True).returncode == 0
    after, rebuilt = _rows(db), _rows(fresh)
    assert after == rebuilt  # every stored article was extracted and dated again
    ids = {a["article_id"] for a in before["articles"]}
    stored = lambda rows: {t: [r for r in v if r.get("article_id") in ids] for t, v in rows.items()}  # noqa: E731
    assert stored(after) != stored(before)  # and the edit changed what the stored articles gave


@pytest.mark.slow
def test_a_malformed_rule_table_stops_the_ingest_naming_file_and_line(home, tmp_path):
    _edit(home / "data/rules/pressure.csv", "\nbesieged,besieged,", "\nbesieged,besiegd,")
    out = _ingest(home, tmp_path / "x.duckdb", ARTICLES)
    assert out.returncode == 2
    assert out.stderr.startswith("sitrep: data/rules/pressure.csv:")
    assert "level 'besiegd' does not exist" in out.stderr
    assert not (tmp_path / "x.duckdb").exists()
