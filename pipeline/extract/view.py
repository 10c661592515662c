"""An article's tokens as plain Python data, computed once per ``Doc``.

Rules ask the same questions many times (the sentence of a token, the words of a sentence,
where a paragraph starts); spaCy answers each by walking tokens. ``View`` answers them from
lists built in one pass.
"""

from __future__ import annotations

from functools import cached_property

from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER
from spacy.tokens import Doc, Span


class View:
    """Lower-cased words, sentences and paragraphs of a ``Doc``."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.raw = doc.text  # Doc.text joins every token anew on each call
        strings = doc.vocab.strings
        array = doc.to_array([LOWER, IS_SPACE, IDX, LENGTH])  # one pass in C; no Token objects
        self.low: list[str] = [strings[int(h)] for h in array[:, 0]] if len(doc) else []
        self.spaces: list[int] = [i for i, flag in enumerate(array[:, 1]) if flag] if len(doc) else []
        self.starts: list[int] = array[:, 2].tolist() if len(doc) else []
        self.ends: list[int] = (array[:, 2] + array[:, 3]).tolist() if len(doc) else []
        self.sents: list[Span] = list(doc.sents)
        self.sent_of: list[int] = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self._words: dict[int, frozenset[str]] = {}

    def sent(self, i: int) -> Span:
        """The sentence of token ``i``."""
        return self.sents[self.sent_of[i]]

    def words(self, sent: Span) -> frozenset[str]:
        """The lower-cased words of a sentence, as a set."""
        k = self.sent_of[sent.start]
        if k not in self._words:
            self._words[k] = frozenset(self.low[sent.start : sent.end])
        return self._words[k]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start:end``, as written."""
        return self.raw[self.starts[start] : self.ends[end - 1]] if end > start else ""

    def sent_text(self, sent: Span) -> str:
        """The text of a sentence, as written."""
        return self.span_text(sent.start, sent.end)

    def text(self, start: int, end: int) -> str:
        """Lower-cased words ``start:end`` joined by spaces (bounds clipped)."""
        return " ".join(self.low[max(0, start) : max(0, end)])

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """For each token, the first token of its paragraph (paragraphs end at line breaks)."""
        starts = [0] * len(self.low)
        current, last = 0, 0
        for i in self.spaces:
            if "\n" in self.low[i]:
                starts[last : i + 1] = [current] * (i + 1 - last)
                current, last = i + 1, i + 1
        starts[last:] = [current] * (len(starts) - last)
        return starts
