"""The dashboard under load (``make load``): concurrent sessions changing a filter; prints a table.

Two kinds of session, both against one ``streamlit run app.py`` on loopback:

- protocol sessions speak Streamlit's own websocket protocol, as the page's script does: they
  send the rerun a click sends and time it until the server says the script has finished. This
  is the server's rerun time under concurrency, with nothing else on the machine.
- browser sessions are pages in one headless Chromium, timed from the click until the page shows
  the new filter. On a 2-core machine the ten renderers compete with the server for the cores.

Each session opens one of the app's tabs (session ``i`` opens tab ``i mod 6``), then toggles
"Include undated" ``--toggles`` times; the sessions start their toggling together.

    .venv/bin/python scripts/load.py [--sessions 10] [--toggles 3] [--browsers] [--db PATH]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.sessions import Result, run_browsers, run_protocol, serve  # noqa: E402


def table(results: list[Result]) -> str:
    """A Markdown table of the results' figures."""
    rows = [r.figures() for r in results]
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(str(row[k]) for k in head) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--toggles", type=int, default=3)
    parser.add_argument("--browsers", action="store_true", help="also run headless Chromium sessions")
    parser.add_argument("--db", type=Path, help="database to serve (default: built from data/articles)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-load-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sitrep.duckdb"
            articles = str(ROOT / "data" / "articles")
            cmd = [sys.executable, "-m", "pipeline", "ingest", articles, "--db", str(db)]
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        results = []
        with serve(db, Path(tmp) / "streamlit.log") as (url, pid):
            run_protocol(url, pid, 1, 1)  # warm the server's caches and imports once
            results.append(run_protocol(url, pid, 1, args.toggles))
            results.append(run_protocol(url, pid, args.sessions, args.toggles))
            if args.browsers:
                results.append(run_browsers(url, pid, args.sessions, args.toggles))
        print(table(results))
        for r in results:
            for error in r.errors[:5]:
                print(f"{r.kind}: {error}", file=sys.stderr)
        if any(r.errors for r in results):
            sys.exit(1)


if __name__ == "__main__":
    main()
