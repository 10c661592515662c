"""The dashboard's SQL as ``(sql, params)`` pairs, built from ``Filters`` and run by ``db.py``.

Pure: nothing here opens the database. SQL text is assembled only from the constants in this
module and ``filters.where``; every value is bound as a ``?`` parameter (the reason each
``noqa: S608`` is safe). Aggregation happens in DuckDB; ``sum`` of a BIGINT is a HUGEINT
there, hence the casts.
"""

from __future__ import annotations

import dataclasses

from dashboard.filters import ARMED_GROUP, LOW, Filters, counted, where
from pipeline import vocab
from pipeline.review.fields import ID_COLUMNS, VIEW_COLUMNS, VIEWS
from pipeline.store.schema import OFFSETS, level_case, views

Query = tuple[str, list[object]]

# Columns shown and downloaded for each table, evidence sentence included: every column of the
# public view (schema.sql orders them for reading) but the offsets locating the evidence.
TABLE_VIEWS = ("figures", "pressure", "district_events", "articles", "events", "pressure_episodes")
# Figures, pressure mentions, district events and events carry their article's date, whose
# precision (in ``articles``) the table needs to show "2016" rather than "2016-01-01"; it stands
# right after ``published``.
WITH_ARTICLE_PRECISION = ("figures", "pressure", "district_events", "events")
PUBLISHED_PRECISION = "(SELECT article_id AS aid, date_precision AS published_precision FROM articles)"


def _columns(view: str) -> tuple[str, ...]:
    """The view's columns but the offsets, with ``published_precision`` after ``published``."""
    columns = tuple(c for c in views()[view] if c not in OFFSETS)
    if view not in WITH_ARTICLE_PRECISION:
        return columns
    at = columns.index("published") + 1
    return (*columns[:at], "published_precision", *columns[at:])


COLUMNS = {view: _columns(view) for view in TABLE_VIEWS}
# Newest first: an analyst reads what happened last before what led to it.
ORDER = {
    "figures": "event_date DESC NULLS LAST, province NULLS LAST, kind, figure_id",
    "pressure": "event_date DESC NULLS LAST, capital, level_rank, pressure_id",
    "district_events": "event_date DESC NULLS LAST, province, district, district_event_id",
    "articles": "published DESC NULLS LAST, title, article_id",
    "events": "date_start DESC NULLS LAST, province NULLS LAST, kind, event_id",
    "pressure_episodes": "first_date DESC, capital, episode_id",
}
# What "nothing matches these filters" looks at: every filtered table of the page.
FILTERED_VIEWS = ("figures", "events", "pressure", "district_events", "articles")
HARM = vocab.HARM


def _literal_list(values: tuple[str, ...]) -> str:
    """``('killed', 'wounded')``: SQL text from the vocabulary, never from input."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


HARM_IN = _literal_list(HARM)
MAPPED_IN = _literal_list(("displaced", *HARM))  # the kinds the map shades
SUMMED_IN = MAPPED_IN  # and the headline sums
# On one day a retaking comes after whatever it undid (as in pipeline/group/episodes.py).
LATEST_ORDER = f"event_date DESC NULLS LAST, {level_case('level', vocab.LEVEL_SEQUENCE)} DESC"
# Calendar bins of the charts over time and of the pressure timeline: each bin's first day.
BUCKETS = {
    "day": "event_date",
    "week": "date_trunc('week', event_date)",
    "month": "date_trunc('month', event_date)",
    "quarter": "date_trunc('quarter', event_date)",
}
# The precisions that place a date in a bin: a mention of "October 2016" belongs to no week,
# one of "2016" to no month, and is left out rather than drawn on its first day.
PLACED = {
    "day": "date_precision = 'day'",
    "week": "date_precision = 'day'",
    "month": "date_precision IN ('day', 'month')",
    "quarter": "date_precision IN ('day', 'month')",
}
PROVINCE = "coalesce(province, '(no province)') AS province"
# A pressure mention an analyst rejected is shown in the tables on request, never counted.
KEPT = "review_status <> 'rejected'"


def rows(view: str, f: Filters, limit: int | None = None) -> Query:
    """The filtered rows of one public view, in the table's column order (the first ``limit``).

    Figures counting each event once are the primary figures, with the number of reports
    their event rests on.
    """
    cond, params = where(f, view)
    columns = ", ".join(COLUMNS[view])  # a KeyError for anything but a known view
    tail = " LIMIT ?" if limit is not None else ""
    params = [*params, limit] if limit is not None else params
    joined = f" LEFT JOIN {PUBLISHED_PRECISION} ON aid = article_id" if view in WITH_ARTICLE_PRECISION else ""
    if view == "figures" and f.each_event:
        sql = f"""
            SELECT {columns}, n_reports
            FROM figures LEFT JOIN (SELECT event_id AS eid, n_reports FROM events) ON eid = event_id{joined}
            WHERE is_primary AND {cond} ORDER BY {ORDER[view]}{tail}
        """  # noqa: S608
        return sql, params
    return f"SELECT {columns} FROM {view}{joined} WHERE {cond} ORDER BY {ORDER[view]}{tail}", params  # noqa: S608


def _shown(view: str, f: Filters) -> Query:
    """``FROM <view> WHERE …``: the rows ``rows`` gives for these filters, to count or test."""
    cond, params = where(f, view)
    primary = "is_primary AND " if view == "figures" and f.each_event else ""
    if view not in COLUMNS:
        raise KeyError(view)
    return f"FROM {view} WHERE {primary}{cond}", params


def count(view: str, f: Filters) -> Query:
    """How many rows ``rows`` gives for these filters."""
    rows_of, params = _shown(view, f)
    return f"SELECT count(*) AS n {rows_of}", params


def anything(views: tuple[str, ...], f: Filters) -> Query:
    """Whether any of ``views`` has a row passing the filters: one query, each part stops at a row."""
    parts, params = [], []
    for view in views:
        rows_of, more = _shown(view, f)
        parts.append(f"EXISTS (SELECT 1 {rows_of})")
        params += more
    return "SELECT " + " OR ".join(parts) + " AS found", params


# What each hiding switch leaves out: the column and the value of the rows it hides.
HIDES = {"hide_low": ("confidence", LOW), "hide_claims": ("claimant_type", ARMED_GROUP)}


def hidden(f: Filters, switch: str = "hide_low") -> Query:
    """The figures and pressure mentions the tables hold for ``f`` with ``switch`` off that the
    switch leaves out (low-confidence rows, armed groups' claims)."""
    column, value = HIDES[switch]  # a KeyError for anything but a known switch
    shown = dataclasses.replace(f, **{switch: False})
    figures, fp = _shown("figures", shown)
    pressure, pp = _shown("pressure", shown)
    sql = f"""
        SELECT (SELECT count(*) {figures} AND {column} = ?) AS figures,
               (SELECT count(*) {pressure} AND {column} = ?) AS pressure
    """  # noqa: S608
    return sql, [*fp, value, *pp, value]


def _first_last(date: str, name: str, only: str = "TRUE") -> str:
    """``<name>_first``, ``<name>_last`` and how precisely each is known (``<name>_first_precision``).

    Of rows sharing the first date, any one's precision is true of it: "2016" and "2016-01-01"
    both describe a row stored as 1 January 2016.
    """
    return f"""min({date}) FILTER (WHERE {only}) AS {name}_first,
            arg_min(date_precision, {date}) FILTER (WHERE {only}) AS {name}_first_precision,
            max({date}) FILTER (WHERE {only}) AS {name}_last,
            arg_max(date_precision, {date}) FILTER (WHERE {only}) AS {name}_last_precision"""


def totals(f: Filters) -> Query:
    """Headline numbers with the first and last event date of what each sums, and how many of
    the figures, current pressure mentions and articles behind them are new since the last ingest.

    Capitals under pressure now: the latest current (not background) mention of each capital
    in the selection, unless that is a retaking.
    """
    fw, fp = where(f, "figures")
    pw, pp = where(f, "pressure")
    aw, ap = where(f, "articles")
    sums = ",\n".join(
        f"""CAST(coalesce(sum(people_estimate) FILTER (WHERE kind = '{k}'), 0) AS BIGINT) AS {k},
            {_first_last("event_date", k, f"kind = '{k}'")}"""
        for k in ("displaced", *HARM)
    )
    sql = f"""
        WITH
            fig AS (
                SELECT kind, people_estimate, event_date, date_precision, new FROM figures
                WHERE {counted(f)} AND {fw}
            ),
            mentions AS (
                SELECT capital, level, level_rank, event_date, date_precision, new FROM pressure
                WHERE NOT is_background AND {KEPT} AND {pw}
            ),
            latest AS (
                SELECT capital, level FROM mentions
                QUALIFY row_number() OVER (PARTITION BY capital ORDER BY {LATEST_ORDER}) = 1
            ),
            art AS (SELECT published, date_precision, new FROM articles WHERE {aw}),
            f AS (
                SELECT {sums},
                       count(*) FILTER (WHERE kind IN {SUMMED_IN}) AS figures_summed,
                       count(*) FILTER (WHERE kind IN {SUMMED_IN} AND new) AS figures_new
                FROM fig
            ),
            c AS (
                SELECT (SELECT count(*) FROM latest WHERE level <> 'retaken') AS capitals,
                       {_first_last("event_date", "capitals")},
                       count(*) AS mentions, count(*) FILTER (WHERE new) AS mentions_new
                FROM mentions
            ),
            a AS (
                SELECT count(*) AS articles, {_first_last("published", "articles")},
                       count(*) FILTER (WHERE new) AS articles_new
                FROM art
            )
        SELECT * FROM f, c, a
    """  # noqa: S608
    return sql, fp + pp + ap


def harm_by_victims(f: Filters) -> Query:
    """People killed and wounded per kind and victim group."""
    cond, params = where(f, "figures")
    sql = f"""
        SELECT kind, victims, CAST(sum(people_estimate) AS BIGINT) AS people
        FROM figures
        WHERE {counted(f)} AND kind IN {HARM_IN} AND {cond}
        GROUP BY ALL ORDER BY kind, people DESC, victims
    """  # noqa: S608
    return sql, params


def period(bucket: str) -> str:
    """The column ``period``: the first day of a figure's ``bucket`` (day, week, month, quarter)."""
    return f"CAST({BUCKETS[bucket]} AS DATE) AS period"  # a KeyError for anything but a known bin


def people(f: Filters, kinds: tuple[str, ...], group: tuple[str, ...], bucket: str | None = None) -> Query:
    """Sum of ``people_estimate`` for ``kinds``, grouped by fixed column expressions.

    ``bucket``: only figures dated precisely enough to fall in one such bin, for the charts
    over time (whose ``group`` holds ``period(bucket)``).
    """
    cond, params = where(f, "figures")
    marks = ", ".join("?" for _ in kinds)
    keys = ", ".join(group)
    date_cond = f"event_date IS NOT NULL AND {PLACED[bucket]}" if bucket else "TRUE"
    sql = f"""
        SELECT {keys}, CAST(sum(people_estimate) AS BIGINT) AS people, count(*) AS reports
        FROM figures
        WHERE {counted(f)} AND kind IN ({marks}) AND {date_cond} AND {cond}
        GROUP BY ALL ORDER BY ALL
    """  # noqa: S608
    return sql, list(kinds) + params


def province_totals(f: Filters) -> Query:
    """People displaced and people killed or wounded per province (figures with a province)."""
    cond, params = where(f, "figures")
    sql = f"""
        SELECT province,
               CAST(coalesce(sum(people_estimate) FILTER (WHERE kind = 'displaced'), 0) AS BIGINT)
                   AS displaced,
               CAST(coalesce(sum(people_estimate) FILTER (WHERE kind IN {HARM_IN}), 0) AS BIGINT)
                   AS killed_wounded,
               count(*) AS reports
        FROM figures
        WHERE {counted(f)} AND province IS NOT NULL AND kind IN {MAPPED_IN} AND {cond}
        GROUP BY province ORDER BY province
    """  # noqa: S608
    return sql, params


def capital_levels(f: Filters) -> Query:
    """Each capital's highest current pressure level in the selection (retaken when that is all)."""
    cond, params = where(f, "pressure")
    sql = f"""
        SELECT capital, province,
               coalesce(arg_max(level, level_rank) FILTER (WHERE level_rank > 0), 'retaken') AS level,
               max(level_rank) AS level_rank, count(*) AS mentions,
               min(event_date) AS first_date, max(event_date) AS last_date
        FROM pressure
        WHERE NOT is_background AND {KEPT} AND {cond}
        GROUP BY capital, province ORDER BY capital
    """  # noqa: S608
    return sql, params


def pressure_grid(f: Filters, bucket: str) -> Query:
    """Per capital, calendar bucket and background flag: the highest level reached.

    Retakings stand apart: the level is the highest rank above zero, ``retaken`` only when a
    bucket holds nothing else, and ``retaken`` says whether the bucket saw one at all.
    """
    cond, params = where(f, "pressure")
    start = BUCKETS[bucket]  # a KeyError for anything but a known bucket
    sql = f"""
        SELECT CAST({start} AS DATE) AS period, capital, province, is_background,
               coalesce(arg_max(level, level_rank) FILTER (WHERE level_rank > 0), 'retaken') AS level,
               bool_or(level = 'retaken') AS retaken,
               count(*) AS mentions,
               string_agg(DISTINCT level, ', ' ORDER BY level) AS levels
        FROM pressure
        WHERE event_date IS NOT NULL AND {PLACED[bucket]} AND {KEPT} AND {cond}
        GROUP BY ALL ORDER BY period, capital, is_background
    """  # noqa: S608
    return sql, params


def capital_status(f: Filters) -> Query:
    """Each capital's latest mention in the selection (current ones first), with its evidence."""
    cond, params = where(f, "pressure")
    sql = f"""
        SELECT capital, province, level, event_date, date_precision, is_background, sentence, title,
               source, published, published_precision, confidence, confidence_reason, pressure_id
        FROM pressure LEFT JOIN {PUBLISHED_PRECISION} ON aid = article_id
        WHERE {KEPT} AND {cond}
        QUALIFY row_number() OVER (PARTITION BY capital ORDER BY is_background, {LATEST_ORDER}) = 1
        ORDER BY level_rank DESC, event_date DESC NULLS LAST,
                 capital
    """  # noqa: S608
    return sql, params


# Evidence: a row as the analysts left it (its public view), its span and its article, by id.
# The text is in raw_articles only. A district event keeps no sentence offsets: its sentence is
# found in the text (the district's own span when it is not).
ARTICLE = """a.title, a.source, a.url, a.published, a.date_precision AS published_precision,
               a.file, a.text, a.author, a.title_from, a.source_from, a.author_from, a.url_from,
               a.date_source"""
REVIEW = "x.article_id, x.review_status, x.reviewed_by"
EVIDENCE = {
    "figure": f"""
        SELECT x.figure_id AS id, x.sentence, x.sentence_start, x.sentence_end, x.char_start,
               x.char_end, x.kind || ' ' || x.number_text AS what, x.event_date, x.date_precision,
               x.confidence, x.confidence_reason, x.claimed_by, x.claimant_type, x.event_id,
               x.number_text AS anchor_text, x.kind, x.value, x.unit, x.province, {REVIEW}, {ARTICLE}
        FROM figures AS x JOIN raw_articles AS a USING (article_id)
        WHERE x.figure_id = ?
    """,  # noqa: S608 (this module's constants only)
    "pressure": f"""
        SELECT x.pressure_id AS id, x.sentence, x.sentence_start, x.sentence_end, x.char_start,
               x.char_end, x.capital || ' ' || x.level AS what, x.event_date, x.date_precision,
               x.confidence, x.confidence_reason, x.claimed_by, x.claimant_type, NULL AS event_id,
               x.trigger AS anchor_text, {REVIEW}, {ARTICLE}
        FROM pressure AS x JOIN raw_articles AS a USING (article_id)
        WHERE x.pressure_id = ?
    """,  # noqa: S608 (this module's constants only)
    "district_event": f"""
        SELECT x.district_event_id AS id, x.sentence,
               CASE WHEN instr(a.text, x.sentence) > 0 THEN instr(a.text, x.sentence) - 1
                    ELSE x.char_start END AS sentence_start,
               CASE WHEN instr(a.text, x.sentence) > 0
                    THEN instr(a.text, x.sentence) - 1 + length(x.sentence)
                    ELSE x.char_end END AS sentence_end,
               x.char_start, x.char_end, x.district || ' ' || x.status AS what, x.event_date,
               x.date_precision, 'high' AS confidence, '' AS confidence_reason, NULL AS claimed_by,
               'unknown' AS claimant_type, NULL AS event_id, x.district AS anchor_text, {REVIEW},
               {ARTICLE}
        FROM district_events AS x JOIN raw_articles AS a USING (article_id)
        WHERE x.district_event_id = ?
    """,  # noqa: S608 (this module's constants only)
}


def review_values(target: str, row_id: str) -> Query:
    """The values an analyst may correct on one row, as its public view shows them now, by the
    field names of ``pipeline/review/fields.py``."""
    columns = VIEW_COLUMNS[target]  # a KeyError for anything but a known target
    picked = ", ".join(f"{column} AS {name}" for name, column in columns.items())
    return f"SELECT {picked} FROM {VIEWS[target]} WHERE {ID_COLUMNS[target]} = ?", [row_id]  # noqa: S608


def evidence(kind: str, row_id: str) -> Query:
    """One figure's, pressure mention's or district event's evidence with its article's text
    and metadata."""
    return EVIDENCE[kind], [row_id]


def dated_span(f: Filters) -> Query:
    """The first and last day of the summed figures dated at least to the month: the span the
    charts over time cover, which sets their bin."""
    cond, params = where(f, "figures")
    sql = f"""
        SELECT min(event_date) AS first, max(event_date) AS last FROM figures
        WHERE {counted(f)} AND event_date IS NOT NULL AND {PLACED["month"]} AND {cond}
    """  # noqa: S608
    return sql, params
