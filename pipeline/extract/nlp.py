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
from pipeline.extract.places import FOREIGN, load_gazetteer
from pipeline.extract.world import COUNTRY, demonym_index, normalise, small_cities, world_index

LABEL_RANK = {"CAPITAL": 0, "DISTRICT": 1, "PROVINCE": 2, "FOREIGN": 3}
HYPHENS = {"-", "–", "—"}
LOCATIVES = set(lexicon.words("locative"))
DESCRIPTORS = set(lexicon.words("place_descriptor"))
PLACE_NOUNS = {"city", "province", "state", "region", "district", "governorate", "county", "town"}


@Language.component("sitrep_lines")
def sitrep_lines(doc: Doc) -> Doc:
    """Start a new sentence after every line break, but where a hard-wrapped page breaks a
    sentence across lines ("... British troops were\nkilled in fighting ...")."""
    if len(doc) < 2:
        return doc
    soft = soft_breaks(doc.text)
    spaces = doc.to_array([IS_SPACE])  # only whitespace tokens can hold a line break
    for i in spaces[:-1].nonzero()[0]:
        token = doc[int(i)]
        if "\n" in token.text and not (
            token.text.count("\n") == 1 and token.idx + token.text.index("\n") in soft
        ):
            doc[int(i) + 1].is_sent_start = True
    return doc


SENTENCE_ENDS = tuple(".!?:;\"'”’)]|")
BULLETS = ("-", "•", "*", "–", "—", "·")


def soft_breaks(text: str) -> set[int]:
    """Offsets of the line breaks that wrap a sentence on a hard-wrapped page: the line before is
    full (near the page's wrapping width) and does not end a sentence, the line after goes on.
    A page is hard-wrapped when many of its full lines run on into the next; otherwise none."""
    lines = text.split("\n")
    full = [len(line.rstrip()) for line in lines if len(line.rstrip()) >= 40]
    if len(full) < 5:
        return set()
    width = sorted(full)[len(full) // 2]
    offsets, runs_on, at = [], 0, 0
    for line, nxt in zip(lines, lines[1:], strict=False):
        at += len(line) + 1
        body, following = line.rstrip(), nxt.strip()
        if (
            len(body) >= 0.75 * width
            and following
            and not body.endswith(SENTENCE_ENDS)
            and not following.startswith(BULLETS)
        ):
            offsets.append(at - 1)
            runs_on += following[:1].islower()
    wrapped = runs_on >= 3 and runs_on >= 0.2 * len(full)
    return set(offsets) if wrapped else set()


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
            # A foreign place carries its country (ISO 3166-1 alpha-3) as its id, an Afghan one its name.
            name = (place.country or "") if place.label == FOREIGN else place.name
            key = f"{place.label}|{name}"
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


@Language.factory("sitrep_world")
def make_world(nlp: Language, name: str) -> WorldTagger:
    return WorldTagger()


class WorldTagger:
    """Tag places in other countries (``data/world``) where no Afghan place was found: FOREIGN
    entities whose id is their country's ISO 3166-1 alpha-3 code.

    A dictionary look-up of capitalised word runs rather than a phrase matcher: the world holds
    some 60,000 spellings, which a matcher takes seconds and hundreds of MB to build.
    """

    def __init__(self) -> None:
        self.index = world_index()
        self.small = small_cities()
        self.demonyms = demonym_index()
        self.longest = max((len(key.split()) for key in self.index), default=0)
        # A name starts with a word (``_whole_name``); most capitalised words start none.
        self.first_words = frozenset(key.split()[0] for key in self.index)

    def __call__(self, doc: Doc) -> Doc:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        found: list[Span] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in taken or not token.text[:1].isupper() or token.lower_ not in self.first_words:
                i += 1
                continue
            for n in range(min(self.longest, len(doc) - i), 0, -1):
                if taken.intersection(range(i, i + n)) or not _whole_name(doc, i, i + n):
                    continue
                hit = self.index.get(normalise(doc[i : i + n].text))
                if hit and (hit[1] == COUNTRY or _placed(doc, i, i + n)):
                    found.append(Span(doc, i, i + n, label=FOREIGN, span_id=hit[0]))
                    i += n
                    break
            else:
                i += 1
        # A small city abroad counts only beside its country's name or demonym.
        if any(normalise(s.text) in self.small for s in found):
            named = {s.id_ for s in found if self.index[normalise(s.text)][1] == COUNTRY}
            named |= {self.demonyms[t.lower_] for t in doc if t.lower_ in self.demonyms}
            found = [s for s in found if s.id_ in named or normalise(s.text) not in self.small]
        if found:
            doc.ents = sorted([*doc.ents, *found], key=lambda s: s.start)
        return doc


def _whole_name(doc: Doc, start: int, end: int) -> bool:
    """Words, not a piece of a hyphenated name ("Bagh" of "Sar-e-Bagh") or a trailing comma."""
    if not (doc[start].is_alpha and doc[end - 1].is_alpha):
        return False
    before = doc[start - 1].text if start else ""
    after = doc[end].text if end < len(doc) else ""
    return before not in HYPHENS and after not in HYPHENS


def _placed(doc: Doc, start: int, end: int) -> bool:
    """A city's or a division's name used as a place: after "in", "near", "the city of"..., or
    before "city", "province"; a surname that is also a city ("Ahmadi") is not."""
    before = [t.lower_ for t in doc[max(0, start - 3) : start]]
    while before and before[-1] in DESCRIPTORS:
        before.pop()
    after = doc[end].lower_ if end < len(doc) else ""
    return bool(before) and before[-1] in LOCATIVES or after in PLACE_NOUNS


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
    nlp.add_pipe("sitrep_world")
    nlp.add_pipe("sitrep_triggers")
    return nlp
