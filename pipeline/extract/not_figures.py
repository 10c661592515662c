"""What is not a casualty: numbers near a figure phrase that count something else.

Populations ("a city of about 10,000 people"), things avoided ("to avoid civilian
casualties"), forecasts ("3,000 more families could be displaced"), people going home ("1,500
displaced families have returned"), refugees abroad, parts of a group already counted ("10 of
the wounded"), and a vague amount that only announces a number told later ("Dozens killed in
..." above "killing as many as 50 people").
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.months import MONTHS
from pipeline.extract.numbers import Number
from pipeline.extract.places import FOREIGN
from pipeline.extract.view import View

NOT_PEOPLE = set(lexicon.words("not_people"))
CAPACITY = set(lexicon.words("capacity"))
SETTLEMENTS = set(lexicon.words("settlement"))
AVOID = set(lexicon.words("avoid"))
HYPOTHETICAL = set(lexicon.words("hypothetical"))
RETURN = set(lexicon.words("return"))
EVACUATION = set(lexicon.words("evacuation"))
CLAUSE_BREAK = set(lexicon.words("clause_break"))
REFUGEES = set(lexicon.words("refugee"))
ABROAD = set(lexicon.words("abroad"))
PART_LEADS = [phrase.split() for phrase in lexicon.words("part_lead")]
# "at least 30 civilians were killed and wounded ... Seven of them died": a part of a combined total.
PARTS_OF_COMBINED = {("casualties", "killed"), ("casualties", "wounded")}
ADDITION = set(lexicon.words("addition"))
MONTH_NAMES = set(MONTHS)
NO_RETURN = set(lexicon.words("no_return"))  # "have not returned": still displaced
# A vague amount announces a number told later when that number lies between its floor and this
# many times it ("Dozens killed" above "as many as 50"; not above "at least 900").
RESTATES_UP_TO = 50
PEOPLE_PER_FAMILY = 5  # a low household size: enough to compare a vague amount, never stored


class Counted(Protocol):
    """What pruning needs to know about a figure (``figures.Figure``)."""

    number: Number
    kind: str
    unit: str
    victims: str
    sent: Span
    trigger: tuple[int, int] | None
    sibling_of: int | None
    detail_of: int | None


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
    if len(prev) == 2 and prev[0] in SETTLEMENTS and prev[1] == "of":
        return True  # "a city of about 10,000 people": its population
    if set(low[max(0, n.start - 4) : n.start]) & CAPACITY:
        return True  # "supplies sufficient to treat 500 wounded patients": what aid can cover
    if (prev and prev[-1] in MONTH_NAMES) or nxt in MONTH_NAMES:
        return True  # "since May 1", "on 8 July"
    # "Ajab Gul, 25, a shopkeeper": an age in apposition.
    return prev[-1:] == [","] and nxt == "," and n.value is not None and n.value < 120


def counts_something_else(view: View, kind: str, n: Number, trig: Span, sent: Span) -> bool:
    """Whether the words around a figure phrase make its number something other than people
    hurt or displaced now: avoided, forecast or intended, gone home, evacuated, or refugees
    abroad."""
    low = view.low
    if set(low[max(sent.start, trig.start - 2) : trig.start]) & AVOID:
        return True  # "to avoid civilian casualties"
    before = trig.start < n.end  # the phrase stands before its number: "could displace 3,000"
    start = max(sent.start, trig.start - 2) if before else n.end
    for k in range(start, trig.start):
        # "3,000 more families could be displaced", "could displace 3,000 families"; not the
        # hedged past of "30 people may have been killed", nor the month ("since May").
        if low[k] in HYPOTHETICAL and view.doc[k].is_lower and low[k + 1] != "have":
            return True
    if kind != "displaced":
        return False
    if set(low[n.end : trig.start]) & RETURN:
        return True  # "4,500 returnee families have arrived in Nimroz"
    after = []  # the rest of the phrase's clause, at most six words
    for word in low[max(trig.end, n.end) : min(sent.end, max(trig.end, n.end) + 6)]:
        if word in CLAUSE_BREAK:
            break
        after.append(word)
    if set(low[n.end : trig.start] + after) & EVACUATION:
        return True  # "5,000 people fleeing the country have been airlifted": evacuees
    for k, word in enumerate(after):
        if word in RETURN:
            return not set(after[max(0, k - 2) : k]) & NO_RETURN  # "have returned"; not "have not returned"
    words = view.words(sent)
    if words & REFUGEES and "internal" not in words:
        # "2 million Afghan refugees in Pakistan": refugees abroad, not people displaced at home.
        return bool(words & ABROAD) or any(e.label_ == FOREIGN for e in sent.ents)
    return False


def is_part_of_counted(view: View, n: Number, trig: tuple[int, int] | None) -> bool:
    """ "10 of the wounded", "four children were among the dead": the number counts some of a group
    its phrase names, not a new group."""
    if trig is None or trig[0] < n.end:
        return False
    return any(view.low[trig[0] - len(lead) : trig[0]] == lead for lead in PART_LEADS)


def restatements(view: View, figures: list[Counted]) -> dict[int, int]:
    """Vague amounts that announce a number told later: index of the vague figure -> index of the
    figure it announces ("Dozens of civilians killed" above "killing as many as 50 people").

    The number must come later, in another sentence, be of the same kind, unit and compatible
    group, not a part of another figure, and lie between the vague amount's floor and
    ``RESTATES_UP_TO`` times it; families count ``PEOPLE_PER_FAMILY`` people against a vague
    amount of people ("Thousands flee" above "1,200 families have fled"). "Dozens more were
    wounded" adds people and restates nothing. A vague amount after the number may be another
    source's estimate ("the Taliban claimed dozens") and is kept.
    """
    out: dict[int, int] = {}
    for i, v in enumerate(figures):
        n = v.number
        if n.value is not None or n.qualifier != "vague" or not n.value_low:
            continue
        if n.end < len(view.low) and view.low[n.end] in ADDITION:
            continue
        for j in range(i + 1, len(figures)):
            f = figures[j]
            floor = f.number.value if f.number.value is not None else f.number.value_low
            if floor is not None and (f.unit, v.unit) == ("families", "people"):
                floor *= PEOPLE_PER_FAMILY
            if (
                f.kind == v.kind
                and (f.unit == v.unit or (f.unit, v.unit) == ("families", "people"))
                and f.detail_of is None
                and f.sent.start != v.sent.start
                and f.number.qualifier != "vague"
                and floor is not None
                and n.value_low <= floor < n.value_low * RESTATES_UP_TO
                and (f.victims == v.victims or "unspecified" in (f.victims, v.victims))
            ):
                out[i] = j
                break
    return out


def prune(view: View, figures: list[Counted]) -> list[Counted]:
    """Figures less the ones that count nothing new: a vague amount announcing a later number
    (which takes its group when it named none), and one person of a group ("one of the displaced
    persons said ..."). A part of a group counted before ("10 of the wounded") is its detail;
    with no such figure it stands ("Five children were among the dead")."""
    drop = set()
    for i, j in restatements(view, figures).items():
        drop.add(i)
        if figures[j].victims == "unspecified":
            figures[j].victims = figures[i].victims
    for i, f in enumerate(figures):
        if f.detail_of is not None or not is_part_of_counted(view, f.number, f.trigger):
            continue
        whole = [
            k
            for k in range(i)
            if k not in drop
            and (figures[k].kind == f.kind or (figures[k].kind, f.kind) in PARTS_OF_COMBINED)
            and figures[k].detail_of is None
            and not is_part_of_counted(view, figures[k].number, figures[k].trigger)
        ]
        if f.number.value == 1:
            drop.add(i)  # "one of the displaced persons said ...": a person, not a count
        elif whole:
            f.detail_of = whole[-1]
    if not drop:
        return figures
    new = {old: k for k, old in enumerate(i for i in range(len(figures)) if i not in drop)}
    kept = [f for i, f in enumerate(figures) if i not in drop]
    for f in kept:
        f.sibling_of = new.get(f.sibling_of) if f.sibling_of is not None else None
        f.detail_of = new.get(f.detail_of) if f.detail_of is not None else None
    return kept
