"""Reference places: a name that only locates something else is not where the event happened.

"Ghazni, south of the capital Kabul" (a bearing), "five kilometres from Maymana" (a distance),
"the highway between Kabul and Kandahar" (a road's ends), "the border with Pakistan" (the other
side), "families fled to Herat" (where people went), "a Kandahar resident", "the Kunduz airport"
(a name used as a modifier), "the province of Sar-e Pul" (the province, not its capital). Pure
functions over a ``View``.
"""

from __future__ import annotations

from pipeline.extract import lexicon
from pipeline.extract.view import View

MEASURES = set(lexicon.words("reference_point"))
COMPASS = set(lexicon.words("compass"))
DESCRIPTORS = set(lexicon.words("place_descriptor"))
ROADS = set(lexicon.words("road"))
BOUNDARIES = set(lexicon.words("boundary"))
FLIGHT = set(lexicon.words("flight"))
ARRIVAL = set(lexicon.words("arrival"))
ATTRIBUTIVE = set(lexicon.words("attributive"))
ROAD_JOINS = {"and", ",", "to", "from", "of", "-", "–", "linking", "connecting", "connects", "links"}

# Kinds of reference, from the most to the least tied to the place itself.
MEASURE, ROAD, DESTINATION, MODIFIER, PROVINCE = "measure", "road", "destination", "modifier", "province"


def _before(view: View, start: int, n: int) -> list[str]:
    """Up to ``n`` lower-cased words before token ``start``, within its sentence."""
    return view.low[max(view.sent(start).start, start - n) : start]


def _measure(view: View, start: int) -> bool:
    """ "70 kilometres south of Kabul", "just north of the capital Kabul", "200km from the city of"."""
    words = _before(view, start, 8)
    i = len(words)
    while i > 0:
        word = words[i - 1]
        if word in ("of", "from"):
            lead = words[max(0, i - 3) : i - 1]
            if any(w in MEASURES or (w[:1].isdigit() and w.endswith("km")) for w in lead):
                return True
            # A bearing measures ("south of Kabul"); a part does not ("in the south of Kunduz city").
            if lead and lead[-1] in COMPASS:
                return len(lead) < 2 or lead[0] not in ("the", "its")
            if not (lead and lead[-1] in DESCRIPTORS):
                return False  # "the fall of Kunduz"
        elif word not in DESCRIPTORS:
            return False
        i -= 1  # "of the capital Kabul", "from the city of": look past the description
    return False


def _road_end(view: View, start: int) -> bool:
    """ "the highway between Kabul and Kandahar", "the road from Gardez to Kabul"."""
    sent_start = view.sent(start).start
    i = start - 1
    for _ in range(10):
        if i < sent_start:
            return False
        word = view.low[i]
        if word == "between" or word in ROADS:
            return True
        if not (view.doc[i].ent_type_ or word in ROAD_JOINS or word in DESCRIPTORS):
            return False
        i -= 1
    return False


def _other_side(view: View, start: int) -> bool:
    """ "on the border with Pakistan", "the frontier with Iran": the country across a border."""
    words = _before(view, start, 4)
    while words and words[-1] in DESCRIPTORS | {"the"}:
        words.pop()
    return len(words) >= 2 and words[-1] == "with" and words[-2] in BOUNDARIES


def _destination(view: View, start: int) -> bool:
    """ "fled to Lashkar Gah", "fleeing to the capital of ...", "arrived in Kabul"; not the origin in
    "fled to Herat from Badghis"."""
    words = _before(view, start, 5)
    for k, word in enumerate(words):
        rest = words[k + 1 :]
        preps = [i for i, w in enumerate(rest) if w in ("to", "into", "towards", "toward", "in", "at")]
        if not preps or not set(rest[preps[-1] + 1 :]) <= DESCRIPTORS | {"of"}:
            continue  # the preposition does not lead to this place
        prep = rest[preps[-1]]
        if word in FLIGHT and prep in ("to", "into", "towards", "toward"):
            return True
        if word in ARRIVAL and prep in ("in", "at", "to"):
            return True
    return False


def _modifier(view: View, end: int) -> bool:
    """ "Kandahar resident", "the Kunduz airport", "the Kabul-Kandahar highway"."""
    i = end
    while i < len(view.low) and (view.low[i] in ("-", "–") or view.doc[i].ent_type_):
        i += 1
    return i < len(view.low) and view.low[i] in ATTRIBUTIVE


def kind(view: View, start: int, end: int, label: str = "") -> str:
    """How a place mention at tokens ``start:end`` only refers, or '' when it is a place itself."""
    if label == "CAPITAL" and _before(view, start, 2) == ["province", "of"]:
        return PROVINCE  # "the northern province of Sar-e Pul" names the province
    if _modifier(view, end):
        return MODIFIER
    if _destination(view, start):
        return DESTINATION
    if _road_end(view, start) or _other_side(view, start):
        return ROAD
    if _measure(view, start):
        return MEASURE
    return ""
