"""What a pressure phrase acts on, read from the words around it and its place.

"attacked a village in Sar-e Pul" hits the village, not the city; "his house had been taken over"
is a house; "taking control of parts of the city" holds part of it (a breach, not a fall);
"captured Kunduz from the Taliban" is a retaking; "seized two more provincial capitals - Farah
city and ..." counts capitals before naming them. Pure functions over a ``View``.
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.locate import Target
from pipeline.extract.places import CAPITAL
from pipeline.extract.view import View

FILLERS = set(lexicon.words("target_filler"))
PROXIMITY = set(lexicon.words("proximity"))
NEARNESS = set(lexicon.words("nearness"))
FACILITIES = set(lexicon.words("facility"))
PARTIAL = set(lexicon.words("partial"))
PARTIAL_FILLERS = set(lexicon.words("partial_filler"))
BEFORE_TARGET = FILLERS | PARTIAL | PARTIAL_FILLERS  # "took control of parts of the city of Ghazni"
FIRE = set(lexicon.words("fire"))
ENEMY = set(lexicon.words("enemy"))
SEPARATORS = {"-", "--", "—", "–", ":", ",", "including"}


def aimed_elsewhere(view: View, trig: Span, t: Target) -> bool:
    """ "attacked a village in Sar-e Pul", "in Mihtarlam city, militants attacked a local base": the
    attack names what it hit, and that is not the city. Fire from afar ("a mortar round hit a house
    in Kunduz city") does hit the city; so do attacks "inside" it or on its outskirts (a threat)."""
    if t.label != CAPITAL or set(view.low[trig.start : trig.end]) & FIRE:
        return False
    sent_end = view.sent(trig.start).end
    obj: list[str] = []
    for i in range(trig.end, min(sent_end, trig.end + 6)):
        if view.low[i] in (",", ".", ";", ":") or view.doc[i].ent_type_:
            break  # the object ends, or is a place: "fighting in Chahar Dara district and Kunduz city"
        obj.append(view.low[i])
    if not set(obj) & FACILITIES:
        return False
    if t.start < trig.end:
        return True
    between = set(view.low[trig.end : t.start])
    return not between & ({"inside", "parts", "part"} | PROXIMITY | NEARNESS)


def held_thing(view: View, trig: Span, t: Target) -> bool:
    """ "his house had been taken over", "the base fell": what fell stands between the place and
    the phrase."""
    return t.label == CAPITAL and t.end <= trig.start and bool(set(view.low[t.end : trig.start]) & FACILITIES)


def partial(view: View, trig: Span) -> bool:
    """ "taking control of parts of the city", "seizing key buildings", "took control of the governor's
    office": a hold on part of a city is a breach, not a fall ("the district headquarters" is a
    district's fall)."""
    for w in view.low[trig.end : min(view.sent(trig.start).end, trig.end + 6)]:
        if w in PARTIAL:
            return True
        if w in ("district", "districts") or not (w in FILLERS or w in PARTIAL_FILLERS):
            return False
    return False


def from_enemy(view: View, trig: Span, t: Target) -> bool:
    """ "Afghan forces captured Kunduz from the Taliban": a capture from the enemy is a retaking."""
    after = [w for w in view.low[t.end : min(view.sent(trig.start).end, t.end + 8)] if w != "the"]
    k = after.index("from") if "from" in after else -1
    return 0 <= k < len(after) - 1 and after[k + 1] in ENEMY


def enumeration(words: list[str]) -> bool:
    """ "seized two more provincial capitals - Farah city and ...": a count of capitals, then their names."""
    return (
        0 < len(words) <= 12
        and bool({"capitals", "cities", "centers", "centres"} & set(words))
        and (words[-1] in SEPARATORS or words[-1].endswith("-"))
    )
