"""Benchmarks of the batch step (``make bench``): prints a table and writes BENCHMARKS.md.

Measured in one run, on one SYNTHETIC corpus per size (``scripts/synth.py``, under /tmp,
never in data/articles), so the figures compare as ratios:

- the bare ``spacy.blank("en")`` tokenizer: the floor any spaCy pipeline pays;
- extraction alone: the sitrep pipeline and the extraction rules, one process, no IO;
- full ingest (read, extract, write DuckDB) with 1 and 2 workers, in a fresh process each,
  with its peak memory;
- a second run over the unchanged corpus, and a run after adding 1% new articles;
- the database's size per 1,000 articles.

Then the dashboard's query benchmark (``scripts/bench_dashboard.py``) on 1,000,000 synthetic
figure rows. Sizes: 1,000 and 10,000 articles; 100,000 too with BENCH_FULL=1.

    .venv/bin/python scripts/bench.py [--sizes 1000 10000] [--out BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from pipeline.extract.nlp import build_nlp  # noqa: E402
from pipeline.extract.page import mask_furniture  # noqa: E402
from pipeline.extract.rows import Article, extract  # noqa: E402
from scripts.synth import generate  # noqa: E402

WORK = Path("/tmp/sitrep-bench")


def texts_of(folder: Path) -> list[str]:
    return [
        json.loads(line)["text"] for f in sorted(folder.glob("*.jsonl")) for line in f.open(encoding="utf-8")
    ]


def ingest(paths: list[Path], db: Path, workers: int) -> tuple[float, float]:
    """Run the batch step in a fresh process: (seconds, peak resident MB)."""
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "ingest",
        *map(str, paths),
        "--db",
        str(db),
        "--workers",
        str(workers),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"ingest failed: {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports KB; children of the child are not counted


def measure(n: int) -> dict[str, float]:
    """Every figure for a corpus of ``n`` articles."""
    corpus = WORK / f"corpus-{n}"
    if not corpus.exists():
        generate(n, corpus)
    texts = texts_of(corpus)
    words = sum(len(t.split()) for t in texts)

    tokenizer = spacy.blank("en").tokenizer
    started = time.perf_counter()
    for t in texts:
        tokenizer(t)
    t_tok = time.perf_counter() - started

    nlp = build_nlp()
    started = time.perf_counter()
    for doc in nlp.pipe((mask_furniture(t) for t in texts), batch_size=64):
        extract(doc, Article("bench"))
    t_extract = time.perf_counter() - started

    out = {"articles": n, "words": words, "tokenizer_s": t_tok, "extract_s": t_extract}
    for workers in (1, 2):
        db = WORK / f"bench-{n}-{workers}.duckdb"
        db.unlink(missing_ok=True)
        out[f"ingest{workers}_s"], out[f"ingest{workers}_mb"] = ingest([corpus], db, workers)
    db = WORK / f"bench-{n}-2.duckdb"
    out["db_mb_per_1k"] = db.stat().st_size / 1e6 / (n / 1000)
    out["rerun_s"], _ = ingest([corpus], db, 2)
    extra = WORK / f"extra-{n}"
    shutil.rmtree(extra, ignore_errors=True)
    generate(max(1, n // 100), extra, seed=99, start=10_000_000)
    out["plus1pct_s"], _ = ingest([corpus, extra], db, 2)
    return out


def table(rows: list[dict[str, float]]) -> str:
    """The measurements as a Markdown table, ratios included."""
    head = (
        "| articles | words | tokenizer words/s | extraction words/s (x tokenizer) | ingest 1 worker words/s "
        "(x tokenizer) | articles/s, 2 workers | 2 workers / 1 worker | peak MB (1 / 2 workers) "
        "| DB MB per 1k articles | unchanged rerun (x first run) | +1% articles (x first run) |"
    )
    lines = [head, "|" + " --- |" * 11]
    for r in rows:
        w = r["words"]
        lines.append(
            f"| {r['articles']:,} | {w:,} | {w / r['tokenizer_s']:,.0f} "
            f"| {w / r['extract_s']:,.0f} ({r['tokenizer_s'] / r['extract_s']:.2f}) "
            f"| {w / r['ingest1_s']:,.0f} ({r['tokenizer_s'] / r['ingest1_s']:.2f}) "
            f"| {r['articles'] / r['ingest2_s']:,.0f} | {r['ingest1_s'] / r['ingest2_s']:.2f} "
            f"| {r['ingest1_mb']:,.0f} / {r['ingest2_mb']:,.0f} | {r['db_mb_per_1k']:.2f} "
            f"| {r['rerun_s']:.2f} s ({r['rerun_s'] / r['ingest2_s']:.3f}) "
            f"| {r['plus1pct_s']:.2f} s ({r['plus1pct_s'] / r['ingest2_s']:.3f}) |"
        )
    return "\n".join(lines)


LOAD_NOTE = (
    "`scripts/load.py` on the five sample articles: one server, sessions each on one tab in turn "
    "(Map, Charts, Capitals, Tables, Evidence, Sources), toggling 'Include undated' 3 times, all at "
    "once once every page is drawn. protocol: sessions speaking Streamlit's websocket protocol, timed "
    "until the server's script run finished. browser: pages in one headless Chromium, timed from the "
    "click until the page shows the new filter; the ten renderers share the machine's cores with the "
    "server. server_cpu_s: the server's CPU time over the toggling."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    full = os.environ.get("BENCH_FULL") == "1"
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 10000, 100000] if full else [1000, 10000]
    )
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--skip-dashboard", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in args.sizes:
        print(f"measuring {n:,} articles ...", flush=True)
        rows.append(measure(n))
        print(table(rows[-1:]), flush=True)
    dashboard = ""
    if not args.skip_dashboard:
        print("measuring the dashboard's queries ...", flush=True)
        done = subprocess.run(
            [sys.executable, "scripts/bench_dashboard.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        dashboard = done.stdout.strip()
        print(dashboard)
    load = ""
    if not args.skip_load:
        print("measuring the dashboard under load ...", flush=True)
        cmd = [sys.executable, "scripts/load.py", "--browsers"]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
        load = done.stdout.strip()
        print(load)
    report = [
        "# Benchmarks",
        "",
        f"Written by `make bench` ({time.strftime('%Y-%m-%d')}; {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}). Every corpus and database here is "
        "SYNTHETIC (`scripts/synth.py`, `scripts/bench_dashboard.py`), generated under /tmp. Ratios compare "
        "measurements taken in the same run; absolute speeds vary with the machine's load.",
        "",
        "## Batch step",
        "",
        table(rows),
        "",
        "Words are whitespace-separated words of the article texts. Extraction: the sitrep spaCy pipeline "
        "and the rules, one process, no IO. Ingest: `python -m pipeline ingest` in a fresh process "
        "(start-up, reading, extraction, grouping events, writing DuckDB). Peak MB: the ingest process's "
        "maximum resident memory (worker processes not included). Rerun and +1%: on the 2-worker database.",
    ]
    if dashboard:
        report += ["", "## Dashboard queries", "", "```", dashboard, "```"]
    if load:
        report += ["", "## Dashboard under load", "", load, "", LOAD_NOTE]
    args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
