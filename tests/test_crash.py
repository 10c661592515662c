"""Crashes and concurrency: a killed ingest leaves the previous database intact, two ingests never mix."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import ROOT
from tests.conftest import ARTICLES

pytestmark = pytest.mark.slow  # kills and races real ingest processes and a served app


def corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles made from the samples (each with its own number so ids differ)."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    for i in range(n):
        (folder / f"a{i:05d}.txt").write_text(f"Report {i}.\n{texts[i % len(texts)]}", encoding="utf-8")
    return folder


def run(args: list[str], **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def snapshot(db: Path) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return (
            con.execute("SELECT count(*) FROM articles").fetchone(),
            con.execute("SELECT figure_id, value FROM figures ORDER BY ALL").fetchall(),
        )


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("big") / "articles", 300)


@pytest.fixture(scope="module")
def full_run_seconds(big, tmp_path_factory) -> float:
    """How long ingesting the big corpus takes here (the faster of two runs), so kills can land early,
    midway and late."""
    times = []
    for _ in range(2):
        started = time.monotonic()
        assert run([str(big), "--db", str(tmp_path_factory.mktemp("timing") / "s.duckdb")]).wait() == 0
        times.append(time.monotonic() - started)
    return min(times)


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7])
def test_kill_9_leaves_the_previous_database_intact(tmp_path, big, full_run_seconds, fraction):
    db = tmp_path / "s.duckdb"
    assert run([str(ARTICLES), "--db", str(db)]).wait() == 0
    before = snapshot(db)
    proc = run([str(big), "--db", str(db)])
    time.sleep(fraction * full_run_seconds)
    assert proc.poll() is None, "the ingest ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(db) == before  # whatever moment it died at, the live file is the old one, readable
    done = run([str(ARTICLES), "--db", str(db)])
    out, err = done.communicate()
    assert done.returncode == 0, err
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["s.duckdb"]


def test_a_second_ingest_says_another_is_running(tmp_path, big):
    db = tmp_path / "s.duckdb"
    first = run([str(big), "--db", str(db)])
    lock = db.with_name("s.duckdb.lock")
    deadline = time.monotonic() + 30
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = run([str(ARTICLES), "--db", str(db)])
    _, err = second.communicate()
    assert second.returncode == 2
    assert err.strip() == f"sitrep: another ingest (PID {first.pid}) is writing {db}; wait for it to finish"
    assert first.wait() == 0
    assert snapshot(db)[0] == (300,)


def test_the_dashboard_reads_while_ingest_replaces_the_database(tmp_path, big):
    """Readers with short read-only connections never fail while the file is swapped under them."""
    db = tmp_path / "s.duckdb"
    assert run([str(ARTICLES), "--db", str(db)]).wait() == 0
    writer = run([str(big), "--db", str(db)])
    counts, errors = set(), []
    while writer.poll() is None:
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                counts.add(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        except duckdb.Error as err:  # pragma: no cover - the failure this test exists to catch
            errors.append(str(err))
    assert writer.returncode == 0
    with duckdb.connect(str(db), read_only=True) as con:
        counts.add(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert errors == []
    assert counts <= {5, 305} and 305 in counts


def test_the_served_dashboard_keeps_answering_while_ingest_replaces_the_database(tmp_path, big):
    """``streamlit run`` serves one database; an ingest swaps in a bigger one while a session reruns.

    Every rerun finishes without error, and the first one after the swap shows the new data:
    no restart, no reload.
    """
    import asyncio

    from tests.support.sessions import connect, metrics, rerun_message, script_run, serve

    db = tmp_path / "s.duckdb"
    assert run([str(ARTICLES), "--db", str(db)]).wait() == 0

    async def rerun_while(writer: subprocess.Popen) -> tuple[list[str], list[str], list[str]]:
        seen, errors = [], []
        async with connect(url) as ws:
            while writer.poll() is None:
                seen.append(metrics(await script_run(ws, rerun_message("Map", {}), errors))["Reports read"])
            writer.wait()
            after = metrics(await script_run(ws, rerun_message("Tables", {}), errors))["Reports read"]
        return seen, errors, [after]

    with serve(db, tmp_path / "streamlit.log") as (url, _):
        writer = run([str(big), "--db", str(db)])
        seen, errors, after = asyncio.run(asyncio.wait_for(rerun_while(writer), 600))
    assert writer.returncode == 0
    assert errors == []
    assert len(seen) > 3 and set(seen) <= {"5", "305"} and seen[0] == "5"
    assert after == ["305"]
    assert "Traceback" not in (tmp_path / "streamlit.log").read_text(encoding="utf-8", errors="replace")


def test_an_unwritable_database_path_exits_non_zero_with_one_line(tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    proc = run([str(ARTICLES), "--db", str(not_a_folder / "s.duckdb")])
    _, err = proc.communicate()
    assert proc.returncode == 2
    assert err.startswith(f"sitrep: cannot write beside {not_a_folder / 's.duckdb'}: a file stands where")
    assert len(err.strip().splitlines()) == 1


# Records review actions as fast as it can, printing each id once its transaction committed.
WRITER = """
import sys
from pipeline.review.store import Action, open_store, record
with open_store(sys.argv[1]) as store:
    i = 0
    while True:
        i += 1
        action = Action("figure", "confirm", "0123456789abcdef", i, i + 2, "40", sys.argv[2], row_id=f"f{i}")
        print(record(store, action), flush=True)
"""


def test_a_killed_review_writer_loses_no_committed_action_and_corrupts_nothing(tmp_path: Path) -> None:
    """Two writers append at once; one is killed with SIGKILL mid-stream. Every action either
    writer reported committed is in the history, the file passes SQLite's integrity check, and
    the survivor's writes go on."""
    import sqlite3

    from pipeline.review.store import history, open_store

    path = tmp_path / "reviews.sqlite"
    open_store(path).close()
    writers = {
        name: subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for name in ("ana", "bob")
    }
    committed: dict[str, list[int]] = {"ana": [], "bob": []}
    while len(committed["ana"]) < 200:
        committed["ana"].append(int(writers["ana"].stdout.readline()))
    writers["ana"].send_signal(signal.SIGKILL)
    writers["ana"].wait()
    committed["ana"] += [int(line) for line in writers["ana"].stdout.read().split()]  # printed, not yet read
    while len(committed["bob"]) < 300:
        committed["bob"].append(int(writers["bob"].stdout.readline()))
    writers["bob"].terminate()
    writers["bob"].wait()
    committed["bob"] += [int(line) for line in writers["bob"].stdout.read().split()]

    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_store(path) as store:
        kept = {a.action_id: a.reviewer for a in history(store)}
    for name, ids in committed.items():
        assert all(kept.get(i) == name for i in ids), name
    assert len(kept) >= 500
