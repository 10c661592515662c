"""A small sitrep database built from the real schema, for dashboard tests.

The rows mirror what the sample articles in ``data/articles/`` give, plus a few edge cases:
an undated article with undated rows, a figure without a province, a background mention,
and an evidence sentence a spreadsheet would read as a formula.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "pipeline" / "schema.sql"

# article_id, published, title
ARTICLES = [
    ("a1", "2016-10-11", "Commandos deployed to Lashkar Gah"),
    ("a2", "2021-07-08", "Taliban surround Qala-i-Naw"),
    ("a3", "2021-07-08", "Afghan forces retake Qala-e-Naw"),
    ("a4", None, "Fighting near Mehtarlam"),
    ("a5", "2016-03-18", "Afghan forces retake Khanishin"),
]

# figure_id, article_id, kind, value, victims, province, event_date, counted, role, parent, sentence
FIGURES = [
    ("f1", "a1", "killed", 14, "mixed", "Helmand", "2016-10-10", True, "total", None,
     "The militants killed 14 people in a coordinated attack."),
    ("f2", "a1", "killed", 10, "security_forces", "Helmand", "2016-10-10", False, "detail", "f1",
     "The attack killed 10 policemen and four others."),
    ("f3", "a1", "displaced", 30000, "civilians", "Helmand", "2016-10-10", True, "total", None,
     "About 30,000 people have fled Lashkar Gah."),
    ("f4", "a2", "displaced", 75000, "civilians", "Badghis", "2021-07-08", True, "total", None,
     "Officials said about 75,000 people have fled their homes."),
    ("f5", "a3", "displaced", 75000, "civilians", "Badghis", "2021-07-08", True, "total", None,
     "Afghan officials said about 75,000 people have fled their homes, either to Herat or nearby."),
    ("f6", "a3", "killed", 69, "militants", "Badghis", "2021-07-07", True, "total", None,
     "69 Taliban terrorists were killed and 23 others were wounded."),
    ("f7", "a3", "wounded", 23, "militants", "Badghis", "2021-07-07", True, "total", None,
     "69 Taliban terrorists were killed and 23 others were wounded."),
    ("f8", "a2", "wounded", 10, "civilians", "Badghis", "2021-07-08", True, "total", None,
     "At least 10 civilians had been taken to hospital since the fighting erupted."),
    ("f9", "a4", "killed", 5, "unspecified", None, None, True, "total", None,
     "-5 people were killed, =HYPERLINK(\"http://example.invalid\") said residents."),
]  # fmt: skip

# pressure_id, article_id, capital, province, level, event_date, is_background
PRESSURE = [
    ("p1", "a1", "Lashkar Gah", "Helmand", "attacked", "2016-10-10", False),
    ("p2", "a2", "Qala-i-Naw", "Badghis", "besieged", "2021-07-08", False),
    ("p3", "a3", "Qala-i-Naw", "Badghis", "attacked", "2021-07-07", False),
    ("p4", "a3", "Qala-i-Naw", "Badghis", "retaken", "2021-07-08", False),
    ("p5", "a5", "Kunduz", "Kunduz", "fell", "2015-09-28", True),
    ("p6", "a4", "Mehtarlam", "Laghman", "besieged", None, False),
]

# district_event_id, article_id, district, province, status, event_date, is_background
DISTRICT_EVENTS = [
    ("d1", "a5", "Khanishin", "Helmand", "retaken", "2016-03-18", False),
    ("d2", "a5", "Khanishin", "Helmand", "fell", "2016-03-01", True),
    ("d3", "a4", "Dawlat Shah", "Laghman", "fell", None, False),
]


def _precision(date: str | None) -> str | None:
    """Day precision for a date, none for no date (the schema ties the two together)."""
    return None if date is None else "day"


def build(path: Path) -> Path:
    """Create a sitrep database at ``path`` from ``pipeline/schema.sql`` and the rows above."""
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        for article_id, published, title in ARTICLES:
            text = f"{title}. Sample text."
            con.execute(
                "INSERT INTO raw_articles VALUES (?, ?, NULL, ?, 'Sample', ?, ?, ?, ?, ?, ?)",
                [
                    article_id, f"articles/{article_id}.txt", title, f"https://example.invalid/{article_id}",
                    published, "metadata" if published else "unknown", _precision(published), len(text), text,
                ],
            )  # fmt: skip
        for fid, aid, kind, value, victims, province, date, counted, role, parent, sentence in FIGURES:
            con.execute(
                "INSERT INTO raw_figures VALUES (?, ?, ?, ?, ?, ?, 'exact', 'people', ?, ?, ?, NULL, ?, ?,"
                " ?, ?, ?, ?, ?, 0, 2, 0, ?, ?, ?)",
                [
                    fid, aid, kind, value, value, value, value, victims, province, date, _precision(date),
                    counted, role, parent, str(value), sentence, len(sentence), None, counted,
                ],
            )  # fmt: skip
        for pid, aid, capital, province, level, date, background in PRESSURE:
            con.execute(
                "INSERT INTO raw_pressure VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 5, 0, 40)",
                [pid, aid, capital, province, level, level, date, _precision(date), background,
                 f"{capital} was {level}."],
            )  # fmt: skip
        for did, aid, district, province, status, date, background in DISTRICT_EVENTS:
            con.execute(
                "INSERT INTO raw_district_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 5)",
                [
                    did,
                    aid,
                    district,
                    province,
                    status,
                    date,
                    _precision(date),
                    background,
                    f"{district} {status}.",
                ],
            )
        con.execute(
            "INSERT INTO raw_rejects VALUES ('articles/broken.pdf', NULL, 'not_text', "
            "'The file is not UTF-8 text: convert it to .txt or remove it.')"
        )
        con.execute(
            "INSERT INTO raw_runs VALUES "
            "(1, TIMESTAMP '2024-01-01 12:00:00', 'test', 'data/articles', 6, 5, 0, 1, 0.5)"
        )
    return path
