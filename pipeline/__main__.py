"""Command line: ``python -m pipeline ingest [PATH ...] [--db FILE]``, ``evaluate``, ``reviews``,
``brief``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pipeline.errors import IngestError, ReviewError, RuleError
from pipeline.evaluate import GOLD, REAL, evaluate, evaluate_real
from pipeline.evaluate.reviewed import reviewed_table
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
        if s.name not in ("db", "articles", "readonly"):
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
    e.add_argument(
        "--reviews",
        action="store_true",
        help="score the extractor on the figures analysts reviewed (in --db): precision by kind and rule",
    )
    e.add_argument("--db", type=Path, help=f"database file for --reviews (default: {defaults.db})")
    r = sub.add_parser("reviews", help="export a review file for analysts, or import one they filled in")
    rsub = r.add_subparsers(dest="reviews_command", required=True)
    for name, text in (
        ("export", "write every figure, pressure mention and district event with its review to a CSV"),
        ("import", "check a filled-in review file and record its reviews (nothing if any row is bad)"),
    ):
        q = rsub.add_parser(name, help=text)
        q.add_argument("file", type=Path, help="the review file (CSV)")
        q.add_argument("--db", type=Path, help=f"database file (default: {defaults.db})")
        q.add_argument("--reviews", type=Path, help=f"review history (default: {defaults.reviews})")
        if name == "import":
            q.add_argument("--reviewer", help="who reviewed, for rows whose reviewer column is empty")
    b = sub.add_parser(
        "brief", help="write the brief of a period: headline numbers and their change, with sources"
    )
    file_args = (
        ("--db", f"database file (default: {defaults.db})"),
        ("--reviews", f"review history laid over the database (default: {defaults.reviews})"),
        ("--out", "file to write (default: standard output)"),
    )
    for flag, text in file_args:
        b.add_argument(flag, type=Path, metavar="FILE", help=text)
    for flag, text in (
        ("--since", "first day, YYYY-MM-DD (default: the data's first)"),
        ("--until", "last day, YYYY-MM-DD (default: the data's last)"),
    ):
        b.add_argument(flag, type=_day, metavar="DATE", help=text)
    b.add_argument(
        "--province", nargs="+", action="extend", default=[], metavar="NAME", help="only these provinces"
    )
    b.add_argument("--format", choices=BRIEF_FORMATS, help="md, html or pdf (default: from --out, else md)")
    args = parser.parse_args(argv)
    if args.command == "brief":
        return _brief(args, Settings.load(db=args.db, reviews=args.reviews))
    if args.command == "evaluate" and args.reviews:
        return _evaluate_reviews(Path(args.db or defaults.db))
    if args.command == "evaluate":
        return _evaluate(args.gold, args.real, args.errors)
    if args.command == "reviews":
        return _reviews(args, Settings.load(db=args.db, reviews=args.reviews))

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


BRIEF_FORMATS = ("md", "html", "pdf")


def _day(text: str) -> dt.date:
    """A day given as YYYY-MM-DD, for argparse."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day: write it as YYYY-MM-DD") from None


def _brief(args: argparse.Namespace, settings: Settings) -> int:
    """Write the brief for a period and provinces; 2 with the cause when it cannot."""
    from pipeline.extract.places import load_gazetteer

    known = {name.casefold(): name for name in load_gazetteer().province_names()}
    unknown = [p for p in args.province if p.casefold() not in known]
    if unknown:
        print(
            f"sitrep: unknown province(s) {', '.join(unknown)}: use one of {', '.join(known.values())}",
            file=sys.stderr,
        )
        return 2
    if args.since and args.until and args.since > args.until:
        print(f"sitrep: --since {args.since} is after --until {args.until}", file=sys.stderr)
        return 2
    db = Path(settings.db)
    if not db.is_file():
        print(f"sitrep: no database at {db}: build it with `python -m pipeline ingest`", file=sys.stderr)
        return 2
    suffix = args.out.suffix.lstrip(".").lower() if args.out else ""
    fmt = args.format or (suffix if suffix in BRIEF_FORMATS else "md")

    import duckdb

    from dashboard import brief  # the dashboard's queries and the drawing libraries: only for a brief

    chosen = brief.selection(tuple(known[p.casefold()] for p in args.province), args.since, args.until)
    try:
        document = brief.build(db, chosen, settings.reviews, settings.household_size)
    except (duckdb.Error, ReviewError) as err:
        print(
            f"sitrep: cannot read {db} as a sitrep database ({err}): "
            "rebuild it with `python -m pipeline ingest`",
            file=sys.stderr,
        )
        return 2
    data = brief.render(document, fmt)
    if args.out is None:
        sys.stdout.buffer.write(data)
        return 0
    args.out.write_bytes(data)
    print(f"wrote {args.out}")
    return 0


def _reviews(args: argparse.Namespace, settings: Settings) -> int:
    """Export or import a review file; 2 with the problems when it cannot."""
    from pipeline.review import sheet
    from pipeline.review.state import fold
    from pipeline.review.store import history, open_store, record_all

    try:
        rows = sheet.read_rows(Path(settings.db))
        with open_store(settings.reviews) as store:
            reviews = fold(history(store))
            if args.reviews_command == "export":
                lines = sheet.export_rows(rows, reviews)
                sheet.write_sheet(args.file, lines)
                print(f"wrote {len(lines)} rows to {args.file}")
                return 0
            plan = sheet.plan_import(sheet.read_sheet(args.file), rows, reviews, args.reviewer)
            record_all(store, plan.actions)  # the valid rows, in one transaction
    except (ReviewError, OSError) as err:
        print(f"sitrep: {err}", file=sys.stderr)
        return 2
    print(f"recorded {len(plan.actions)} actions in {settings.reviews}")
    print(f"{plan.skipped} rows had nothing to do")
    if plan.conflicts:
        print(f"{len(plan.conflicts)} rows were reviewed by someone else before (both are kept):")
        print("\n".join(f"  {c}" for c in plan.conflicts))
    if plan.problems:
        print("\n".join(plan.problems), file=sys.stderr)
        summary = f"{len(plan.problems)} problems in {args.file}: those rows were not recorded"
        print(
            f"sitrep: {summary}; fix them and import the file again (rows recorded now are skipped)",
            file=sys.stderr,
        )
        return 2
    return 0


def _evaluate_reviews(db: Path) -> int:
    """The extractor's precision on the figures analysts reviewed in ``db``."""
    print(f"== REVIEWED FIGURES in {db}\n{reviewed_table(db)}")
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
