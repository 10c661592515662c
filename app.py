"""sitrep: a situation dashboard over the database the batch step builds.

Run with ``streamlit run app.py [-- --db FILE --reviews FILE]``; ``SITREP_DB`` and
``SITREP_REVIEWS`` choose the files too.
"""

from __future__ import annotations

import sys

import streamlit as st

from dashboard import countries, db, freeze_long_lived, headline, sidebar
from dashboard.tabs import brief, capitals, charts, evidence, sources, tables
from dashboard.tabs import map as province_map  # plain ``map`` would hide the builtin
from pipeline.settings import Settings, app_arguments

# The country names (the world gazetteer) are read once per process, before the freeze: their
# ~18,000 objects then stay out of the garbage collection after every run, as the modules do.
countries.names()
freeze_long_lived()

st.set_page_config(page_title="sitrep", layout="wide")
st.title("sitrep")
st.caption("Figures and events extracted from news articles about the conflict in Afghanistan.")

# `streamlit run app.py -- --db FILE --reviews FILE` overrides SITREP_DB and SITREP_REVIEWS.
settings = Settings.load(**app_arguments(sys.argv[1:]))
path = settings.db
src = db.source(path, settings.reviews, settings.household_size)
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

filters = sidebar.render(src, db.options(src))
if headline.nothing_matches(src, filters):
    st.info(
        "Nothing matches these filters. Widen the period, tick 'Include undated', "
        "remove a province, kind or victim group, choose more countries, "
        "or show low-confidence rows."
    )
    st.stop()

headline.draw(src, filters)

# One view at a time: only the open tab's queries run and only its charts reach the browser,
# so a filter change redraws one view, not seven. The open tab is kept in the address (?view=).
VIEWS = (
    ("Map", province_map.draw),
    ("Charts", charts.draw),
    ("Capitals", capitals.draw),
    ("Tables", tables.draw),
    ("Evidence", evidence.draw),
    ("Sources", sources.draw),
    ("Brief", brief.draw),
)
tabs = st.tabs([label for label, _ in VIEWS], key="view", bind="query-params", on_change="rerun")
for tab, (_, draw) in zip(tabs, VIEWS, strict=True):
    if tab.open:
        with tab:
            draw(src, filters)
headline.footer(src)
