"""A small sitrep database built from the real schema, for dashboard tests.

The rows mirror what the sample articles in ``data/articles/`` give, plus a few edge cases:
an undated article with undated rows, a figure without a province or a country (f9), a
background mention, two reports of one event (f4 and f5: the same 75,000 displaced), a hostile
evidence sentence (a spreadsheet formula, HTML and markdown), low-confidence rows (f10, p6) and
a figure abroad (f11, Pakistan: not shown by default). Each article's text is its title and its
evidence sentences, one per line, with the rows' offsets pointing into it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.store.schema import create_schema

ROOT = Path(__file__).resolve().parent.parent

# article_id, published, title
ARTICLES = [
    ("a1", "2016-10-11", "Commandos deployed to Lashkar Gah"),
    ("a2", "2021-07-08", "Taliban surround Qala-i-Naw"),
    ("a3", "2021-07-08", "Afghan forces retake Qala-e-Naw"),
    ("a4", None, "Fighting near Mehtarlam"),
    ("a5", "2016-03-18", "Afghan forces retake Khanishin"),
]

# Authors read from the articles' bylines.
AUTHORS = {"a1": "Ann Example"}

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
     "-5 people were killed, =HYPERLINK(\"http://example.invalid\") said residents "
     "<script>alert(1)</script> **bold** [link](http://example.invalid) :red[x] $x$."),
    ("f10", "a4", "wounded", 12, "civilians", "Laghman", None, True, "total", None,
     "Dozens of people were wounded in the clashes."),
    ("f11", "a2", "killed", 31, "civilians", None, "2021-07-07", True, "total", None,
     "Across the border in Peshawar, 31 people were killed on Wednesday."),
]  # fmt: skip
HOSTILE = next(f[-1] for f in FIGURES if f[0] == "f9")

# Where a figure happened, when not Afghanistan: f9 nothing placed (NULL), f11 abroad.
COUNTRY = {"f9": None, "f11": "PAK"}
PLACE_BASIS = {"f10": "article", "f11": "foreign"}
# Confidence other than high, with its reasons.
CONFIDENCE = {
    "f9": ("medium", "no place"),
    "f10": ("low", "place from the article, not the sentence; vague amount"),
}
PRESSURE_CONFIDENCE = {"p6": ("low", "capital named by context; told in a headline")}
# Who claims a row, when an armed group does (every other row: nobody named, unknown).
CLAIMANT = {"f8": ("a Taliban spokesman", "armed_group")}
PRESSURE_CLAIMANT = {"p3": ("the Taliban", "armed_group")}
# Vague amounts ("dozens"): no value, the number in FIGURES is the floor.
VAGUE = {"f10": "Dozens"}

# figure_id -> event_id; the first figure named for an event is the one it keeps.
EVENTS = {
    "e1": ("f1", "f2"),  # f2 is a part of f1's total: in the event, never its figure
    "e2": ("f3",),
    "e3": ("f5", "f4"),  # one event, two reports
    "e4": ("f6",),
    "e5": ("f7",),
    "e6": ("f8",),
    "e7": ("f9",),
    "e8": ("f10",),
    "e9": ("f11",),
}
# episode_id, capital, province, first_date, last_date, highest, latest, n_reports, n_mentions, background
EPISODES = [
    ("ep1", "Lashkar Gah", "Helmand", "2016-10-10", "2016-10-10", "attacked", "attacked", 1, 1, False),
    ("ep2", "Qala-i-Naw", "Badghis", "2021-07-07", "2021-07-08", "besieged", "retaken", 2, 3, False),
    ("ep3", "Kunduz", "Kunduz", "2015-09-28", "2015-09-28", "fell", "fell", 1, 1, True),
]

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
    ("d2", "a5", "Khanishin", "Helmand", "fell", "2016-03-01", True),  # "fell in March 2016": a month
    ("d3", "a4", "Dawlat Shah", "Laghman", "fell", None, False),
]


# The run that first loaded each article (1 unless named): the latest, run 2, loaded a3 alone, so
# a3's rows are the new ones (f5, f6, f7, p3, p4).
FIRST_RUN = {"a3": 2}

# Rows whose date is known only to the month or the year (stored as its first day).
COARSE = {"d2": "month"}


def _precision(date: str | None, row_id: str = "") -> str | None:
    """The row's precision: a day unless ``COARSE`` says otherwise; none for no date."""
    return None if date is None else COARSE.get(row_id, "day")


def _texts() -> dict[str, str]:
    """Each article's text: its title, then each distinct evidence sentence on its own line."""
    lines: dict[str, list[str]] = {aid: [f"{title}."] for aid, _, title in ARTICLES}
    sentences = [(f[1], f[10]) for f in FIGURES] + [
        (aid, f"{capital} was {level}.") for _, aid, capital, _, level, _, _ in PRESSURE
    ]
    for aid, sentence in sentences:
        if sentence not in lines[aid]:
            lines[aid].append(sentence)
    return {aid: "\n".join(parts) for aid, parts in lines.items()}


def _span(text: str, sentence: str, number: str) -> tuple[int, int, int, int]:
    """The sentence's span in ``text`` and the number's span (the first word if not found)."""
    start = text.index(sentence)
    at = sentence.find(number)
    if at < 0:
        at, number = 0, sentence.split()[0]
    return start, start + len(sentence), start + at, start + at + len(number)


def build(path: Path) -> Path:
    """Create a sitrep database at ``path`` from ``pipeline/store/schema.sql`` and the rows above."""
    texts = _texts()
    event_of = {fid: eid for eid, fids in EVENTS.items() for fid in fids}
    primary = {fids[0] for fids in EVENTS.values()}
    values = {f[0]: f for f in FIGURES}
    with duckdb.connect(str(path)) as con:
        create_schema(con)
        for article_id, published, title in ARTICLES:
            text = texts[article_id]
            author = AUTHORS.get(article_id)
            con.execute(
                "INSERT INTO raw_articles (article_id, file, title, source, url, author, published,"
                " date_source, date_precision, n_chars, text, title_from, source_from, author_from, url_from,"
                " first_run)"
                " VALUES (?, ?, ?, 'Sample', ?, ?, ?, ?, ?, ?, ?, 'metadata', 'metadata', ?, 'metadata', ?)",
                [
                    article_id, f"articles/{article_id}.txt", title, f"https://example.invalid/{article_id}",
                    author, published, "metadata" if published else "unknown",
                    _precision(published, article_id), len(text), text, "byline" if author else "none",
                    FIRST_RUN.get(article_id, 1),
                ],
            )  # fmt: skip
        for fid, aid, kind, value, victims, province, date, counted, role, parent, sentence in FIGURES:
            number = VAGUE.get(fid, str(value))
            s0, s1, c0, c1 = _span(texts[aid], sentence, number)
            stated = None if fid in VAGUE else value
            basis = PLACE_BASIS.get(fid, "sentence" if province else "none")
            confidence, reason = CONFIDENCE.get(fid, ("high", ""))
            con.execute(
                "INSERT INTO raw_figures (figure_id, article_id, kind, value, value_low, value_high,"
                " qualifier, unit, people_estimate, victims, province, place, country, place_basis,"
                " event_date, date_precision, counted, role, parent_figure_id, number_text, sentence,"
                " char_start, char_end, sentence_start, sentence_end, event_id, is_primary, confidence,"
                " confidence_reason, claimed_by, claimant_type)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'people', ?, ?, ?, NULL, ?, ?, ?, ?,"
                " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    fid, aid, kind, stated, value, stated, "vague" if fid in VAGUE else "exact", value,
                    victims, province, COUNTRY.get(fid, "AFG"), basis, date, _precision(date, fid),
                    counted, role, parent, number, sentence, c0, c1, s0, s1, event_of[fid],
                    fid in primary, confidence, reason, *CLAIMANT.get(fid, (None, "unknown")),
                ],
            )  # fmt: skip
        for eid, fids in EVENTS.items():
            fid, aid, kind, value, victims, province, date = values[fids[0]][:7]
            dates = [values[x][6] for x in fids if values[x][7] and values[x][6]]
            reports = len({values[x][1] for x in fids if values[x][7]})
            stated = None if fid in VAGUE else value
            con.execute(
                "INSERT INTO raw_events VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " 'people', ?, ?, ?, ?)",
                [
                    eid, kind, COUNTRY.get(fid, "AFG"), province, victims, min(dates, default=None),
                    max(dates, default=None), reports, fid, stated, value, stated,
                    "vague" if fid in VAGUE else "exact", value,
                    "most recent report" if reports > 1 else "single report", value, value,
                ],
            )  # fmt: skip
        for pid, aid, capital, province, level, date, background in PRESSURE:
            sentence = f"{capital} was {level}."
            s0, s1, c0, c1 = _span(texts[aid], sentence, level)
            con.execute(
                "INSERT INTO raw_pressure (pressure_id, article_id, capital, province, level, trigger,"
                " event_date, date_precision, is_background, sentence, char_start, char_end, sentence_start,"
                " sentence_end, country, confidence, confidence_reason, claimed_by, claimant_type)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AFG', ?, ?, ?, ?)",
                [pid, aid, capital, province, level, level, date, _precision(date, pid), background,
                 sentence, c0, c1, s0, s1, *PRESSURE_CONFIDENCE.get(pid, ("high", "")),
                 *PRESSURE_CLAIMANT.get(pid, (None, "unknown"))],
            )  # fmt: skip
        for row in EPISODES:
            episode_id, capital, province, *rest = row
            con.execute(
                "INSERT INTO raw_pressure_episodes VALUES (?, ?, ?, 'AFG', ?, ?, ?, ?, ?, ?, ?)",
                [episode_id, capital, province, *rest],
            )
        for did, aid, district, province, status, date, background in DISTRICT_EVENTS:
            con.execute(
                "INSERT INTO raw_district_events (district_event_id, article_id, district, province, status,"
                " event_date, date_precision, is_background, sentence, char_start, char_end, country)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 5, 'AFG')",
                [
                    did,
                    aid,
                    district,
                    province,
                    status,
                    date,
                    _precision(date, did),
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
            "(1, TIMESTAMP '2024-01-01 12:00:00', 'test', 'data/articles', 6, 4, 0, 1, 0.5, 0),"
            " (2, TIMESTAMP '2024-01-08 12:00:00', 'test', 'data/articles', 6, 1, 4, 1, 0.3, 0)"
        )
    return path


def coarsen(path: Path) -> Path:
    """Date article a1 only to the year (2016), its figures and mentions only to the month (October 2016)."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            "UPDATE raw_articles SET published = '2016-01-01', date_precision = 'year'"
            " WHERE article_id = 'a1'"
        )
        for table in ("raw_figures", "raw_pressure"):
            con.execute(
                f"UPDATE {table} SET event_date = '2016-10-01', date_precision = 'month'"  # noqa: S608
                " WHERE article_id = 'a1'"
            )
    return path
