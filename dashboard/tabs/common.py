"""What several tabs draw alike: a filtered table with its download, a chart or why there is none.

Layout only; queries come from ``db``, CSV bytes from ``export``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import dates, db, export
from dashboard.filters import Filters, describe

# Dates without a time of day; evidence wide enough to read. `url` stays a plain text column
# (no LinkColumn), so a link taken from an article is never made clickable. An event's or an
# article's date is text as precise as it is known ("2016", "2016-05": ``dates.shown``); the
# spans of events and episodes are days.
COLUMN_CONFIG: dict[str, Any] = {
    **{name: st.column_config.TextColumn(name) for name in dates.PRECISION_OF},
    **{
        name: st.column_config.DateColumn(name, format="YYYY-MM-DD")
        for name in ("date_start", "date_end", "first_date", "last_date")
    },
    "sentence": st.column_config.TextColumn("sentence", width="large"),
    "title": st.column_config.TextColumn("title", width="medium"),
    "confidence_reason": st.column_config.TextColumn("confidence_reason", width="medium"),
}
MAX_SHOWN = 10_000
# The columns a table shows first, so the sentence is on screen without scrolling; the others
# follow in the view's order (downloads keep the view's order).
LEADING = {
    "figures": ("event_date", "province", "kind", "number_text", "people_estimate", "victims", "sentence"),
    "events": ("date_start", "date_end", "province", "kind", "people_estimate", "n_reports", "sentence"),
    "pressure": ("event_date", "capital", "level", "sentence"),
    "district_events": ("event_date", "district", "province", "status", "sentence"),
    "articles": ("published", "title", "source"),
}


def column_order(view: str, columns: list[str]) -> list[str]:
    """The table's columns with the ones an analyst reads first at the front."""
    lead = [c for c in LEADING.get(view, ()) if c in columns]
    return lead + [c for c in columns if c not in lead]


def table_csv(src: db.Source, view: str, f: Filters) -> bytes:
    """CSV bytes of every row the table for ``view`` stands for (built when the button is clicked)."""
    return export.csv_bytes(export.with_view(db.rows(src, view, f), view, f))


def _about(view: str, about: str, f: Filters) -> str:
    """What the rows are; figures also say how they count."""
    if view == "figures" and f.each_event:
        return about + " One row per event: the figure chosen for it, and how many reports told it."
    if view == "figures":
        return about + " Every report's figure, including reports of an event told elsewhere too."
    return about


def table(src: db.Source, f: Filters, view: str, about: str, id_column: str | None = None) -> str | None:
    """One filtered table with a CSV download of the same rows and a caption saying what they are.

    With ``id_column``, a row can be selected (a click on its left edge): its id is returned.
    """
    total, frame = db.table(src, view, f, MAX_SHOWN)
    # The button comes first: once the caption below shows these filters, the button is current too.
    # Its bytes are made only when it is clicked: a filter change never builds a CSV of a million rows.
    st.download_button(
        "Download CSV",
        data=functools.partial(table_csv, src, view, f),
        file_name=export.filename(view, f),
        mime="text/csv",
        key=f"download_{view}",
        on_click="ignore",
        disabled=frame.is_empty(),
    )
    st.caption(f"{_about(view, about, f)} {total} row(s) for {describe(f)}.")
    if frame.is_empty():
        st.info("No rows match the filters.")
        return None
    if total > MAX_SHOWN:
        # A browser table of a million rows helps no one; the download holds them all.
        st.caption(f"Showing the first {MAX_SHOWN:,} rows; the CSV holds all {total:,}.")
    shown = dates.shown(frame.head(MAX_SHOWN), view)
    order = column_order(view, shown.columns)
    if id_column is None:
        st.dataframe(
            shown, hide_index=True, key=f"table_{view}", column_config=COLUMN_CONFIG, column_order=order
        )
        return None
    picked = st.dataframe(
        shown,
        hide_index=True,
        key=f"table_{view}",
        column_config=COLUMN_CONFIG,
        column_order=order,
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = picked.selection.rows if picked is not None else []
    return str(shown[id_column][rows[0]]) if rows and rows[0] < shown.height else None


def chart(
    frame: pl.DataFrame,
    draw: Callable[[pl.DataFrame], go.Figure],
    empty: str,
    key: str,
    clickable: bool = False,
) -> list[dict[str, Any]]:
    """Draw a chart, or say why there is none instead of showing empty axes; with ``clickable``,
    the points (bars) the reader clicked."""
    if frame.is_empty():
        st.info(empty)
        return []
    if not clickable:
        st.plotly_chart(draw(frame), key=key, config={"displaylogo": False})
        return []
    state = st.plotly_chart(
        draw(frame), key=key, config={"displaylogo": False}, on_select="rerun", selection_mode="points"
    )
    return points(state)


def points(state: Any) -> list[dict[str, Any]]:
    """The points a click chose on a chart, from its state ({"selection": {"points": [...]}})."""
    return list((state or {}).get("selection", {}).get("points", [])) if isinstance(state, dict) else []


def event_reports(src: db.Source, event_id: str, chosen_by: str | None = None) -> None:
    """The reports of one event in time order, the one counted marked, and the rule that chose it."""
    frame = db.event_reports(src, event_id)
    if frame.is_empty():
        st.info("This event has no reports in the database.")
        return
    chosen = frame.filter(pl.col("is_primary"))
    if not chosen.is_empty():
        row = chosen.row(0, named=True)
        source = row["claimed_by"] or "an unnamed source"
        rule = f", by the rule '{chosen_by}'" if chosen_by else ""
        st.caption(
            f"Counted: {row['number_text']} ({row['unit']}) from {source}{rule}. "
            f"{frame.height} report(s), oldest first; other sources' estimates are role 'alternative'."
        )
    shown = frame.with_columns(
        pl.when(pl.col("is_primary")).then(pl.lit("✓ counted")).otherwise(pl.lit("")).alias("chosen")
    )
    shown = shown.select("chosen", *[c for c in frame.columns if c != "is_primary"])
    st.dataframe(
        dates.shown(shown, "figures"), hide_index=True, column_config=COLUMN_CONFIG, key=f"reports_{event_id}"
    )
