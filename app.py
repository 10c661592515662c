"""sitrep: a situation dashboard over the database the batch step builds.

Run with ``streamlit run app.py``; ``SITREP_DB`` chooses the database file.
"""

from __future__ import annotations

import streamlit as st

from dashboard import db, sections, sidebar, tables
from pipeline.settings import Settings

st.set_page_config(page_title="sitrep", layout="wide")
st.title("sitrep")
st.caption("Figures and events extracted from news articles about the conflict in Afghanistan.")

path = Settings.load().db
src = db.source(path)
if src is None:
    st.error(
        f"No database at {path}. Build it with `make db` or `python -m pipeline ingest`, "
        "or point SITREP_DB at an existing file."
    )
    st.stop()
problem = db.problem(src)
if problem:
    st.error(f"{problem} Rebuild it with `make db` or `python -m pipeline ingest`.")
    st.stop()

filters = sidebar.render(db.options(src))
if tables.nothing_matches(src, filters):
    st.info(
        "Nothing matches these filters. Widen the period, tick 'Include undated', "
        "or remove a province, kind or victim group."
    )
    st.stop()

sections.headline(src, filters)
sections.map_section(src, filters)
sections.chart_sections(src, filters)
sections.pressure_section(src, filters)
tables.table_sections(src, filters)
tables.evidence_section(src, filters)
tables.sources_section(src, filters)
sections.footer(src)
