"""Figures: numbers tied to killed, wounded, displaced or combined-casualty phrases.

A number becomes a figure when a trigger stands right before it ("killed 14 people") or after
it across words that describe people ("69 #Taliban terrorists were killed"), or when it
continues a list that has one ("10 policemen and four others"). Roles then say which figures
a total counts: breakdown parts and restatements are kept as ``detail`` and ``repeat``.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.months import MONTHS
from pipeline.extract.numbers import Number, find_numbers
from pipeline.extract.view import View

# Word families of data/rules/words.csv (see data/rules/families.csv for what each does).
VICTIM_WORDS = {w: group for group, words in lexicon.victims().items() for w in words}
GAP_WORDS = set(lexicon.words("gap")) | set(VICTIM_WORDS)
NOT_PEOPLE = set(lexicon.words("not_people"))
NEEDS_PEOPLE = lexicon.figure_flagged("needs_people")  # "lost 100 soldiers"; not "lost two districts"
RECAP = set(lexicon.words("recap"))
ELLIPTIC = set(lexicon.words("elliptic"))
INCLUDED = lexicon.words("included")
OF_THEM = [phrase.split() for phrase in lexicon.words("of_them")]  # "nine of them children"
CAPACITY = set(lexicon.words("capacity"))
TOLL_HEADS = lexicon.toll_heads()
AID_WORDS = set(lexicon.words("aid"))
MONTH_NAMES = set(MONTHS)
MAX_GAP = 12  # tokens between a number and a trigger that follows it
JOINERS = set(lexicon.words("joiner"))
PART_OF = set(lexicon.words("part_of"))  # "including 10 policemen", "among them two children"
RATES = lexicon.words("rate")


@dataclasses.dataclass
class Figure:
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


def is_other_quantity(view: View, n: Number) -> bool:
    """Distances, ages, populations, dates and the like: numbers that are never casualty figures."""
    low = view.low
    nxt = low[n.end] if n.end < len(low) else ""
    if nxt in NOT_PEOPLE or (nxt == "-" and n.end + 1 < len(low) and low[n.end + 1] in NOT_PEOPLE):
        return True
    prev = low[max(0, n.start - 2) : n.start]
    if prev[-1:] in (["'s"], ["’s"], ["aged"], ["population"]) or prev in (
        ["population", "of"],
        ["home", "to"],
    ):
        return True
    if set(low[max(0, n.start - 4) : n.start]) & CAPACITY:
        return True  # "supplies sufficient to treat 500 wounded patients": what aid can cover
    if (prev and prev[-1] in MONTH_NAMES) or nxt in MONTH_NAMES:
        return True  # "since May 1", "on 8 July"
    # "Ajab Gul, 25, a shopkeeper": an age in apposition.
    return prev[-1:] == [","] and nxt == "," and n.value is not None and n.value < 120


def victims_of(words: list[str]) -> str:
    """The victim group that words about people name."""
    groups = {VICTIM_WORDS[w] for w in words if w in VICTIM_WORDS} - {"unspecified"}
    if ("both" in words and "sides" in words) or len(groups) > 1:
        return "mixed"
    return groups.pop() if groups else "unspecified"


def _noun_phrase(view: View, start: int, limit: int) -> list[str]:
    """Lower-cased words after a number that may describe who it counts."""
    out = []
    for t in view.doc[start:limit]:
        if t.is_quote:
            continue  # killed "dozens" of soldiers
        if t.lower_ not in GAP_WORDS or t.lower_ in ("were", "was", "have", "has", "had"):
            break
        out.append(t.lower_)
    return out


def _unit(words: list[str]) -> str:
    return "families" if {"families", "family", "households", "household"} & set(words[:3]) else "people"


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
        if t.is_lower and t.is_alpha and not t.like_num:
            unknown += 1
            continue
        return False
    return unknown == 0 or (people and unknown <= 2)


def _toll_kind(view: View, sent: Span, trig: Span) -> str | None:
    """The kind of running count a toll verb updates: "the death toll ... has risen to 55"."""
    before = view.text(max(sent.start, trig.start - 20), trig.start)
    found = [(m.start(), kind) for head, kind in TOLL_HEADS.items() for m in re.finditer(head, before)]
    return max(found)[1] if found else None


def _plausible(view: View, fig: Figure, trig: Span) -> bool:
    """A kind's own rules: rates are not counts; fighters who flee are not displaced people; aid
    lists are not figures."""
    if view.text(trig.end, min(fig.sent.end, trig.end + 3)).startswith(RATES):
        return False  # "Dozens of soldiers martyred every day"
    if fig.kind != "displaced":
        return True
    if fig.victims in ("security_forces", "militants"):
        return False  # "300 Afghan soldiers fled across the border"
    adjectival = trig.end < len(view.low) and view.low[trig.end] in VICTIM_WORDS
    return not (adjectival and view.words(fig.sent) & AID_WORDS)


def _figure_for(view: View, n: Number, sent: Span, before: list[Span], after: list[Span]) -> Figure | None:
    """Attach a number to the trigger before or after it, if the words between allow it."""
    doc = view.doc
    for trig in before:
        if trig.end > n.start or trig.start < sent.start:
            continue
        # "killed \"dozens\" of soldiers", "civilian casualties (392)": a quote or bracket may come between.
        # "Killed: 12", "Civilians killed: 14": a label and its number.
        # "Those killed included 11 civilians": the people a toll is made of.
        if not all(t.is_quote or t.lower_ in ("(", ":", *INCLUDED) for t in doc[trig.end : n.start]):
            continue
        kind = _toll_kind(view, sent, trig) if trig.label_ == "toll:before" else trig.label_.split(":")[0]
        if kind is None:
            continue
        words = _noun_phrase(view, n.end, min(sent.end, n.end + 6))
        if trig.text.lower() in NEEDS_PEOPLE and not set(words) & set(VICTIM_WORDS):
            continue
        if view.low[trig.end : n.start] == [":"]:  # "Civilians killed: 14": who is named before the label
            words = view.low[max(sent.start, trig.start - 3) : trig.start] + words
        fig = Figure(n, kind, victims_of(words), _unit(words), sent, (trig.start, trig.end))
        return fig if _plausible(view, fig, trig) else None
    for trig in after:
        if trig.start < n.end or trig.start >= sent.end:
            continue
        gap = doc[n.end : trig.start]
        if len(gap) > MAX_GAP or not _gap_allows(gap):
            return None
        words = view.low[n.end : trig.end]  # "1,659 civilian deaths"
        if not len(gap):  # "1,300 displaced families", "23 wounded people": the noun follows the trigger
            words += _noun_phrase(view, trig.end, min(sent.end, trig.end + 4))
        fig = Figure(
            n, trig.label_.split(":")[0], victims_of(words), _unit(words), sent, (trig.start, trig.end)
        )
        return fig if _plausible(view, fig, trig) else None
    return None


def _coordinated(view: View, left: Number, right: Number, trigger: tuple[int, int] | None = None) -> bool:
    """ "10 policemen and four others": the right number continues a list started by the left one.

    The left figure's own trigger may stand between: "348 wounded, including 59 children".
    """
    gap = [
        t.lower_
        for t in view.doc[left.end : right.start]
        if not (trigger and trigger[0] <= t.i < trigger[1]) and not t.is_quote
    ]
    joined = bool(gap) and gap[-1] in JOINERS
    return joined and all(w in GAP_WORDS or w in JOINERS or w in ("along", "as", "well") for w in gap)


def _opener(view: View, sent_start: int, at: int) -> tuple[int, str]:
    """Where the clause of token ``at`` starts (the sentence start or its last semicolon) and the
    words opening it, a place after "the dead" dropped ("Of the dead in Gardez," reads "of the dead ,")."""
    start = max([sent_start] + [k + 1 for k in range(sent_start, at) if view.low[k] == ";"])
    words = view.low[start:at]
    if "in" in words and words[-1:] == [","]:
        words = words[: words.index("in")] + [","]
    return start, " ".join(words)


def _part_of(view: View, n: Number) -> bool:
    """The number opens a part of what precedes it: "including", "among them", "of whom"."""
    return n.start > 0 and view.low[n.start - 1] in PART_OF


def find_figures(view: View) -> list[Figure]:
    """Numbers tied to a figure trigger directly or through a list ("killed 10 policemen and four others")."""
    spans = view.doc.spans["triggers"]
    before = [s for s in spans if s.label_.endswith(":before")]
    after = [s for s in spans if s.label_.endswith(":after")]
    numbers = [n for n in find_numbers(view.doc, view.low) if not is_other_quantity(view, n)]
    sents = [view.sent(n.core_start) for n in numbers]
    found = [_figure_for(view, n, sent, before, after) for n, sent in zip(numbers, sents, strict=True)]

    def make(i: int, src: Figure) -> Figure:
        end = numbers[i].end
        if view.low[end : end + 1] in (["were"], ["was"]):
            end += 1  # "Of these, 81 were children"
        elif view.low[end : end + 2] in OF_THEM:
            end += 2  # "nine of them children"
        words = _noun_phrase(view, end, min(sents[i].end, end + 6))
        return Figure(numbers[i], src.kind, victims_of(words), _unit(words), sents[i], src.trigger)

    def inherit(i: int, j: int) -> None:
        """Number ``i`` takes the kind of the figure at ``j`` in the same list."""
        src = found[j]
        left, right = sorted((numbers[i], numbers[j]), key=lambda x: x.start)
        if sents[i].start != sents[j].start or not _coordinated(
            view, left, right, src.trigger if j < i else None
        ):
            return
        if found[i] is None:
            found[i] = make(i, src)
        if found[i].trigger == src.trigger and found[i].kind == src.kind and not _part_of(view, right):
            found[i].sibling_of = j if found[j].sibling_of is None else found[j].sibling_of

    for i in range(1, len(numbers)):  # "killed 10 policemen and four others"
        if found[i - 1] is not None:
            inherit(i, i - 1)
    recap_of: dict[int, int] = {}  # a number told as a part of an earlier figure
    for i, n in enumerate(numbers):  # "100 soldiers had been killed in Ghazni city, along with 20 civilians"
        opener = view.text(max(sents[i].start, n.start - 3), n.start)
        prev = [k for k in range(i) if found[k] is not None and sents[k].start == sents[i].start]
        if found[i] is None and prev and opener.endswith(("along with", "as well as", "in addition to")):
            found[i] = make(i, found[prev[-1]])
        elif found[i] is None and prev and view.low[n.end : n.end + 2] in OF_THEM:
            found[i] = make(i, found[prev[-1]])  # "33 wounded civilians ..., nine of them children"
            recap_of[i] = prev[-1]
        elif found[i] is None and prev and opener.endswith(("among them", "of whom", "of them", "including")):
            found[i] = make(
                i, found[prev[-1]]
            )  # "450 people wounded ... since 1 July, among them 64 children"
            recap_of[i] = prev[-1]
    for i in range(len(numbers) - 2, -1, -1):  # "five soldiers and three civilians were killed"
        if found[i] is None and found[i + 1] is not None:
            inherit(i, i + 1)

    # "... 107 civilian casualties (36 killed and 71 injured). Of these, 81 were children.": a part
    # of the head figure of the sentence before.
    # "...; of those injured, 6 were children", "Of the dead in Gardez, 21 were police and 12 were
    # civilians": the same, after a semicolon, with a place, and for the list it opens.
    for i, n in enumerate(numbers):
        if found[i] is not None:
            continue
        clause_start, opener = _opener(view, sents[i].start, n.start)
        earlier = [k for k in range(i) if found[k] is not None and numbers[k].end <= clause_start]
        if earlier and opener in RECAP:
            last = earlier[-1]
            same = [x for x in earlier if sents[x].start == sents[last].start]
            k = same[0] if sents[last].start < sents[i].start else last
            found[i] = make(i, found[k])
            recap_of[i] = k
        elif i - 1 in recap_of and sents[i - 1].start == sents[i].start and view.low[n.start - 1] == "and":
            found[i] = make(i, found[recap_of[i - 1]])  # "... 21 were police and 12 were civilians"
            recap_of[i] = recap_of[i - 1]

    figures: list[Figure] = []
    index: dict[int, int] = {}
    for i, fig in enumerate(found):
        if fig is None:
            continue
        index[i] = len(figures)
        prev_i = max((k for k in index if k < i and sents[k].start == sents[i].start), default=None)
        prev = found[prev_i] if prev_i is not None else None
        if prev is not None and _part_of(view, fig.number) and fig.kind == prev.kind:
            fig.detail_of = index[prev_i]
        if i in recap_of:
            fig.detail_of = index[recap_of[i]]
        near = _noun_phrase(view, fig.number.end, min(sents[i].end, fig.number.end + 3))
        # "... and 63 were wounded": no group of its own, right after a whole figure (not a part of one).
        elliptic = "others" in near or (
            fig.victims == "unspecified"
            and view.low[fig.number.start - 1] == "and"
            and set(near) <= ELLIPTIC
            and not set(view.low[fig.number.end : fig.number.end + 3])
            & VICTIM_WORDS.keys()  # "49 wounded people"
            and prev is not None
            and prev.detail_of is None
            and not _part_of(view, prev.number)
        )
        if elliptic and prev is not None and prev.kind != fig.kind:
            fig.victims = prev.victims  # "69 Taliban were killed and 23 others (63) were wounded"
        figures.append(fig)
    for fig in figures:
        if fig.sibling_of is not None:
            fig.sibling_of = index[fig.sibling_of]
    return figures
