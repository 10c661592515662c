"""The spaCy pipeline: ``spacy.blank("en")`` plus rule components. No trained model is needed.

Components, in order:
- ``sentencizer`` and ``sitrep_lines``: sentences end at punctuation and at line breaks
  (headlines, datelines and tweets have no full stop).
- ``sitrep_places``: gazetteer matches as ``doc.ents``; label CAPITAL, DISTRICT, PROVINCE or
  FOREIGN, canonical name in ``ent.ent_id_``.
- ``sitrep_triggers``: rule phrases as ``doc.spans["triggers"]``, labelled ``family:role``
  (e.g. ``killed:after``, ``pressure:fell``, ``ref:city``).
"""

from __future__ import annotations

import functools

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.extract import lexicon
from pipeline.extract.places import load_gazetteer

LABEL_RANK = {"CAPITAL": 0, "DISTRICT": 1, "PROVINCE": 2, "FOREIGN": 3}


@Language.component("sitrep_lines")
def sitrep_lines(doc: Doc) -> Doc:
    """Start a new sentence after every line break."""
    if len(doc) < 2:
        return doc
    spaces = doc.to_array([IS_SPACE])  # only whitespace tokens can hold a line break
    for i in spaces[:-1].nonzero()[0]:
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc


@Language.factory("sitrep_places")
def make_places(nlp: Language, name: str) -> PlaceTagger:
    return PlaceTagger(nlp)


class PlaceTagger:
    """Tag gazetteer places; every alias resolves to its canonical name."""

    def __init__(self, nlp: Language) -> None:
        gaz = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER", validate=True)
        self.places: dict[str, list] = {}
        for spelling, place in gaz.aliases:
            key = f"{place.label}|{place.name}"
            self.places.setdefault(key, []).append(place)
            self.matcher.add(key, [nlp.make_doc(spelling)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            if not doc[start].text[:1].isupper():
                continue  # proper names are capitalised: "now" is not Now Zad
            label, name = doc.vocab.strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, span_id=name))
        # Longest match wins; for one span the more specific label wins (Herat city over Herat
        # province) unless the text says "province".
        spans.sort(key=lambda s: -1 if s.label_ == "PROVINCE" and _says_province(s) else LABEL_RANK[s.label_])
        doc.ents = filter_spans(spans)
        return doc


def _says_province(span: Span) -> bool:
    nxt = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return nxt in ("province", "provinces", "provincial")


@Language.factory("sitrep_triggers")
def make_triggers(nlp: Language, name: str) -> TriggerTagger:
    return TriggerTagger(nlp)


def trigger_phrases() -> dict[str, list[str]]:
    """Every rule phrase by span label."""
    out: dict[str, list[str]] = {}
    for kind, roles in lexicon.figure_phrases().items():
        for role, phrases in roles.items():
            out[f"{kind}:{role}"] = phrases
    for level, phrases in lexicon.pressure_phrases().items():
        out[f"pressure:{level}"] = phrases
    out["toll:before"] = lexicon.toll_verbs()
    out["ref:city"] = lexicon.references("city")
    out["ref:district"] = lexicon.references("district")
    return {label: phrases for label, phrases in out.items() if phrases}


class TriggerTagger:
    """Mark rule phrases as a span group; overlapping phrases of different families are all kept."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER", validate=True)
        for label, phrases in trigger_phrases().items():
            self.matcher.add(label, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        by_family: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            head, role = label.split(":")
            family = head if head in ("pressure", "ref", "toll") else role
            by_family.setdefault(family, []).append(Span(doc, start, end, label=label))
        # Within a family the longest phrase wins: "come close to taking" is a threat, not a fall,
        # and "killed or wounded" is a combined total, not a death toll.
        doc.spans["triggers"] = sorted(
            (s for spans in by_family.values() for s in filter_spans(spans)), key=lambda s: s.start
        )
        return doc


@functools.cache
def build_nlp() -> Language:
    """The sitrep pipeline (cached: building the matchers takes a moment)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sitrep_lines")
    nlp.add_pipe("sitrep_places")
    nlp.add_pipe("sitrep_triggers")
    return nlp
