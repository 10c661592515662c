"""Benchmark: the dashboard's queries on a large SYNTHETIC database.

Builds (once, unless ``--rebuild``) a DuckDB file with the real schema and made-up rows —
1,000,000 figures and 100,000 pressure mentions by default, every title "SYNTHETIC" — under
``/tmp``, then times each query behind one filter change (the functions of ``dashboard/db.py``,
called through ``__wrapped__`` so Streamlit's cache is bypassed): cold (first call in this
process) and warm (best of the next ``--repeat`` calls). A benchmark, not a test: the numbers
depend on the machine.

    .venv/bin/python scripts/bench_dashboard.py [--figures N] [--pressure N] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dashboard import db  # noqa: E402
from dashboard.filters import Filters, describe, previous  # noqa: E402
from dashboard.periods import preset  # noqa: E402
from dashboard.queries import FILTERED_VIEWS  # noqa: E402
from dashboard.tabs.common import MAX_SHOWN  # noqa: E402
from pipeline.extract.places import capital_coordinates  # noqa: E402
from pipeline.store.schema import create_schema  # noqa: E402

DEFAULT_DB = Path("/tmp/sitrep-bench-SYNTHETIC.duckdb")
LEVELS = ["threatened", "attacked", "besieged", "breached", "fell", "retaken"]
KINDS = ["killed", "wounded", "displaced", "casualties"]
VICTIMS = ["civilians", "security_forces", "militants", "mixed", "unspecified"]


def build(path: Path, n_figures: int, n_pressure: int) -> None:
    """Fill a new file with synthetic rows spread over 2015-2021 and the 34 provinces.

    Written beside ``path`` and renamed at the end, so a failed build leaves no half-filled file.
    """
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    capitals = capital_coordinates()
    n_articles = max(1, n_figures // 100)
    with duckdb.connect(str(tmp)) as con:
        create_schema(con)
        con.execute("CREATE TEMP TABLE caps (ci INTEGER, capital VARCHAR, province VARCHAR)")
        con.executemany(
            "INSERT INTO caps VALUES (?, ?, ?)",
            [[i, c["capital"], c["province"]] for i, c in enumerate(capitals)],
        )
        con.execute(
            """
            INSERT INTO raw_articles (
                article_id, file, external_id, title, source, url, published, date_source,
                date_precision, n_chars, text, first_run
            )
            SELECT 'a' || i, 'synthetic/' || i || '.txt', NULL, 'SYNTHETIC article ' || i, 'SYNTHETIC',
                   NULL, DATE '2015-01-01' + CAST(i * 2557 // $n AS INTEGER), 'metadata', 'day', 200,
                   'SYNTHETIC text. ' || repeat('Words of a synthetic report. ', 6),
                   -- the latest run loaded the last tenth of the articles: their rows are new
                   CASE WHEN i >= $n * 9 // 10 THEN 2 ELSE 1 END
            FROM range($n) t(i)
            """,
            {"n": n_articles},
        )
        con.execute(
            """
            INSERT INTO raw_figures (
                figure_id, article_id, kind, value, value_low, value_high, qualifier, unit,
                people_estimate, victims, province, place, country, place_basis, event_date,
                date_precision, counted, role, parent_figure_id, number_text, confidence,
                confidence_reason, sentence, char_start, char_end, sentence_start, sentence_end,
                event_id, is_primary
            )
            SELECT 'f' || i, 'a' || (i % $a), $kinds[1 + j % 4], v, v, v, 'exact', 'people', v,
                   $victims[1 + (j // 4) % 5], c.province, NULL, 'AFG', 'sentence',
                   DATE '2015-01-01' + CAST((i % $a) * 2557 // $a AS INTEGER), 'day',
                   j % 10 <> 7, CASE WHEN j % 10 = 7 THEN 'detail' ELSE 'total' END, NULL,
                   CAST(v AS VARCHAR), 'high', '', 'SYNTHETIC sentence ' || i || '.', 16, 20, 0, 60,
                   'e' || c.ci || '-' || (j // 40) || '-' || (j % 4), j % 40 < 4
            -- j numbers the rows of one province, so kinds, groups and roles vary within each;
            -- an event is ten reports of one kind, the first of them its primary figure.
            FROM (SELECT i, i // 34 AS j, 1 + (i * 7919) % 5000 AS v FROM range($n) t(i)) AS x
            JOIN caps AS c ON c.ci = x.i % 34
            """,
            {"n": n_figures, "a": n_articles, "kinds": KINDS, "victims": VICTIMS},
        )
        con.execute(
            """
            INSERT INTO raw_events (
                event_id, kind, country, province, place, victims, date_start, date_end, n_reports,
                figure_id, value, value_low, value_high, qualifier, unit, people_estimate, chosen_by,
                range_low, range_high
            )
            SELECT event_id, kind, 'AFG', province, NULL, victims, event_date, event_date, 2, figure_id,
                   value, value_low, value_high, qualifier, unit, people_estimate, 'most recent report',
                   value, value
            FROM raw_figures WHERE is_primary
            """
        )
        con.execute(
            """
            INSERT INTO raw_pressure (
                pressure_id, article_id, capital, province, country, level, trigger, confidence,
                confidence_reason, event_date, date_precision, is_background, sentence, char_start,
                char_end, sentence_start, sentence_end
            )
            SELECT 'p' || i, 'a' || (i % $a), c.capital, c.province, 'AFG', $levels[1 + (i // 34) % 6],
                   'SYNTHETIC trigger', 'high', '',
                   DATE '2015-01-01' + CAST((i % $a) * 2557 // $a AS INTEGER), 'day',
                   i % 7 = 0, 'SYNTHETIC sentence ' || i || '.', 0, 5, 0, 40
            FROM range($n) t(i) JOIN caps AS c ON c.ci = i % 34
            """,
            {"n": n_pressure, "a": n_articles, "levels": LEVELS},
        )
        con.execute(
            """
            INSERT INTO raw_pressure_episodes
            SELECT 'ep' || capital || year(event_date) || month(event_date), any_value(capital),
                   any_value(province), 'AFG', min(event_date), max(event_date), 'besieged', 'attacked',
                   count(DISTINCT article_id), count(*), false
            FROM raw_pressure GROUP BY capital, year(event_date), month(event_date)
            """
        )
        con.execute(
            "INSERT INTO raw_runs VALUES (1, now(), 'SYNTHETIC', 'synthetic', $old, $old, 0, 0, 0, 0),"
            " (2, now(), 'SYNTHETIC', 'synthetic', $n, $n - $old, $old, 0, 0, 0)",
            {"n": n_articles, "old": n_articles * 9 // 10},
        )
    os.replace(tmp, path)


def timed(call) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _current(path: Path) -> bool:
    """Whether a database left by an earlier run has the views of today's schema."""
    with duckdb.connect(str(path), read_only=True) as con:
        for view, columns in db.COLUMNS.items():
            found = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}  # noqa: S608
            if not set(columns) <= found:
                return False
    return True


def main() -> None:
    """Build the synthetic database if needed, time the queries and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--pressure", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not args.db.exists() or not _current(args.db):
        took = timed(lambda: build(args.db, args.figures, args.pressure))
        print(f"built SYNTHETIC {args.db} in {took:.1f} s ({args.db.stat().st_size / 2**20:.0f} MB)")
    src = db.source(str(args.db))
    with duckdb.connect(str(args.db), read_only=True) as con:
        n_fig, n_pre = con.execute(
            "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM pressure)"
        ).fetchone()
    # Three filter changes: a narrow one, everything counting every report (the heaviest), and a
    # preset period, whose headline also sums the period before and counts the undated left out.
    dates = db.options.__wrapped__(src).dates
    month = preset("last_30_days", dates[1])
    for f in (
        Filters(period=(2016, 2021), undated=False, province=("Helmand", "Badghis")),
        Filters(each_event=False),
        Filters(preset="last_30_days", since=month.start, until=month.end, undated=False),
    ):
        print(f"\nSYNTHETIC database: {n_fig:,} figures, {n_pre:,} pressure mentions; {describe(f)}")
        report(src, f, args.repeat, dates)


# The queries of every rerun (headline, and the "nothing matches" check), and each tab's own; a
# period adds the totals of the period before, undated items left out their count.
EVERY_RERUN = ["headline (one connection)"]
TABS = {
    "Map": ["map (one connection)"],
    "Charts": ["charts (one connection)"],
    "Capitals": ["capitals (one connection)"],
    "Tables": ["table figures (one connection)"],
    "Evidence": ["rows figures"],
    "Sources": ["table articles (one connection)"],
}


def report(src: db.Source, f: Filters, repeat: int, dates: tuple | None) -> None:
    """Time every query behind one filter change, cold and warm, and print a table."""
    before = previous(f, dates)
    calls = {
        # The headline: whether anything matches, the totals (and the period before's, for a
        # period), killed and wounded by victim group, the reviewed share, undated rows left out.
        "headline (one connection)": lambda: db.headline.__wrapped__(src, f, before[0] if before else None),
        "province_totals (map)": lambda: db.province_totals.__wrapped__(src, f),
        "capital_levels (map)": lambda: db.capital_levels.__wrapped__(src, f),
        "pressure_grid (week)": lambda: db.pressure_grid.__wrapped__(src, f, "week"),
        "capital_status": lambda: db.capital_status.__wrapped__(src, f),
        # What each table shows: its row count and its first MAX_SHOWN rows (the CSV is built on click).
        **{f"count {view}": (lambda v=view: db.count.__wrapped__(src, v, f)) for view in FILTERED_VIEWS},
        **{
            f"rows {view}": (lambda v=view: db.rows.__wrapped__(src, v, f, MAX_SHOWN))
            for view in FILTERED_VIEWS
        },
        "rows pressure_episodes": lambda: db.rows.__wrapped__(src, "pressure_episodes", f),
        # What each tab reads, as it reads it: its queries above in one connection.
        "map (one connection)": lambda: db.map_data.__wrapped__(src, f),
        "charts (one connection)": lambda: db.charts.__wrapped__(src, f),
        "capitals (one connection)": lambda: db.capitals.__wrapped__(src, f, "week"),
        "table figures (one connection)": lambda: db.table.__wrapped__(src, "figures", f, MAX_SHOWN),
        "table articles (one connection)": lambda: db.table.__wrapped__(src, "articles", f, MAX_SHOWN),
    }
    print(f"{'query':<28} {'cold s':>8} {'warm s':>8} {'rows':>9}")
    cold_s: dict[str, float] = {}
    warm_s: dict[str, float] = {}
    for name, call in calls.items():
        cold_s[name] = timed(call)
        warm_s[name] = min(timed(call) for _ in range(repeat))
        found = call()
        n = found.height if hasattr(found, "height") else 1
        print(f"{name:<28} {cold_s[name]:>8.3f} {warm_s[name]:>8.3f} {n:>9,}")
    alone = [n for n in calls if "(one connection)" not in n]
    cold, warm = sum(cold_s[n] for n in alone), sum(warm_s[n] for n in alone)
    print(f"{'every query above, alone':<28} {cold:>8.3f} {warm:>8.3f}")
    # A filter change runs the headline's queries and the open tab's only.
    for tab, names in TABS.items():
        names = [n for n in (*EVERY_RERUN, *names) if n in calls]
        cold, warm = sum(cold_s[n] for n in names), sum(warm_s[n] for n in names)
        print(f"{'a filter change on ' + tab:<28} {cold:>8.3f} {warm:>8.3f}")


if __name__ == "__main__":
    main()
