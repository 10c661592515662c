"""The main area: headline numbers, charts and the tables behind them, with downloads.

Layout only; queries come from ``db``, figures from ``charts``, CSV bytes from ``export``.
Article text is shown only through ``st.dataframe``/``st.text``, never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import charts, db, export
from dashboard.filters import Filters, describe

TABLES = (
    (
        "figures",
        "Figures",
        "Numbers of people killed, wounded or displaced, with the sentence they come from.",
    ),
    (
        "pressure",
        "Pressure on capitals",
        "Mentions of a provincial capital threatened, attacked, besieged, ...",
    ),
    ("district_events", "District events", "Districts threatened, fallen or retaken."),
    ("articles", "Articles", "Articles read; with a province chosen, those with a figure or mention there."),
)


# Dates without a time of day; evidence wide enough to read. `url` stays a plain text column
# (no LinkColumn), so a link taken from an article is never made clickable.
_COLUMN_CONFIG = {
    "event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
    "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
    "sentence": st.column_config.TextColumn("sentence", width="large"),
    "title": st.column_config.TextColumn("title", width="medium"),
}


@st.cache_data(show_spinner=False, max_entries=256)
def table_csv(src: db.Source, view: str, f: Filters) -> bytes:
    """CSV bytes of exactly the rows the table for ``view`` shows."""
    return export.csv_bytes(db.rows(src, view, f))


def headline(src: db.Source, f: Filters) -> None:
    """What is selected, and five headline numbers for it."""
    st.caption(f"Showing {describe(f)}.")
    t = db.totals(src, f)
    cols = st.columns(5)
    cols[0].metric("People displaced", f"{t['displaced']:,}", help="Sum of counted displacement figures.")
    cols[1].metric("Killed", f"{t['killed']:,}", help="Sum of counted 'killed' figures.")
    cols[2].metric("Wounded", f"{t['wounded']:,}", help="Sum of counted 'wounded' figures.")
    cols[3].metric(
        "Capitals under pressure",
        t["capitals"],
        help="Provincial capitals with a current (not background) mention of threat or worse.",
    )
    cols[4].metric("Articles", t["articles"])
    st.caption(
        "Figures are as reported; a figure repeated within one article, or a part of a stated total, "
        "is kept in the tables but not summed."
    )


def _chart(frame: pl.DataFrame, draw: Callable[[pl.DataFrame], go.Figure], empty: str, key: str) -> None:
    """Draw a chart, or say why there is none instead of showing empty axes."""
    if frame.is_empty():
        st.info(empty)
        return
    st.plotly_chart(draw(frame), key=key, config={"displaylogo": False})


def chart_sections(src: db.Source, f: Filters) -> None:
    """Displacement, harm and pressure charts, two to a row."""
    st.subheader("Displacement")
    left, right = st.columns(2)
    with left:
        _chart(
            db.displacement_by_province(src, f),
            charts.displacement_by_province,
            "No displacement figures.",
            "dp",
        )
    with right:
        _chart(
            db.displacement_by_month(src, f),
            charts.displacement_by_month,
            "No dated displacement figures.",
            "dm",
        )

    st.subheader("Killed and wounded")
    left, right = st.columns(2)
    with left:
        _chart(db.harm_by_month(src, f), charts.harm_by_month, "No dated killed or wounded figures.", "hm")
    with right:
        _chart(db.harm_by_province(src, f), charts.harm_by_province, "No killed or wounded figures.", "hp")

    st.subheader("Provincial capitals under pressure")
    _chart(db.pressure_by_day(src, f), charts.pressure_timeline, "No dated pressure mentions.", "pt")
    st.caption("Hollow markers are background mentions (earlier events recalled in an article).")


def _table(src: db.Source, f: Filters, view: str, about: str) -> None:
    """One filtered table with a CSV download of the same rows and a caption saying what they are."""
    frame = db.rows(src, view, f)
    # The button comes first: once the caption below shows these filters, the button is current too.
    st.download_button(
        "Download CSV",
        data=table_csv(src, view, f),
        file_name=export.filename(view, f),
        mime="text/csv",
        key=f"download_{view}",
        on_click="ignore",
        disabled=frame.is_empty(),
    )
    st.caption(f"{about} {frame.height} row(s) for {describe(f)}.")
    if frame.is_empty():
        st.info("No rows match the filters.")
    else:
        st.dataframe(frame, hide_index=True, key=f"table_{view}", column_config=_COLUMN_CONFIG)


def table_sections(src: db.Source, f: Filters) -> None:
    """Tabs with the filtered rows of each view, and the inputs the batch step rejected."""
    st.subheader("Evidence")
    tabs = st.tabs([title for _, title, _ in TABLES] + ["Rejected inputs"])
    for tab, (view, _, about) in zip(tabs, TABLES, strict=False):
        with tab:
            _table(src, f, view, about)
    with tabs[-1]:
        rejected = db.rejects(src)
        st.caption(f"Input files the batch step could not use (not filtered). {rejected.height} row(s).")
        if rejected.is_empty():
            st.info("No input was rejected.")
        else:
            st.dataframe(rejected, hide_index=True, key="table_rejects")
            st.download_button(
                "Download CSV",
                data=export.csv_bytes(rejected),
                file_name="sitrep-rejects.csv",
                mime="text/csv",
                key="download_rejects",
                on_click="ignore",
            )


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


def nothing_matches(src: db.Source, f: Filters) -> bool:
    """True when no figure, pressure mention, district event or article passes the filters."""
    return all(db.rows(src, view, f).is_empty() for view, _, _ in TABLES)
