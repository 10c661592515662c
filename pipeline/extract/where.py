"""Where a figure happened, and on what basis: its sentence, its paragraph, or its article.

Not every place a sentence names is where its figure happened. Left out are places that only
locate something else: where people fled to or arrived ("fled to Herat", "arrived in Kabul":
a displacement's place is its origin), points of reference ("south of the capital Kabul",
"90 km from Kandahar", "the highway between Kabul and Kandahar"), where the speaker is
("officials in the capital, Kabul, said") and datelines ("KABUL (Reuters) -"). A figure told
of places in several provinces at once ("in Lashkar Gah and Kandahar") gets none of them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from spacy.tokens import Span

from pipeline.extract import lexicon, reference
from pipeline.extract.locate import FOREIGN, is_dateline, province_of
from pipeline.extract.places import Gazetteer
from pipeline.extract.view import View
from pipeline.extract.world import COUNTRY, demonym_index, normalise, world_index

AFGHANISTAN = "AFG"
DESTINATION_WORDS = set(lexicon.words("destination"))
# Mentions that locate something else; a modifier ("the Kunduz airport") still places a figure.
NOT_HERE = {reference.DESTINATION, reference.ROAD, reference.MEASURE}
SPEAKERS = set(lexicon.words("speaker"))
REPORTING = set(lexicon.words("reporting_verb"))
INSTITUTIONS = set(lexicon.words("institution"))
ACTORS = set(lexicon.words("actor_noun"))
LIST_JOINS = {"and", ",", "the", "province", "provinces", "city", "cities", "district", "districts", "of"}
NATIONAL = lexicon.national_scope()
LOCATIVES = set(lexicon.words("locative"))
SCENE = set(lexicon.words("scene"))
NEIGHBOURING = {"neighbouring", "neighboring"}
BOUNDARIES = set(lexicon.words("boundary"))
DEMONYMS = demonym_index()
DESCRIPTORS = set(lexicon.words("place_descriptor"))
AFGHAN_WORDS = {"afghanistan", "afghan", "afghans", "afghanistan's"}


@dataclasses.dataclass(frozen=True)
class Where:
    """The mention that placed a figure (None: no Afghan place), its province, the rule that placed
    it and its country."""

    place: Span | None
    province: str | None
    basis: str  # one of vocab.PLACE_BASES
    country: str | None  # ISO 3166-1 alpha-3; None when unknown


def _options(ent: Span, gaz: Gazetteer) -> frozenset[str]:
    return gaz.province_options.get((ent.label_, ent.ent_id_), frozenset())


def _province(ent: Span, context: list[Span], gaz: Gazetteer) -> str | None:
    """The province of a mention; a name shared by districts of two provinces ("Arghandab") takes the
    one its context names (the other places of its sentence, then the article's main place)."""
    options = _options(ent, gaz)
    if len(options) > 1:
        for other in context:
            shared = options & _options(other, gaz)
            if len(shared) == 1:
                return next(iter(shared))
    return province_of(ent, gaz)


def is_destination(view: View, ent: Span) -> bool:
    """ "fled to Herat", "to the neighbouring Herat province", "Taloqan, the capital of neighbouring
    Takhar": where people went; not "In neighbouring Pakistan, a bomb killed six"."""
    before = _before_descriptors(view, ent)
    if before and before[-1] in DESTINATION_WORDS:
        return True
    neighbouring = bool(set(view.low[max(0, ent.start - 2) : ent.start]) & NEIGHBOURING)
    return neighbouring and not (before and before[-1] in SCENE)


def _before_descriptors(view: View, ent: Span) -> list[str]:
    """The words of its sentence before a mention, less the descriptors right before it."""
    before = view.low[view.sent(ent.start).start : ent.start][-6:]
    while before and before[-1] in DESCRIPTORS:
        before.pop()
    return before


def is_reference(view: View, ent: Span) -> bool:
    """Where people went or arrived, a road's ends, a bearing or a distance (``reference.py``)."""
    return reference.kind(view, ent.start, ent.end, ent.label_) in NOT_HERE


def is_speaker_place(view: View, ent: Span) -> bool:
    """ "officials in the capital, Kabul, said", "a source in Herat told": where the speaker is."""
    sent = view.sent(ent.start)
    before = view.low[max(sent.start, ent.start - 5) : ent.start]
    after = view.low[ent.end : min(sent.end, ent.end + 3)]
    spoken = bool(set(after) & REPORTING)
    return spoken and "in" in before and bool(set(before[: before.index("in")]) & SPEAKERS)


def agency_dateline(view: View, ent: Span) -> bool:
    """ "KABUL (Reuters) -", "Kabul (ICRC) -", "KABUL/PESHAWAR, Pakistan (Reuters) –", "LONDON,
    Oct 10 (Thomson Reuters Foundation) -": the reporter's desk, near the start of a line."""
    line_start = view.paragraph_starts[ent.start]
    if ent.start - line_start > 6:
        return False
    tail = view.low[ent.end : ent.end + 12]
    if "(" not in tail or ")" not in tail:
        return False
    close = tail.index(")")
    return tail.index("(") < close and close + 1 < len(tail) and tail[close + 1] in ("-", "–", "—", ":")


def is_actor(view: View, ent: Span) -> bool:
    """ "US forces", "the Pakistan army", "US-led troops": a country named for its forces or its
    government, not as the place where something happened."""
    nxt = view.low[ent.end : ent.end + 3]
    return ent.label_ == FOREIGN and bool(nxt) and (nxt[0] in ACTORS or nxt[:2] == ["-", "led"])


def _elsewhere(view: View, ent: Span) -> bool:
    return is_destination(view, ent) or is_reference(view, ent)


def _listed_after(view: View, ent: Span) -> Span | None:
    """The place a list joins this one to: "Nad Ali" for "Kabul" in "fled to Nad Ali and Kabul"."""
    sent_start = view.sent(ent.start).start
    earlier = [e for e in view.doc.ents if sent_start <= e.start and e.end <= ent.start]
    if not earlier:
        return None
    between = view.low[earlier[-1].end : ent.start]
    joins = LIST_JOINS | {"(", ")", "in"}
    # "Kabul, Taloqan and in Baghlan" is a list; "40 km north of Kandahar, in Zabul" is not.
    joined = "and" in between or ("in" not in between and bool(set(between) & {",", "("}))
    listed = bool(between) and set(between) <= joins and joined
    return earlier[-1] if listed else None


def _excluded(view: View, ent: Span) -> bool:
    if is_actor(view, ent) or is_dateline(ent) or agency_dateline(view, ent) or is_speaker_place(view, ent):
        return True
    # A list shares its first place's role: "arrived in Kabul, Taloqan and Baghlan".
    head = ent
    while (previous := _listed_after(view, head)) is not None:
        head = previous
    return _elsewhere(view, ent) or (head is not ent and _elsewhere(view, head))


def national(view: View, sent: Span) -> str | None:
    """The sentence, or one of the two before it, speaks of the whole country: the country its
    phrase names ("" for "nationwide": the country the text is about), else None. "Afghanistan's
    refugee department" names an institution, not the country's whole."""
    k = view.sent_of[sent.start]
    text = view.span_text(view.sents[max(0, k - 2)].start, sent.end).lower()
    for phrase, country in NATIONAL:
        at = text.find(phrase)
        while at != -1:
            following = text[at + len(phrase) :].split()[:2]
            if not (phrase.endswith("'s") and set(following) & INSTITUTIONS):
                return country
            at = text.find(phrase, at + 1)
    return None


def placed_abroad(view: View, ent: Span) -> bool:
    """A place abroad named as where things happen: a division or a city, or a country after "in",
    "across"... or opening a line ("Iraq: clashes in Nineveh"); not "US airstrikes", not "the
    border with Iran"."""
    if ent.label_ != FOREIGN or not ent.ent_id_ or is_actor(view, ent):
        return False
    country = world_index().get(normalise(ent.text), ("", ""))[1] == COUNTRY
    if country and ent.start == view.paragraph_starts[ent.start]:
        return True  # a line's topic, not a reporter's desk: datelines name cities
    if _excluded(view, ent):
        return False
    before = _before_descriptors(view, ent)
    return not country or (bool(before) and before[-1] in LOCATIVES)


def _scene(view: View, ent: Span) -> bool:
    """A place abroad the rest of its paragraph happens in: "In Iraq, ..."; not "crossed into the
    Somali Region of Ethiopia"."""
    if not placed_abroad(view, ent):
        return False
    before = _before_descriptors(view, ent)
    return ent.start == view.paragraph_starts[ent.start] or (bool(before) and before[-1] in SCENE)


def focus_country(view: View, main: Span | None) -> str | None:
    """The other country an article is about, when it names no Afghan place: the country its
    places abroad point to most (the headline and lead weighted), unless Afghanistan is named as
    often. None for an Afghan article."""
    if main is not None:
        return None
    votes: Counter[str] = Counter()
    for ent in view.doc.ents:
        if ent.label_ == FOREIGN and ent.ent_id_ and (placed_abroad(view, ent) or not _excluded(view, ent)):
            votes[ent.ent_id_] += 3 if ent.start_char < 400 else 1
    for i, word in enumerate(view.low):  # "the Haitian capital", "5.5 million Haitians"
        iso3 = DEMONYMS.get(word)
        following = view.low[i + 1 : i + 2]
        if iso3 and iso3 != AFGHANISTAN and following and not set(following) & (ACTORS | BOUNDARIES):
            votes[iso3] += 1
    if not votes:
        return None
    best, score = max(votes.items(), key=lambda kv: kv[1])  # a tie goes to the first named
    afghan = sum(3 if view.starts[i] < 400 else 1 for i, w in enumerate(view.low) if w in AFGHAN_WORDS)
    return best if score > afghan else None


def _several(view: View, places: list[Span], gaz: Gazetteer) -> bool:
    """Places of more than one province told as one list: "in Lashkar Gah and Kandahar"."""
    if len(places) < 2 or frozenset.intersection(*(_options(e, gaz) for e in places)):
        return False
    ordered = sorted(places, key=lambda e: e.start)
    return all(
        set(view.low[a.end : b.start]) <= LIST_JOINS and "and" in view.low[a.end : ordered[-1].start]
        for a, b in zip(ordered, ordered[1:], strict=False)
    )


def figure_place(
    view: View, sent: Span, at: int, main: Span | None, kind: str, gaz: Gazetteer, focus: str | None = None
) -> Where:
    """Where the figure at token ``at`` of ``sent`` happened: its sentence, else its paragraph, else
    the article's main place, or the country abroad it is about (``focus``)."""
    named = [e for e in sent.ents if not _excluded(view, e)]
    afghan = [e for e in named if e.label_ != FOREIGN]
    context = [*afghan, *([main] if main is not None else [])]
    if named and not afghan:
        nearest = min(named, key=lambda e: abs(e.start - at))
        return Where(None, None, "foreign", nearest.ent_id_ or None)
    if afghan:
        if _several(view, afghan, gaz):
            return Where(None, None, "several", AFGHANISTAN)
        place = min(afghan, key=lambda e: abs(e.start - at))
        return Where(place, _province(place, context, gaz), "sentence", AFGHANISTAN)
    scope = national(view, sent)
    if scope is not None:
        return Where(None, None, "national", scope or focus or AFGHANISTAN)
    para_start = view.paragraph_starts[sent.start]
    earlier = [e for e in view.doc.ents if para_start <= e.start < sent.start and not _excluded(view, e)]
    afghan_earlier = [e for e in earlier if e.label_ != FOREIGN]
    if earlier and _scene(view, earlier[-1]):
        return Where(None, None, "paragraph", earlier[-1].ent_id_)  # "In Iraq, ... Another 40 were hurt."
    if afghan_earlier:
        place = afghan_earlier[-1]
        return Where(place, _province(place, [*afghan_earlier, *context], gaz), "paragraph", AFGHANISTAN)
    if main is not None:
        return Where(main, province_of(main, gaz), "article", AFGHANISTAN)
    if focus is not None:
        return Where(None, None, "article", focus)
    return Where(None, None, "none", None)
