"""Command line: ``python -m pipeline ingest [PATH ...] [--db FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import IngestError, RuleError
from pipeline.evaluate import GOLD, REAL, evaluate, evaluate_real
from pipeline.ingest import ingest
from pipeline.settings import SETTINGS, Settings


def main(argv: list[str] | None = None) -> int:
    """Run a sitrep command; returns the exit code."""
    try:
        defaults = Settings.load()
    except ValueError as err:
        print(f"sitrep: {err}", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="read articles, extract figures, write the database")
    p.add_argument("paths", nargs="*", type=Path, help=f"folders or files (default: {defaults.articles})")
    p.add_argument("--db", type=Path, help=f"database file (default: {defaults.db})")
    p.add_argument("--rebuild", action="store_true", help="start from an empty database instead of adding")
    for s in SETTINGS:
        if s.name not in ("db", "articles"):
            p.add_argument(
                f"--{s.name.replace('_', '-')}", type=type(s.default), help=s.help, choices=s.choices or None
            )
    e = sub.add_parser(
        "evaluate", help="score the extractor on the real annotated pages (when present) and the gold set"
    )
    e.add_argument("--gold", type=Path, help=f"score only this fictional gold-set folder (default: {GOLD})")
    e.add_argument(
        "--real", type=Path, help=f"score only this folder of annotated real pages (default: {REAL})"
    )
    e.add_argument("--errors", action="store_true", help="list every miss, extra and wrong field")
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        return _evaluate(args.gold, args.real, args.errors)

    settings = Settings.load(**{s.name: getattr(args, s.name, None) for s in SETTINGS})
    paths = args.paths or [Path(settings.articles)]
    db = Path(args.db or settings.db)
    try:
        summary = ingest(paths, settings, db, rebuild=args.rebuild)
    except (IngestError, RuleError) as err:
        print(f"sitrep: {err}", file=sys.stderr)
        return 2
    print(summary.report())
    print(f"wrote {db}")
    return 0


def _evaluate(gold: Path | None, real: Path | None, errors: bool) -> int:
    """Real reporting first (when its pages are beside the project), then the fictional gold set."""
    reports = []
    if gold is None:
        found = evaluate_real(real or REAL)
        if found is None:
            print(f"real pages: none at {real or REAL} (scored when present)\n")
        else:
            real_pages = (real or REAL).resolve() == REAL.resolve()
            reports.append(("REAL REPORTING" if real_pages else "ANNOTATED PAGES", found))
    if real is None:
        reports.append((f"FICTIONAL GOLD SET {gold or GOLD}", evaluate(gold or GOLD)))
    for title, report in reports:
        print(f"== {title}\n{report.table()}\n")
        if errors:
            print("\n".join([*report.errors, ""]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
