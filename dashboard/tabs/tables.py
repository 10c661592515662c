"""The Tables tab: figures, events, pressure mentions and district events, each with its CSV."""

from __future__ import annotations

import streamlit as st

from dashboard import dates, db
from dashboard.filters import Filters
from dashboard.tabs import evidence
from dashboard.tabs.common import MAX_SHOWN, event_reports, table

# view, tab title, what the rows are
TABLES = (
    (
        "figures",
        "Figures",
        "Numbers of people killed, wounded or displaced, with the sentence they come from.",
    ),
    ("events", "Events", "Happenings told by one or more reports, each with the figure chosen for it."),
    ("pressure", "Pressure mentions", "Mentions of a provincial capital threatened, attacked, besieged, ..."),
    ("district_events", "District events", "Districts threatened, fallen or retaken."),
)


# view -> the kind of evidence a selected row opens, and the id column that names it (an event
# opens its chosen figure).
SELECTABLE = {
    "figures": ("figure", "figure_id"),
    "events": ("figure", "figure_id"),
    "pressure": ("pressure", "pressure_id"),
    "district_events": ("district_event", "district_event_id"),
}


def draw(src: db.Source, f: Filters) -> None:
    """Inner tabs with the filtered rows of each view; only the open one runs its queries. A
    selected row opens its evidence, with its review controls, under the table."""
    tabs = st.tabs([title for _, title, _ in TABLES], key="table", bind="query-params", on_change="rerun")
    for tab, (view, _, about) in zip(tabs, TABLES, strict=True):
        if tab.open:
            with tab:
                kind, id_column = SELECTABLE[view]
                picked = table(src, f, view, about, id_column)
                if picked:
                    with st.container(border=True):
                        st.markdown("**Evidence of the selected row**")
                        evidence.for_row(src, kind, picked)
                else:
                    st.caption("Select a row (the box at its left) to see its evidence and review it here.")
                if view == "events":
                    _one_event(src, f)


def _one_event(src: db.Source, f: Filters) -> None:
    """Pick an event of the table and see its reports in time order, the counted one marked."""
    frame = db.rows(src, "events", f, MAX_SHOWN)
    if frame.is_empty():
        return
    st.markdown("**The reports of one event**")
    events = {r["event_id"]: r for r in frame.iter_rows(named=True)}

    def label(event_id: str) -> str:
        r = events[event_id]
        when = dates.text(r["date_start"], "day") or "undated"
        place = r["province"] or "no province"
        return f"{when} · {place} · {r['kind']} {r['people_estimate']:,} · {r['n_reports']} report(s)"

    chosen = st.selectbox("Event", list(events), format_func=label, key="event_reports")
    if chosen:
        event_reports(src, chosen, events[chosen]["chosen_by"])
