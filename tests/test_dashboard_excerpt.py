"""Evidence text: every special character escaped, the sentence marked, offsets kept honest."""

from __future__ import annotations

import re

import pytest

from dashboard.excerpt import (
    HIGHLIGHT,
    Excerpt,
    clamp,
    escape_markdown,
    excerpt,
    highlighted_markdown,
    marked_text,
    paragraph,
)

# What would be markup if it were not escaped: every ASCII punctuation character.
PUNCTUATION = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""


def unescaped(markdown: str) -> str:
    """The text a CommonMark renderer shows for escaped input: drop each escaping backslash."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("  \n", "\n"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Helmand", "Helmand"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
        ("**bold** and _it_", r"\*\*bold\*\* and \_it\_"),
        ("[link](http://x.invalid)", r"\[link\]\(http\:\/\/x\.invalid\)"),
        ("![img](x.png)", r"\!\[img\]\(x\.png\)"),
        (":red[alarm] :smile:", r"\:red\[alarm\] \:smile\:"),
        ("$x^2$", r"\$x\^2\$"),
        ("# heading", r"\# heading"),
        ("1. item", r"1\. item"),
        ("- item", r"\- item"),
        ("> quote", r"\> quote"),
        ("a | b", r"a \| b"),
        ("`code`", r"\`code\`"),
        ("&lt;b&gt;", r"\&lt\;b\&gt\;"),
        ("C:\\path", r"C\:\\path"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("30,000 people", r"30\,000 people"),
        # Indentation would make a code block; line breaks stay line breaks.
        ("one\n    two", "one  \ntwo"),
        ("one\r\ntwo", "one  \ntwo"),
        ("para one\n\npara two", "para one\n\npara two"),
        ("nul\x00byte", "nulbyte"),
        ("Qala-i-Naw « naïve » فراه", r"Qala\-i\-Naw « naïve » فراه"),
        ("", ""),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_every_punctuation_character_is_escaped() -> None:
    escaped = escape_markdown(PUNCTUATION)
    assert escaped == "".join("\\" + c for c in PUNCTUATION)
    assert unescaped(escaped) == PUNCTUATION


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("First. Second one. Third.", 7, 18, ("First. ", "Second one.", " Third.")),
        ("Title\nLine one. Target here.\nNext", 16, 28, ("Line one. ", "Target here.", "")),
        ("Only", 0, 4, ("", "Only", "")),
        # Offsets outside the text (an edited article) are clamped, never an error.
        ("Short", 2, 99, ("Sh", "ort", "")),
        ("Short", 4, 1, ("Shor", "", "t")),
    ],
)
def test_excerpt(text: str, start: int, end: int, expected: tuple[str, str, str]) -> None:
    assert excerpt(text, start, end) == Excerpt(*expected)


def test_whole_excerpt_and_paragraph() -> None:
    text = "Title\nLine one. Target here.\nNext"
    assert paragraph(text, 16, 28) == (6, 28)
    assert excerpt(text, 16, 28, whole=True) == Excerpt("Title\nLine one. ", "Target here.", "\nNext")
    assert clamp(text, -5, 3) == (0, 3)


HOSTILE = "Residents said <script>alert(1)</script> **5** were [killed](http://x.invalid) :red[x] $y$."


def test_highlight_of_a_hostile_sentence_is_only_our_markup() -> None:
    text = f"Before it. {HOSTILE} After it."
    start = text.index(HOSTILE)
    md = highlighted_markdown(excerpt(text, start, start + len(HOSTILE)))
    prefix, suffix = HIGHLIGHT.split("{}")
    assert md.startswith("Before it\\. " + prefix)
    assert md.endswith(suffix + " After it\\.")
    inner = md[len("Before it\\. " + prefix) : -len(suffix + " After it\\.")]
    # Inside the highlight, nothing is markup: no unescaped special character is left.
    assert re.search(r"(?<!\\)[<>*\[\]()$:`]", inner.replace("\\\\", "")) is None
    assert unescaped(inner) == HOSTILE
    assert "<script>" not in md


def test_highlight_keeps_spaces_outside_the_mark_and_spans_lines() -> None:
    part = Excerpt("a ", " two words \nnext ", "b")
    md = highlighted_markdown(part)
    assert md == "a  " + HIGHLIGHT.format("two words") + "   \n" + HIGHLIGHT.format("next") + " b"


def test_marked_text_is_plain() -> None:
    assert marked_text(Excerpt("a ", "<b>x</b>", " c")) == "a ⟦<b>x</b>⟧ c"
