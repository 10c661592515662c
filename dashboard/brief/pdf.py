"""The brief as PDF, with fpdf2 and the DejaVu Sans fonts matplotlib ships (the PDF core fonts
are Latin-1 only; an article may quote any script). Nothing is fetched: the fonts are files of
an installed package. Text is written as text: fpdf2 reads no markup unless asked to.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dashboard.brief.charts import DPI
from dashboard.brief.document import Brief, Image, Item, Section, cite, intro, signed

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FAMILY = "DejaVu"
STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
SIZE = 10
LINE = 5  # mm per line of body text
NEXT = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


IMAGE_SCALE = 0.9  # of the picture's drawn size: the map fits half a page


def _width_mm(image: Image) -> float:
    """An image's width at the resolution it was drawn at (``charts.DPI``), in millimetres."""
    return image.width / DPI * 25.4


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 5, f"sitrep brief · page {self.page_no()}", align="C")


def _text(pdf: FPDF, text: str, style: str = "", size: int = SIZE, indent: float = 0) -> None:
    """A paragraph of plain text, wrapped to the page."""
    pdf.set_font(FAMILY, style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, LINE if size <= SIZE else LINE + 2, text, **NEXT)


def _refs(refs: tuple[int, ...]) -> str:
    return " ".join(f"[{n}]" for n in refs)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    _text(pdf, text, "B", SIZE + 3)
    pdf.ln(1)


def _item(pdf: FPDF, item: Item) -> None:
    _text(pdf, f"• {item.what} {_refs(item.refs)}".rstrip())
    if item.claimant:
        _text(pdf, f"Told by: {item.claimant}", "", SIZE - 1, indent=4)
    if item.sentence:
        _text(pdf, f"“{' '.join(item.sentence.split())}”", "I", SIZE - 1, indent=4)
    pdf.ln(1)


def _section(pdf: FPDF, section: Section) -> None:
    _heading(pdf, section.title)
    _text(pdf, section.about, "", SIZE - 1)
    pdf.ln(1)
    for item in section.items:
        _item(pdf, item)
    if not section.items:
        _text(pdf, section.empty, "I")


def _numbers(pdf: FPDF, brief: Brief) -> None:
    """The headline numbers as a table."""
    compared = brief.previous is not None
    heads = ["Number", "This period", *(["Previous", "Change"] if compared else []), "Dates", "Reports"]
    widths = (40, 22, *((22, 20) if compared else ()), 36, 40)
    pdf.set_font(FAMILY, "", SIZE - 1)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=LINE) as table:
        table.row(heads)
        for n in brief.numbers:
            then = [f"{n.previous:,}", signed(n.change)] if compared else []
            label = n.label + (f" ({n.detail})" if n.detail else "")
            more = f" and {n.more:,} more" if n.more > 0 else ""
            table.row([label, f"{n.value:,}", *then, n.span, (_refs(n.refs) + more) or "–"])


def document(brief: Brief) -> bytes:
    """The brief as PDF bytes."""
    pdf = _Pdf(format="A4")
    pdf.set_title(brief.title)
    pdf.set_creator("sitrep")
    for style, name in STYLES.items():
        pdf.add_font(FAMILY, style, str(FONTS / name))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    _text(pdf, brief.title, "B", SIZE + 6)
    _text(pdf, intro(brief))
    _heading(pdf, "Headline numbers")
    _numbers(pdf, brief)
    _text(pdf, brief.counting, "", SIZE - 1)
    if brief.empty:
        pdf.ln(3)
        _text(pdf, brief.empty, "B")
    else:
        for section in brief.sections:
            _section(pdf, section)
        if brief.images:
            _heading(pdf, "Map and charts")
        for image in brief.images:
            _text(pdf, image.title, "B")
            pdf.image(io.BytesIO(image.png), w=min(pdf.epw, _width_mm(image) * IMAGE_SCALE))
            _text(pdf, image.caption, "I", SIZE - 2)
            pdf.ln(2)
        _heading(pdf, "Notes on confidence and review")
        for note in brief.notes:
            _text(pdf, f"• {note}")
        _heading(pdf, "Sources")
        for i, c in enumerate(brief.sources, 1):
            _text(pdf, f"[{i}] {cite(c)}", "", SIZE - 1)
    pdf.ln(3)
    _text(pdf, brief.made_from, "I", SIZE - 2)
    return bytes(pdf.output())
