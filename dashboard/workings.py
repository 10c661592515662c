"""The work behind a number: the reports of one event, the events a headline number sums, and
the undated rows a period leaves out.

Pure SQL builders, like ``queries.py``: values are bound as ``?``, names come from constants.
"""

from __future__ import annotations

import dataclasses

from dashboard.filters import ARMED_GROUP, Filters, counted, where
from dashboard.queries import Query
from pipeline.vocab import HARM

# What a reader needs to weigh the reports of one event, in time order.
REPORT_COLUMNS = (
    "published", "event_date", "date_precision", "number_text", "value", "qualifier", "unit", "victims",
    "claimed_by", "claimant_type", "role", "is_primary", "confidence", "title", "source", "author",
    "sentence", "figure_id", "file",
)  # fmt: skip
SUMMED_COLUMNS = (
    "kind", "date_start", "date_end", "province", "place", "value", "qualifier", "unit", "people_estimate",
    "range_low", "range_high", "n_reports", "chosen_by", "claimed_by", "event_id",
)  # fmt: skip


def event_reports(event_id: str) -> Query:
    """Every report of one event (other sources' estimates and restatements too), oldest first."""
    columns = ", ".join(REPORT_COLUMNS)
    sql = f"""
        SELECT {columns} FROM figures
        WHERE event_id = ? AND role <> 'detail'
        ORDER BY published NULLS LAST, event_date NULLS LAST, figure_id
    """  # noqa: S608
    return sql, [event_id]


def summed_events(f: Filters, limit: int) -> Query:
    """The events behind each headline number (displaced, killed, wounded), largest first: the
    first ``limit`` of each kind, with how many there are in all."""
    cond, params = where(f, "events")
    columns = ", ".join(SUMMED_COLUMNS)
    kinds = ", ".join("?" for _ in HARM + ("displaced",))
    sql = f"""
        SELECT * FROM (
            SELECT {columns},
                   row_number() OVER (PARTITION BY kind ORDER BY people_estimate DESC, event_id) AS rank,
                   count(*) OVER (PARTITION BY kind) AS n_events
            FROM events WHERE {cond} AND kind IN ({kinds})
        ) WHERE rank <= ? ORDER BY kind, rank
    """  # noqa: S608
    return sql, [*params, "displaced", *HARM, limit]


def reviewed_share(f: Filters) -> Query:
    """How many of the figures the headline sums an analyst reviewed, by review status."""
    cond, params = where(f, "figures")
    sql = f"""
        SELECT review_status, count(*) AS n FROM figures
        WHERE {counted(f)} AND kind IN ('killed', 'wounded', 'displaced') AND {cond}
        GROUP BY review_status ORDER BY review_status
    """  # noqa: S608
    return sql, params


def makeup(f: Filters) -> Query:
    """What each headline sum (killed, wounded, displaced) is made of: its figures and people by
    review status, confidence and whether an armed group claims them."""
    cond, params = where(f, "figures")
    sql = f"""
        SELECT kind, review_status, confidence, claimant_type = ? AS armed_group,
               count(*) AS figures, CAST(sum(people_estimate) AS BIGINT) AS people
        FROM figures
        WHERE {counted(f)} AND kind IN ('killed', 'wounded', 'displaced') AND {cond}
        GROUP BY ALL ORDER BY ALL
    """  # noqa: S608
    return sql, [ARMED_GROUP, *params]


# The tables whose rows can be undated; an undated article is no row of what the numbers sum.
UNDATED_VIEWS = ("figures", "pressure", "district_events")


def undated(f: Filters) -> Query:
    """How many undated figures, pressure mentions and district events the tables would add for
    ``f`` with "Include undated" on (figures as the table counts them: each event once or not)."""
    parts, params = [], []
    for view in UNDATED_VIEWS:
        cond, more = where(dataclasses.replace(f, undated=True), view)
        primary = "is_primary AND " if view == "figures" and f.each_event else ""
        # The view's name comes from UNDATED_VIEWS, the values are bound.
        sql = f"(SELECT count(*) FROM {view} WHERE {primary}year IS NULL AND {cond}) AS {view}"  # noqa: S608
        parts.append(sql)
        params += more
    return "SELECT " + ", ".join(parts), params
