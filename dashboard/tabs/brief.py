"""The Brief tab: the brief of the current selection, shown as it reads and offered as Markdown,
HTML and PDF.

Layout only: ``dashboard.brief`` makes the document (with its own short read-only connection,
the reviews laid over it as ``db`` lays them) and writes the files. The page shows the
Markdown the file holds, block by block, each image as an image.
"""

from __future__ import annotations

import functools

import streamlit as st

from dashboard import brief, db
from dashboard.brief.document import Brief, Image
from dashboard.brief.render import blocks
from dashboard.filters import Filters

LABELS = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}


@st.cache_data(show_spinner="Writing the brief…", max_entries=8)
def document(src: db.Source, f: Filters) -> Brief:
    """The brief for the selection (cached by file and filters, as every query of ``db`` is)."""
    reviews = src.reviews if src.reviews_mtime_ns else None
    return brief.build(src.path, f, reviews, src.household_size)


@st.cache_data(show_spinner=False, max_entries=24)
def file_bytes(src: db.Source, f: Filters, fmt: str) -> bytes:
    """The brief as a file of format ``fmt``: made when its button is clicked."""
    return brief.render(document(src, f), fmt)


def draw(src: db.Source, f: Filters) -> None:
    """Download buttons for the three formats, then the brief as it reads."""
    doc = document(src, f)
    for column, (fmt, label) in zip(st.columns(len(LABELS)), LABELS.items(), strict=True):
        column.download_button(
            f"Download {label}",
            data=functools.partial(file_bytes, src, f, fmt),
            file_name=brief.filename(doc, f, fmt),
            mime=brief.FORMATS[fmt],
            key=f"brief_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    st.caption(
        "The brief of the selection in the sidebar: the headline numbers and their change against the "
        "previous period of the same length (with exact dates or a narrower period set), what changed, "
        "the largest figures and the report each number comes from. The files hold the same document."
    )
    with st.container(border=True):
        for block in blocks(doc, top=3):  # under the page's title and the tab
            if isinstance(block, Image):
                st.image(block.png, caption=block.caption, width=block.width)  # as drawn, not blown up
            else:
                st.markdown(block)
