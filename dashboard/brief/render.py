"""The brief as Markdown and as one self-contained HTML page.

Both walk the same ``Brief``. In Markdown every word from an article is escaped as the
dashboard's evidence escapes it (``excerpt.escape_markdown``: every ASCII punctuation mark), so
it is never markup, here or in Streamlit's preview; the brief's own words are written as they
are. In HTML every string is escaped; the page needs nothing from outside (images are ``data:``
URIs, the style is inline) and its content security policy forbids scripts.
"""

from __future__ import annotations

import base64
import html

from dashboard.brief.document import Brief, Image, Item, Number, Section, cite, intro, signed
from dashboard.excerpt import escape_markdown

POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
STYLE = """
body { font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; vertical-align: top; }
td.n { text-align: right; }
blockquote { margin: 0.3rem 0 0.6rem 1rem; color: #444; border-left: 3px solid #ccc; padding-left: 0.6rem; }
figure { margin: 1rem 0; } img { max-width: 100%; }
.small { color: #555; font-size: 0.9em; }
"""


def _plain(text: str) -> str:
    """An article's words on one Markdown line, never markup."""
    return escape_markdown(" ".join(text.split()))


def _refs(refs: tuple[int, ...]) -> str:
    """``[1] [3]``: the reports cited, by number."""
    return " ".join(f"[{n}]" for n in refs)


def _more(n: Number) -> str:
    """What a number's reports leave uncited, in words."""
    noun = "article(s)" if n.key == "articles" else "smaller event(s)"
    return f" and {n.more:,} {noun} more" if n.more > 0 else ""


def _md_numbers(brief: Brief) -> str:
    """The headline numbers as a Markdown table."""
    compared = brief.previous is not None
    head = (
        "| Number | This period | "
        + ("Previous period | Change | " if compared else "")
        + "Dates | Reports |"
    )
    lines = [head, "| --- | ---: | " + ("---: | ---: | " if compared else "") + "--- | --- |"]
    for n in brief.numbers:
        label = n.label + (f" ({n.detail})" if n.detail else "")
        then = f"{n.previous:,} | {signed(n.change)} | " if compared else ""
        lines.append(f"| {label} | {n.value:,} | {then}{n.span} | {_refs(n.refs) + _more(n) or '–'} |")
    return "\n".join(lines)


def _md_item(item: Item) -> str:
    """One item as a list entry, its sentence quoted beneath it."""
    out = f"- {item.what} {_refs(item.refs)}".rstrip()
    if item.claimant:
        out += f"  \n  Told by: {_plain(item.claimant)}"
    if item.sentence:
        out += f"\n\n  > {_plain(item.sentence)}"
    return out


def _md_section(section: Section, h2: str) -> str:
    """A section's heading, what it lists, and its items (or why there are none)."""
    body = "\n".join(_md_item(i) for i in section.items) if section.items else f"_{section.empty}_"
    return f"{h2} {section.title}\n\n{section.about}\n\n{body}"


def blocks(brief: Brief, top: int = 1) -> list[str | Image]:
    """The Markdown document in order, each image as itself: the dashboard shows these (its
    headings from level ``top``, under the page's own), the file joins them (``markdown``)."""
    h1, h2 = "#" * top, "#" * (top + 1)
    out: list[str | Image] = [
        f"{h1} {brief.title}\n\n{intro(brief)}",
        f"{h2} Headline numbers\n\n{_md_numbers(brief)}\n\n{brief.counting}",
    ]
    if brief.empty:
        return [*out, f"**{brief.empty}**", _plain(brief.made_from)]
    out += [_md_section(s, h2) for s in brief.sections]
    if brief.images:
        out.append(f"{h2} Map and charts")
        out += brief.images
    out.append(f"{h2} Notes on confidence and review\n\n" + "\n".join(f"- {note}" for note in brief.notes))
    sources = "\n".join(f"{i}. {_plain(cite(c))}" for i, c in enumerate(brief.sources, 1))
    out += [f"{h2} Sources\n\n{sources or 'None.'}", _plain(brief.made_from)]
    return out


def _data_uri(image: Image) -> str:
    return "data:image/png;base64," + base64.b64encode(image.png).decode("ascii")


def markdown(brief: Brief) -> str:
    """The brief as one Markdown file: images are data: URIs, defined at the end."""
    parts = [
        f"![{image.title}][{image.name}]\n\n_{image.caption}_" if isinstance(image, Image) else image
        for image in blocks(brief)
    ]
    refs = [f"[{i.name}]: {_data_uri(i)}" for i in brief.images]
    return "\n\n".join(parts + refs) + "\n"


def _h(text: object) -> str:
    """Text escaped for HTML, quotes included."""
    return html.escape(str(text), quote=True)


def _h_refs(refs: tuple[int, ...]) -> str:
    return " ".join(f'<a href="#source-{n}">[{n}]</a>' for n in refs)


def _h_numbers(brief: Brief) -> str:
    compared = brief.previous is not None
    heads = [
        "Number",
        "This period",
        *(["Previous period", "Change"] if compared else []),
        "Dates",
        "Reports",
    ]
    rows = ["<tr>" + "".join(f"<th>{_h(h)}</th>" for h in heads) + "</tr>"]
    for n in brief.numbers:
        detail = f' <span class="small">({_h(n.detail)})</span>' if n.detail else ""
        then = (
            f'<td class="n">{n.previous:,}</td><td class="n">{_h(signed(n.change))}</td>' if compared else ""
        )
        rows.append(
            f'<tr><td>{_h(n.label)}{detail}</td><td class="n">{n.value:,}</td>{then}<td>{_h(n.span)}</td>'
            f"<td>{_h_refs(n.refs) + _h(_more(n)) or '–'}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _h_item(item: Item) -> str:
    out = f"<li>{_h(item.what)} {_h_refs(item.refs)}"
    if item.claimant:
        out += f'<br><span class="small">Told by: {_h(item.claimant)}</span>'
    if item.sentence:
        out += f"<blockquote>{_h(item.sentence)}</blockquote>"
    return out + "</li>"


def _h_section(section: Section) -> str:
    items = "<ul>" + "".join(_h_item(i) for i in section.items) + "</ul>" if section.items else ""
    body = items or f"<p><em>{_h(section.empty)}</em></p>"
    return f"<h2>{_h(section.title)}</h2><p>{_h(section.about)}</p>{body}"


def page(brief: Brief) -> str:
    """The brief as one HTML page that loads nothing from anywhere."""
    out = [f"<h1>{_h(brief.title)}</h1><p>{_h(intro(brief))}</p>"]
    out.append(f"<h2>Headline numbers</h2>{_h_numbers(brief)}<p>{_h(brief.counting)}</p>")
    if brief.empty:
        out.append(f"<p><strong>{_h(brief.empty)}</strong></p>")
    else:
        out += [_h_section(s) for s in brief.sections]
        if brief.images:
            out.append("<h2>Map and charts</h2>")
        out += [
            f'<figure><img src="{_data_uri(i)}" alt="{_h(i.title)}"><figcaption class="small">'
            f"{_h(i.caption)}</figcaption></figure>"
            for i in brief.images
        ]
        out.append("<h2>Notes on confidence and review</h2><ul>")
        out += [f"<li>{_h(note)}</li>" for note in brief.notes]
        out.append("</ul><h2>Sources</h2><ol>")
        out += [f'<li id="source-{i}">{_h(cite(c))}</li>' for i, c in enumerate(brief.sources, 1)]
        out.append("</ol>")
    out.append(f'<p class="small">{_h(brief.made_from)}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        f"<title>{_h(brief.title)}</title><style>{STYLE}</style></head>\n<body>\n"
        + "\n".join(out)
        + "\n</body></html>\n"
    )
