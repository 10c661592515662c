"""Extraction: a processed spaCy ``Doc`` in, plain rows out. No IO.

Figures (killed, wounded, displaced, combined casualties) keep the sentence they came
from; capitals and districts under pressure are found from rule phrases near a place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

from spacy.tokens import Doc, Span

from pipeline import dates, rules
from pipeline.numbers import Number, find_numbers
from pipeline.places import CAPITAL, DISTRICT, FOREIGN, PROVINCE, Gazetteer, load_gazetteer

VICTIMS = rules.victims()
VICTIM_WORDS = {w: group for group, words in VICTIMS.items() for w in words}
GAP_WORDS = rules.gap_words() | set(VICTIM_WORDS)
NOT_PEOPLE = rules.units_not_people()
TIGHT = rules.tight_triggers()
NEGATIONS = rules.negations()
NEEDS_PEOPLE = {"lost"}
RECAP = rules.recap_openers()
MAX_GAP = 12  # tokens between a number and a trigger that follows it
PRESSURE_WINDOW = 10  # tokens between a pressure phrase and its place
FILLERS = rules.target_fillers()
DESTINATION_WORDS = {"to", "into", "towards", "toward", "neighbouring", "neighboring"}
CITY_IMPLYING = rules.city_implying()
GENERIC_ATTACKS = rules.generic_attacks()
PROXIMITY = rules.proximity_words()
REFERENCE_POINTS = rules.reference_points()
DENIALS = rules.denials()
SUBJECT_FILLERS = rules.subject_fillers()
PREPOSITIONS = rules.object_prepositions()
LIST_WORDS = rules.list_words()
HOSTILE = rules.hostile_words()
NEEDS_HOSTILE = rules.needs_hostile()
TOLL_HEADS = rules.toll_heads()
ATTEMPTS = rules.attempts()
AID_WORDS = rules.aid_words()
MONTH_NAMES = set(dates.MONTHS)
NATIONAL = rules.national_scope()
METONYMS = {"Kabul"}  # "Kabul sends in commandos": the government, not the place
# A district is under threat, fallen or retaken; fighting in it alone is not a district event.
DISTRICT_STATUS = {
    "threatened": "threatened", "attacked": None, "besieged": "threatened",
    "breached": "fell", "fell": "fell", "retaken": "retaken",
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Article:
    """What extraction needs to know about an article besides its text."""

    article_id: str
    published: dt.date | None = None
    date_precision: str | None = None
    household_size: float = 7.0


@dataclasses.dataclass
class Extraction:
    figures: list[dict]
    pressure: list[dict]
    district_events: list[dict]


@dataclasses.dataclass
class _Figure:
    number: Number
    kind: str
    victims: str
    unit: str
    sent: Span
    trigger: tuple[int, int] | None  # token span of the trigger it hangs on
    sibling_of: int | None = None  # index of the figure it is coordinated with
    detail_of: int | None = None  # "including 10 policemen": index of the total
    role: str = "total"
    parent: int | None = None


# --- places -----------------------------------------------------------------------


def _is_dateline(ent: Span) -> bool:
    """ "KABUL:", "KABUL, 26 July 2021 -", "Lashkar Gah (Afghanistan):" at the start of a line."""
    nxt = ent.doc[ent.end : ent.end + 4].text
    first = ent.start == 0 or "\n" in ent.doc[ent.start - 1].text
    shouted = ent.text.isupper() and nxt[:1] in (",", "(", "-", "–", "—")
    return first and (nxt.startswith(":") or nxt.startswith("(Afghanistan):") or shouted)


def _is_destination(ent: Span) -> bool:
    doc = ent.doc
    before = {t.lower_ for t in doc[max(ent.sent.start, ent.start - 2) : ent.start]}
    return bool(before & DESTINATION_WORDS)


def _province_of(ent: Span, gaz: Gazetteer) -> str | None:
    if ent.label_ == FOREIGN:
        return None
    if ent.label_ == PROVINCE:
        return ent.ent_id_
    for p in gaz.places:
        if p.name == ent.ent_id_ and p.label == ent.label_:
            return p.province
    return None


def _place_name(ent: Span, gaz: Gazetteer) -> str | None:
    """The capital or district a mention names, or None for a province (or a name shared by both)."""
    if ent.label_ not in (CAPITAL, DISTRICT):
        return None
    nxt = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if ent.label_ == CAPITAL and ent.ent_id_ in _shared_names(gaz) and nxt != "city":
        return None  # "in Herat": the province or the city; say only the province
    return ent.ent_id_


def _shared_names(gaz: Gazetteer) -> set[str]:
    provinces = {p.name for p in gaz.places if p.label == PROVINCE}
    return {p.name for p in gaz.places if p.label == CAPITAL and p.name in provinces}


def main_place(doc: Doc) -> Span | None:
    """The place an article is mostly about: mentions counted, the headline and lead weighted."""
    scores: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Span] = {}
    for ent in doc.ents:
        if ent.label_ == FOREIGN or ent.ent_id_ in METONYMS or _is_dateline(ent):
            continue
        key = (ent.label_, ent.ent_id_)
        scores[key] += 3 if ent.start_char < 400 else 1
        first.setdefault(key, ent)
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], k[0] == CAPITAL, -first[k].start))
    return first[best]


# --- figures -------------------------------------------------------------------------


def _triggers(doc: Doc, prefix: str) -> list[Span]:
    return [s for s in doc.spans["triggers"] if s.label_.startswith(prefix)]


def _is_other_quantity(doc: Doc, n: Number) -> bool:
    """Distances, ages, populations and the like: numbers that are never casualty figures."""
    nxt = doc[n.end].lower_ if n.end < len(doc) else ""
    if nxt in NOT_PEOPLE or (nxt == "-" and n.end + 1 < len(doc) and doc[n.end + 1].lower_ in NOT_PEOPLE):
        return True
    prev = [t.lower_ for t in doc[max(0, n.start - 2) : n.start]]
    if prev[-1:] in (["'s"], ["’s"], ["aged"], ["population"]) or prev in (
        ["population", "of"],
        ["home", "to"],
    ):
        return True
    if prev[-1:] and prev[-1] in MONTH_NAMES or nxt in MONTH_NAMES:
        return True  # "since May 1", "on 8 July"
    # "Ajab Gul, 25, a shopkeeper": an age in apposition.
    return prev[-1:] == [","] and nxt == "," and n.value is not None and n.value < 120


def _np_victims(tokens: list[str]) -> str:
    groups = {VICTIM_WORDS[t] for t in tokens if t in VICTIM_WORDS} - {"unspecified"}
    if "both" in tokens and "sides" in tokens:
        return "mixed"
    if len(groups) > 1:
        return "mixed"
    return groups.pop() if groups else "unspecified"


def _noun_phrase(doc: Doc, start: int, limit: int) -> list[str]:
    """Lower-cased words after a number that may describe who it counts."""
    out = []
    for t in doc[start:limit]:
        if t.is_quote:
            continue  # killed "dozens" of soldiers
        if t.lower_ not in GAP_WORDS or t.lower_ in ("were", "was", "have", "has", "had"):
            break
        out.append(t.lower_)
    return out


def _unit(np: list[str]) -> str:
    return "families" if {"families", "family", "households", "household"} & set(np[:3]) else "people"


def _gap_allows(gap: Span) -> bool:
    """Whether the words between a number and a later trigger can all describe the people counted.

    Words about people, place names ("75,000 residents of Qala-e-Naw have fled"), quotes, a
    bracketed or "including" aside ("30 Daesh fighters, including 3 foreign nationals, were
    killed"), and at most two unknown lower-case words beside a word for people ("80 'puppet
    soldiers' had been killed").
    """
    unknown, people, aside = 0, False, False
    for t in gap:
        w = t.lower_
        if w in ("including", "(", "-", "–", "—"):
            aside = True
        if w in VICTIM_WORDS:
            people = True
        if w in GAP_WORDS or t.is_punct or t.ent_type_ or (aside and t.like_num):
            continue
        if t.is_lower and t.is_alpha:
            unknown += 1
            continue
        return False
    return unknown == 0 or (people and unknown <= 2)


def _toll_kind(doc: Doc, sent: Span, trig: Span) -> str | None:
    """The kind of running count a toll verb updates: "the death toll ... has risen to 55"."""
    before = " ".join(t.lower_ for t in doc[max(sent.start, trig.start - 20) : trig.start])
    found = [(m.start(), kind) for head, kind in TOLL_HEADS.items() for m in re.finditer(head, before)]
    return max(found)[1] if found else None


def _plausible(doc: Doc, fig: _Figure, trig: Span) -> bool:
    """Checks a kind's rules: rates are not counts; fighters who flee are not displaced people; aid
    lists are not figures."""
    after = " ".join(t.lower_ for t in doc[trig.end : min(fig.sent.end, trig.end + 3)])
    if after.startswith(("every day", "each day", "a day", "per day", "daily", "a week", "every week")):
        return False  # "Dozens of soldiers martyred every day"
    if fig.kind != "displaced":
        return True
    if fig.victims in ("security_forces", "militants"):
        return False  # "300 Afghan soldiers fled across the border"
    adjectival = trig.end < len(doc) and doc[trig.end].lower_ in VICTIM_WORDS
    return not (adjectival and any(t.lower_ in AID_WORDS for t in fig.sent))


def _figure_for(doc: Doc, n: Number, sent: Span, before: list[Span], after: list[Span]) -> _Figure | None:
    """Attach a number to the trigger before or after it, if the words between allow it."""
    for trig in before:
        # "killed \"dozens\" of soldiers", "civilian casualties (392)": a quote or bracket may come between.
        between = doc[trig.end : n.start]
        if (
            trig.end <= n.start
            and all(t.is_quote or t.text == "(" for t in between)
            and trig.sent.start == sent.start
        ):
            kind = _toll_kind(doc, sent, trig) if trig.label_ == "toll:before" else trig.label_.split(":")[0]
            if kind is None:
                continue
            np = _noun_phrase(doc, n.end, min(sent.end, n.end + 6))
            if trig.text.lower() in NEEDS_PEOPLE and not set(np) & set(VICTIM_WORDS):
                continue  # "lost 100 soldiers" is a toll; "lost two districts" is not
            fig = _Figure(n, kind, _np_victims(np), _unit(np), sent, (trig.start, trig.end))
            return fig if _plausible(doc, fig, trig) else None
    for trig in after:
        if trig.start < n.end or trig.start >= sent.end:
            continue
        gap = doc[n.end : trig.start]
        # Words that describe people may stand between, and so may place names: "75,000 residents of
        # Qala-e-Naw have fled".
        if len(gap) > MAX_GAP or any(
            t.lower_ not in GAP_WORDS and t.text != "," and not t.ent_type_ for t in gap
        ):
            return None
        np = [t.lower_ for t in gap] + [t.lower_ for t in trig]  # "1,659 civilian deaths"
        if not gap:  # "1,300 displaced families", "23 wounded people": the noun follows the trigger
            np += _noun_phrase(doc, trig.end, min(sent.end, trig.end + 4))
        kind = trig.label_.split(":")[0]
        fig = _Figure(n, kind, _np_victims(np), _unit(np), sent, (trig.start, trig.end))
        return fig if _plausible(doc, fig, trig) else None
    return None


JOINERS = {"and", ",", "&", "or", "including", "(", "-", "–", "—", "them", "whom", "with", "plus"}
PART_OF = {"including", "them", "whom"}  # "including 10 policemen", "among them two children"


def _coordinated(doc: Doc, left: Number, right: Number, trigger: tuple[int, int] | None = None) -> bool:
    """ "10 policemen and four others": the right number continues a list started by the left one.

    The left figure's own trigger may stand between: "348 wounded, including 59 children".
    """
    gap = [
        t.lower_
        for t in doc[left.end : right.start]
        if not (trigger and trigger[0] <= t.i < trigger[1]) and not t.is_quote
    ]
    joined = bool(gap) and gap[-1] in JOINERS
    return joined and all(w in GAP_WORDS or w in JOINERS or w in ("along", "as", "well") for w in gap)


def _part_of(doc: Doc, n: Number) -> bool:
    """The number opens a part of what precedes it: "including", "among them", "of whom"."""
    return n.start > 0 and doc[n.start - 1].lower_ in PART_OF


def _find_figures(doc: Doc) -> list[_Figure]:
    """Numbers tied to a figure trigger directly or through a list ("killed 10 policemen and four others")."""
    before = [s for s in doc.spans["triggers"] if s.label_.endswith(":before")]
    after = [s for s in doc.spans["triggers"] if s.label_.endswith(":after")]
    numbers = [n for n in find_numbers(doc) if not _is_other_quantity(doc, n)]
    sents = [doc[n.core_start].sent for n in numbers]
    found = [_figure_for(doc, n, sent, before, after) for n, sent in zip(numbers, sents, strict=True)]

    def inherit(i: int, j: int) -> None:
        """Number ``i`` takes the kind of the figure at ``j`` in the same list."""
        n, src = numbers[i], found[j]
        left, right = sorted((n, numbers[j]), key=lambda x: x.start)
        if sents[i].start != sents[j].start or not _coordinated(
            doc, left, right, src.trigger if j < i else None
        ):
            return
        if found[i] is None:
            np = _noun_phrase(doc, n.end, min(sents[i].end, n.end + 6))
            found[i] = _Figure(n, src.kind, _np_victims(np), _unit(np), sents[i], src.trigger)
        if found[i].trigger == src.trigger and found[i].kind == src.kind and not _part_of(doc, right):
            found[i].sibling_of = j if found[j].sibling_of is None else found[j].sibling_of

    for i in range(1, len(numbers)):  # "killed 10 policemen and four others"
        if found[i - 1] is not None:
            inherit(i, i - 1)
    for i, n in enumerate(numbers):  # "100 soldiers had been killed in Ghazni city, along with 20 civilians"
        opener = " ".join(t.lower_ for t in doc[max(sents[i].start, n.start - 3) : n.start])
        prev = [k for k in range(i) if found[k] is not None and sents[k].start == sents[i].start]
        if found[i] is None and prev and opener.endswith(("along with", "as well as", "in addition to")):
            np = _noun_phrase(doc, n.end, min(sents[i].end, n.end + 6))
            src = found[prev[-1]]
            found[i] = _Figure(n, src.kind, _np_victims(np), _unit(np), sents[i], src.trigger)
    for i in range(len(numbers) - 2, -1, -1):  # "five soldiers and three civilians were killed"
        if found[i] is None and found[i + 1] is not None:
            inherit(i, i + 1)

    # "... killed 33 people. Of these, 81 were children.": a part of the last figure before.
    recap_of: dict[int, int] = {}
    for i, n in enumerate(numbers):
        opener = " ".join(t.lower_ for t in doc[sents[i].start : n.start])
        earlier = [k for k in range(i) if found[k] is not None and sents[k].start < sents[i].start]
        if found[i] is None and opener in RECAP and earlier:
            # The head of the sentence before: "107 civilian casualties (36 killed and 71 injured)".
            k = next(x for x in earlier if sents[x].start == sents[earlier[-1]].start)
            np = _noun_phrase(doc, n.end, min(sents[i].end, n.end + 6))
            found[i] = _Figure(n, found[k].kind, _np_victims(np), _unit(np), sents[i], found[k].trigger)
            recap_of[i] = k

    figures: list[_Figure] = []
    index = {}
    for i, fig in enumerate(found):
        if fig is None:
            continue
        index[i] = len(figures)
        prev_i = max((k for k in index if k < i and sents[k].start == sents[i].start), default=None)
        prev = found[prev_i] if prev_i is not None else None
        if prev is not None and _part_of(doc, fig.number) and fig.kind == prev.kind:
            fig.detail_of = index[prev_i]
        if i in recap_of:
            fig.detail_of = index[recap_of[i]]
        near = _noun_phrase(doc, fig.number.end, min(sents[i].end, fig.number.end + 3))
        if "others" in near and prev is not None and prev.kind != fig.kind:
            fig.victims = prev.victims  # "69 Taliban were killed and 23 others were wounded"
        figures.append(fig)
    for fig in figures:
        if fig.sibling_of is not None:
            fig.sibling_of = index[fig.sibling_of]
    return figures


def _assign_roles(figs: list[_Figure]) -> None:
    """Breakdowns, "including" parts and restatements are kept but not counted."""
    groups: dict[int, list[int]] = {}
    for i, f in enumerate(figs):
        if f.sibling_of is not None:
            root = f.sibling_of
            while figs[root].sibling_of is not None:
                root = figs[root].sibling_of
            groups.setdefault(root, [root]).append(i)
    for members in groups.values():
        parts = [figs[i] for i in members]
        total = sum(p.number.floor or 0 for p in parts)
        for j, other in enumerate(figs):
            if j not in members and other.kind == parts[0].kind and other.number.value == total:
                for i in members:
                    figs[i].role, figs[i].parent = "detail", j
                kinds = {p.victims for p in parts}
                other.victims = kinds.pop() if len(kinds) == 1 else "mixed"
                break
    # "5,166 civilian casualties (1,601 deaths and 3,565 injured)": the parts of a combined total.
    for j, c in enumerate(figs):
        if c.kind != "casualties" or c.number.value is None:
            continue
        near = [
            i for i, f in enumerate(figs) if f.sent.start == c.sent.start and f.kind in ("killed", "wounded")
        ]
        killed = [i for i in near if figs[i].kind == "killed" and i > j]
        wounded = [i for i in near if figs[i].kind == "wounded" and i > j]
        if (
            killed
            and wounded
            and figs[killed[0]].number.value + figs[wounded[0]].number.value == c.number.value
        ):
            for i in (killed[0], wounded[0]):
                figs[i].role, figs[i].parent = "detail", j
    for f in figs:
        if f.detail_of is not None and f.role == "total":
            f.role, f.parent = "detail", f.detail_of
    # A part told as a part ("including ...", "of these, ...", a combined total's killed and
    # wounded) that does not say who it counts is of the same people as its total.
    for f in figs:
        told_as_part = f.detail_of is not None or (
            f.parent is not None and figs[f.parent].kind == "casualties"
        )
        if f.role == "detail" and f.victims == "unspecified" and told_as_part:
            f.victims = figs[f.parent].victims
    seen: dict[tuple[str, int, str], int] = {}
    for i, f in enumerate(figs):
        if f.role != "total" or f.number.value is None:
            continue
        key = (f.kind, f.number.value, f.unit)
        if key in seen:
            f.role, f.parent = "repeat", seen[key]
        else:
            seen[key] = i
    # "5,600 families ... nearly 40,000 people": one group in two units; count the people. The
    # two must be told together and agree on a family of 4 to 10 people.
    for i, f in enumerate(figs):
        if f.role == "total" and f.unit == "families" and f.number.floor:
            for j, g in enumerate(figs):
                together = g.sent.start == f.sent.start
                agree = g.number.floor is not None and 4 <= g.number.floor / f.number.floor <= 10
                if (
                    j != i
                    and g.role == "total"
                    and g.kind == f.kind
                    and g.unit == "people"
                    and together
                    and agree
                ):
                    f.role, f.parent = "repeat", j
                    break


def _locate(ent_spans: list[Span], at: int) -> Span | None:
    return min(ent_spans, key=lambda e: abs(e.start - at)) if ent_spans else None


def _figure_place(doc: Doc, f: _Figure, main: Span | None) -> Span | None | bool:
    """The place a figure is about: its sentence, else earlier in its paragraph, else the article's."""
    ents = [e for e in f.sent.ents if not _is_destination(e) and not _is_dateline(e)]
    afghan = [e for e in ents if e.label_ != FOREIGN]
    if ents and not afghan:
        return False  # about another country: no Afghan province
    if afghan:
        return _locate(afghan, f.number.start)
    if _national(doc, f.sent):
        return None
    para_start = _paragraph_start(doc, f.sent.start)
    earlier = [
        e
        for e in doc.ents
        if para_start <= e.start < f.sent.start and e.label_ != FOREIGN and not _is_destination(e)
    ]
    return earlier[-1] if earlier else main


def _national(doc: Doc, sent: Span) -> bool:
    """The sentence, or one of the two before it, speaks of the whole country."""
    start = sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    text = doc[start : sent.end].text.lower()
    return any(p in text for p in NATIONAL)


def _paragraph_start(doc: Doc, token_i: int) -> int:
    i = token_i
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    return i


# --- pressure --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Target:
    start: int
    end: int
    label: str  # CAPITAL | DISTRICT
    name: str
    province: str
    named: bool = True  # False when resolved from "the city", "the provincial capital"


def _targets(doc: Doc, gaz: Gazetteer, main: Span | None) -> list[_Target]:
    """Every capital and district reference, named or by context ("the city", "capital of Laghman")."""
    out: list[_Target] = []
    last: dict[str, _Target] = {}
    refs = [s for s in doc.spans["triggers"] if s.label_.startswith("ref:")]
    items = sorted([*doc.ents, *refs], key=lambda s: (s.start, -s.end))
    for item in items:
        if item.label_ in (CAPITAL, DISTRICT) and not _is_dateline(item):
            t = _Target(item.start, item.end, item.label_, item.ent_id_, _province_of(item, gaz) or "")
        elif item.label_ == "ref:city":
            if _names_follow(doc, item, CAPITAL):
                continue  # "the provincial capital, Lashkar Gah": the name is a target itself
            name = _capital_by_province(doc, item, gaz) or (last.get(CAPITAL) and last[CAPITAL].name)
            if not name and main is not None:
                name = gaz.capital_of(_province_of(main, gaz) or "")
            if not name:
                continue
            t = _Target(item.start, item.end, CAPITAL, name, _capital_province(gaz, name), named=False)
        elif item.label_ == "ref:district" and DISTRICT in last and item.start - last[DISTRICT].end < 60:
            if _names_follow(doc, item, DISTRICT):
                continue
            prev = last[DISTRICT]
            t = _Target(item.start, item.end, DISTRICT, prev.name, prev.province, named=False)
        else:
            continue
        if t.name not in METONYMS or t.label != CAPITAL:
            last[t.label] = t
        out.append(t)
    return out


def _capital_province(gaz: Gazetteer, capital: str) -> str:
    return next((p.province or "" for p in gaz.places if p.label == CAPITAL and p.name == capital), "")


def _names_follow(doc: Doc, ref: Span, label: str) -> bool:
    """ "the district of Marjah", "the provincial capital, Lashkar Gah": a name stands right after."""
    return any(e.label_ == label and e.start - ref.end <= 2 for e in doc[ref.end : ref.end + 3].ents)


def _capital_by_province(doc: Doc, ref: Span, gaz: Gazetteer) -> str | None:
    """ "the capital of the embattled Laghman province", "#Badghis provincial center", "In Helmand, ...
    the provincial capital"."""
    after = doc[ref.end : min(len(doc), ref.end + 5)]
    if after[:1].text.lower() == "of":
        for ent in after.ents:
            if ent.label_ == PROVINCE:
                return gaz.capital_of(ent.ent_id_)
    before = [e for e in doc[ref.sent.start : ref.start].ents if e.label_ == PROVINCE]
    if before and (ref.start - before[-1].end <= 3 or "provincial" in ref.text.lower()):
        return gaz.capital_of(before[-1].ent_id_)
    return None


def _context_capital(
    targets: list[_Target], before: int, main: Span | None, gaz: Gazetteer
) -> _Target | None:
    """The capital a sentence that names none is about: the last one referred to, else the article's."""
    earlier = [t for t in targets if t.label == CAPITAL and t.end <= before and t.name not in METONYMS]
    if earlier:
        return earlier[-1]
    if main is not None and (name := gaz.capital_of(_province_of(main, gaz) or "")):
        return _Target(main.start, main.end, CAPITAL, name, _capital_province(gaz, name))
    return None


def _nearly(doc: Doc, trig: Span) -> bool:
    before = " ".join(t.lower_ for t in doc[max(trig.sent.start, trig.start - 3) : trig.start])
    return before.endswith(("close to", "nearly", "almost"))


def _attempted(doc: Doc, trig: Span) -> bool:
    """ "in an attempt to break through ... and enter the city"; not "seeking to build on ... capture of"."""
    if trig[-1].lower_ == "of":
        return False  # a noun ("the capture of") names something that happened
    window = doc[max(trig.sent.start, trig.start - 12) : trig.start]
    return any(t.lower_ in ATTEMPTS and t.nbor().lower_ == "to" for t in window)


def _negated(doc: Doc, trig: Span) -> bool:
    return any(t.lower_ in NEGATIONS for t in doc[max(trig.sent.start, trig.start - 4) : trig.start])


def _shared_unmarked(doc: Doc, t: _Target, gaz: Gazetteer) -> bool:
    """A capital whose name is also its province's, not marked as the city: "in Herat"."""
    nxt = doc[t.end].lower_ if t.end < len(doc) else ""
    return (
        t.label == CAPITAL and t.name in _shared_names(gaz) and nxt != "city" and "city" not in t.name.lower()
    )


def _near_not_in(doc: Doc, trig: Span, t: _Target) -> bool:
    """Fighting near a city rather than in it: "five kilometres from the city", "on the outskirts of"."""
    lo, hi = (trig.end, t.start) if t.start >= trig.end else (t.end, trig.start)
    before_target = doc[max(trig.sent.start, t.start - 4) : t.start]
    return any(w.lower_ in PROXIMITY for w in [*doc[max(trig.sent.start, lo - 1) : hi], *before_target])


def _subject_of(between: Span) -> bool:
    """Only an auxiliary, or an aside in commas, stands between a place and its verb."""
    words = [t.lower_ for t in between]
    if all(w in SUBJECT_FILLERS for w in words):
        return True
    return len(words) >= 3 and words[0] == "," and words[-1] == "," and "," not in words[1:-1]


def _reference_point(doc: Doc, t: _Target) -> bool:
    """ "about 95 kilometres north of Lashkar Gah": the place only measures a distance."""
    before = [w.lower_ for w in doc[max(0, t.start - 4) : t.start]]
    return any(w in REFERENCE_POINTS for w in before) and bool(before) and before[-1] in ("of", "from")


def _distance(trig: Span, t: _Target) -> int:
    return t.start - trig.end if t.start >= trig.end else trig.start - t.end


def _pressure_targets(trig: Span, targets: list[_Target]) -> list[_Target]:
    """The place(s) a pressure phrase is about: the nearest in the sentence, plus a list it heads."""
    doc, sent = trig.doc, trig.sent
    # "95 kilometres north of Lashkar Gah" only measures, unless the phrase is itself about nearness.
    measuring = trig.label_ != "pressure:threatened"
    in_sent = [
        t
        for t in targets
        if sent.start <= t.start < sent.end and not (measuring and _reference_point(doc, t))
    ]
    if trig.text.lower() in TIGHT:
        # "seized the districts of Musa Qala", "claimed Khanishin": the place follows at once; or it is
        # the subject: "Herat fell", "Sheberghan, the capital of Jowzjan province, fell on Saturday".
        near = [
            t
            for t in in_sent
            if (t.start >= trig.end and all(w.lower_ in FILLERS for w in doc[trig.end : t.start]))
            or (t.end <= trig.start and _subject_of(doc[t.end : trig.start]))
        ]
    else:
        # "Kabul sends in commandos", "the highway between Kabul and Ghazni": Kabul is a target
        # only as the object right after a verb ("seized Kabul").
        near = [t for t in in_sent if _distance(trig, t) <= PRESSURE_WINDOW and t.name not in METONYMS]
        agent = trig.text.lower().endswith(
            ("fell to", "fall to", "fallen to", "surrendered to", "cleared of")
        )
        if (
            trig[-1].lower_ in PREPOSITIONS and not agent
        ):  # "on the outskirts of", "assault on": the object follows
            near = [t for t in near if t.start >= trig.end]
    if not near:
        return []
    best = min(near, key=lambda t: (_distance(trig, t), t.start < trig.end))
    chosen = [best]
    # "the districts of Musa Qal'ah and Now Zad", "from Kunduz and Baghlan in the north to Farah"
    for t in in_sent:
        same_side = (t.start >= trig.end) == (best.start >= trig.end)
        between = doc[t.end : best.start] if t.start < best.start else doc[best.end : t.start]
        listed = all(w.lower_ in LIST_WORDS or w.ent_type_ for w in between)
        if (
            t is not best
            and t.label == best.label
            and same_side
            and abs(t.start - best.start) <= 12
            and listed
        ):
            chosen.append(t)
    return chosen


# --- the whole article -----------------------------------------------------------------------


def _when(doc: Doc, sent: Span, token_i: int, art: Article) -> tuple[dates.When, bool]:
    """The date of what is said at a token, and whether the sentence itself dated it."""
    cues = dates.find_cues(sent.text)
    at = doc[token_i].idx - sent.start_char
    cue = dates.nearest_cue(cues, at, sent.text)
    return dates.resolve(cue, art.published, art.date_precision), cue is not None


def _evidence(sent: Span, start_char: int, end_char: int) -> dict:
    return {
        "sentence": sent.text.strip(),
        "char_start": start_char,
        "char_end": end_char,
        "sentence_start": sent.start_char,
        "sentence_end": sent.end_char,
    }


def extract(doc: Doc, art: Article) -> Extraction:
    """All figures, pressure mentions and district events in one article."""
    gaz = load_gazetteer()
    main = main_place(doc)
    figs = _find_figures(doc)
    _assign_roles(figs)
    ids = [f"{art.article_id}-f{f.number.start}" for f in figs]
    figure_rows = []
    for f in figs:
        n = f.number
        place = _figure_place(doc, f, main)
        when, _ = _when(doc, f.sent, n.core_start, art)
        start_char, end_char = doc[n.start].idx, doc[n.end - 1].idx + len(doc[n.end - 1])
        scale = art.household_size if f.unit == "families" else 1
        figure_rows.append(
            {
                "figure_id": ids[figs.index(f)],
                "article_id": art.article_id,
                "kind": f.kind,
                "value": n.value,
                "value_low": n.value_low,
                "value_high": n.value_high,
                "qualifier": n.qualifier,
                "unit": f.unit,
                "people_estimate": round((n.floor or 0) * scale),
                "victims": f.victims,
                "province": _province_of(place, gaz) if place else None,
                "place": _place_name(place, gaz) if place else None,
                "event_date": when.date,
                "date_precision": when.precision,
                "counted": f.role == "total",
                "role": f.role,
                "parent_figure_id": ids[f.parent] if f.parent is not None else None,
                "number_text": doc.text[start_char:end_char],
                **_evidence(f.sent, start_char, end_char),
            }
        )

    targets = _targets(doc, gaz, main)
    pressure_rows, district_rows, seen = [], [], set()
    background: dict[tuple[str, str], dates.When] = {}
    for trig in _triggers(doc, "pressure:"):
        if _negated(doc, trig):
            continue
        level = trig.label_.split(":")[1]
        if level in ("breached", "fell") and _attempted(doc, trig):
            level = "attacked"  # "an attempt to ... enter the city" is an attack that did not get in
        if level in ("breached", "fell") and _nearly(doc, trig):
            level = "threatened"  # "came close to taking the Marja district centre"
        when, dated = _when(doc, trig.sent, trig.start, art)
        if level in ("fell", "breached") and any(t.lower_ in DENIALS for t in trig.sent):
            continue  # "the reports regarding the fall of the city are baseless"
        if trig.text.lower() in NEEDS_HOSTILE and not any(t.lower_ in HOSTILE for t in trig.sent):
            continue  # "an army base about 20 kilometres from the city" is not a threat to it
        chosen = _pressure_targets(trig, targets)
        if trig.text.lower() in GENERIC_ATTACKS:
            # "fighting ... in Herat": the province, unless the text says the city
            chosen = [t for t in chosen if not _shared_unmarked(doc, t, gaz)]
        if not chosen and trig.text.lower() in CITY_IMPLYING:
            # "Farah city fell ... after the militants entered the governor's office": the capital of
            # the sentence, else the one being discussed.
            in_sent = [
                t for t in targets if t.label == CAPITAL and trig.sent.start <= t.start < trig.sent.end
            ]
            if in_sent:
                chosen = [min(in_sent, key=lambda t: _distance(trig, t))]
            elif not trig.sent.ents:
                chosen = [t for t in [_context_capital(targets, trig.start, main, gaz)] if t]
        for t in chosen:
            lvl = "threatened" if level == "attacked" and _near_not_in(doc, trig, t) else level
            key = (t.label, t.name, lvl, trig.sent.start)
            if key in seen or (t.label == DISTRICT and DISTRICT_STATUS[lvl] is None):
                continue
            seen.add(key)
            # A recalled episode named again later ("the fall of Kunduz") keeps its own date.
            if when.is_background:
                background[(t.name, lvl)] = when
            elif not dated and (t.name, lvl) in background:
                when = background[(t.name, lvl)]
            start_char = min(doc[trig.start].idx, doc[t.start].idx)
            end_char = max(trig.end_char, doc[t.end - 1].idx + len(doc[t.end - 1]))
            ev = _evidence(trig.sent, start_char, end_char)
            common = {
                "article_id": art.article_id,
                "province": t.province,
                "event_date": when.date,
                "date_precision": when.precision,
                "is_background": when.is_background,
            }
            if t.label == CAPITAL:
                pressure_rows.append(
                    {
                        "pressure_id": f"{art.article_id}-p{trig.start}-{t.start}",
                        **common,
                        "capital": t.name,
                        "level": lvl,
                        "trigger": trig.text,
                        **ev,
                    }
                )
            else:
                district_rows.append(
                    {
                        "district_event_id": f"{art.article_id}-d{trig.start}-{t.start}",
                        **common,
                        "district": t.name,
                        "status": DISTRICT_STATUS[lvl],
                        "sentence": ev["sentence"],
                        "char_start": start_char,
                        "char_end": end_char,
                    }
                )
    return Extraction(figure_rows, pressure_rows, district_rows)
