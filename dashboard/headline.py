"""Above and below the tabs: what is selected and its headline numbers; how the database was built.

Layout only; the numbers come from ``db``.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import dates, db
from dashboard.filters import Filters, describe, previous, span
from dashboard.periods import Period
from pipeline.vocab import HARM

HEADLINE = (
    ("displaced", "People displaced"),
    ("killed", "Killed"),
    ("wounded", "Wounded"),
    ("capitals", "Capitals under pressure"),
    ("articles", "Reports read"),
)
HELP = {
    "displaced": "Sum of people displaced.",
    "killed": "Sum of people killed, by victim group below.",
    "wounded": "Sum of people wounded, by victim group below.",
    "capitals": (
        "Provincial capitals whose latest current (not background) mention in the selection is "
        "'threatened' or worse; a capital whose latest mention is a retaking is not counted."
    ),
    "articles": "Articles in the selection (by publication date).",
}
# More people hurt or displaced, or more capitals under pressure, reads as worse (red); more
# reports read is neither.
DELTA_COLOR = {"displaced": "inverse", "killed": "inverse", "wounded": "inverse", "capitals": "inverse"}


def numbers(src: db.Source, f: Filters) -> tuple[db.Headline, tuple[Filters, Period] | None]:
    """The headline's numbers for ``f``, with the period before it and its numbers (one query)."""
    compared = previous(f, db.options(src).dates)
    return db.headline(src, f, compared[0] if compared else None), compared


def nothing_matches(src: db.Source, f: Filters) -> bool:
    """True when no figure, event, pressure mention, district event or article passes the filters."""
    return not numbers(src, f)[0].found


def victim_split(frame: pl.DataFrame, kind: str) -> str:
    """``militants 69 · mixed 14`` for one kind, from ``db.harm_by_victims``."""
    part = frame.filter(pl.col("kind") == kind)
    return " · ".join(f"{v.replace('_', ' ')} {n:,}" for v, n in part.select("victims", "people").rows())


def _counting(f: Filters) -> str:
    """How the sums count, in words."""
    return "each event once" if f.each_event else "every report"


SUMMED_SHOWN = 20  # events listed per headline number


def _summed(src: db.Source, f: Filters) -> None:
    """The events the killed, wounded and displaced numbers sum, largest first, per number."""
    summed = db.summed_events(src, f, SUMMED_SHOWN)
    if summed.is_empty():
        st.info("No event in the selection.")
        return
    counting = "each counted once" if f.each_event else "every report of each summed"
    counts = summed.group_by("kind").agg(pl.col("n_events").first()).sort("kind")
    listed = ", ".join(f"{n:,} {kind}" for kind, n in counts.iter_rows())
    st.caption(
        f"Events behind the numbers above ({listed}), {counting}; the {SUMMED_SHOWN} largest of each. "
        "range_low and range_high: what its reports say; chosen_by: why its figure was counted."
    )
    st.dataframe(summed.drop("rank", "n_events"), hide_index=True, key="summed_events_table")


def _before(period: Period) -> str:
    """``the 7 days before, 2021-07-31 to 2021-08-06``: the period a change is measured against."""
    days = "the day before" if period.days == 1 else f"the {period.days:,} days before"
    return f"{days}, {period.label()}"


def _change(now: int, then: int) -> str | int:
    """``+1,200`` or ``-35`` for st.metric's delta; 0 (grey, no arrow) when nothing changed."""
    return f"{now - then:+,}" if now != then else 0


def _counted(parts: list[tuple[int, str]]) -> str:
    """``2 figure(s), 1 district event(s)``: the parts that count something."""
    return ", ".join(f"{n:,} {what}" for n, what in parts if n)


def _left_out(n: dict[str, int]) -> None:
    """How many undated rows the selection leaves out, when it does."""
    if sum(n.values()):
        parts = [
            (n["figures"], "figure(s)"),
            (n["pressure"], "pressure mention(s)"),
            (n["district_events"], "district event(s)"),
        ]
        st.caption(
            f"Left out: {sum(n.values()):,} undated row(s) ({_counted(parts)}); "
            "tick 'Include undated' in the sidebar to add them."
        )


def _new(t: dict) -> str:
    """``New since the last ingest: 3 of the 8 figures summed, ...``."""
    parts = [
        (t["figures_summed"], f"{t['figures_new']:,} of the {t['figures_summed']:,} figure(s) summed"),
        (t["mentions"], f"{t['mentions_new']:,} of the {t['mentions']:,} current pressure mention(s)"),
        (t["articles"], f"{t['articles_new']:,} of the {t['articles']:,} report(s) read"),
    ]
    said = [text for n, text in parts if n] or ["nothing in this selection"]
    return f"New since the last ingest: {'; '.join(said)} (the tables' `new` column marks them)."


def draw(src: db.Source, f: Filters) -> None:
    """What is selected, and five headline numbers for it, each with the dates it covers and, for
    a period, its change against the period of the same length before it (one more query)."""
    st.caption(f"Showing {describe(f)}. Figures count {_counting(f)}.")
    found, compared = numbers(src, f)
    if found.undated is not None:
        _left_out(found.undated)
    t, before, split = found.totals, found.before, found.split
    data_dates = db.options(src).dates
    for col, (key, label) in zip(st.columns(len(HEADLINE)), HEADLINE, strict=True):
        value = t[key]
        delta, help_text = None, HELP[key]
        if compared and before is not None:
            delta = _change(value, before[key])
            help_text += f" The change is against {_before(compared[1])}: {before[key]:,}."
        col.metric(label, f"{value:,}", delta, DELTA_COLOR.get(key, "off"), help=help_text)
        first = t[f"{key}_first"], t[f"{key}_first_precision"]
        last = t[f"{key}_last"], t[f"{key}_last_precision"]
        col.caption(dates.span(first, last))
        if key in HARM and value:
            col.caption(victim_split(split, key))
    if compared:
        st.caption(f"Changes are against {_before(compared[1])}, with the same choices.")
    elif data_dates is not None and span(f, data_dates) is not None:
        st.caption(f"No change is shown: nothing in the data is dated before {data_dates[0]}.")
    st.caption(_new(t))
    st.caption(
        f"Sums count {_counting(f)}: "
        + (
            "one figure per event, chosen from its reports by the batch step. "
            if f.each_event
            else "every report's figure; an event told in several articles is counted more than once. "
        )
        + "A figure repeated within one article, or a part of a stated total, is never summed."
    )
    share = found.share
    reviewed = {status: n for status, n in share.items() if status != "unreviewed"}
    if reviewed:
        total = sum(share.values())
        kinds = ", ".join(f"{n:,} {status}" for status, n in sorted(reviewed.items()))
        st.caption(
            f"Reviewed by analysts: {sum(reviewed.values()):,} of the {total:,} figures summed ({kinds})."
        )
    if st.toggle("List the events these numbers sum", key="summed"):
        _summed(src, f)


def footer(src: db.Source) -> None:
    """When and how the database was built."""
    run = db.last_run(src)
    if run:
        st.caption(
            f"Database {src.path}, built {run['finished_at']:%Y-%m-%d %H:%M} "
            f"by extractor {run['extractor']}: "
            f"{run['n_read']} input(s) read, {run['n_loaded']} loaded, {run['n_rejected']} rejected."
        )
    else:
        st.caption(f"Database {src.path}.")
