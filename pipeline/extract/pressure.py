"""Capitals and districts under pressure: a level phrase tied to the place it is about.

Each pressure phrase ("besieged", "stormed into", "fell to", "came close to taking") looks for
its capital or district in the same sentence: right after it for close-bound verbs ("seized
Kunduz"), as their subject ("Herat fell"), or within a few words otherwise; lists share the
phrase ("the districts of Musa Qala and Now Zad"). Negated, denied, attempted and nearly-done
actions are read for what they are.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span

from pipeline import vocab
from pipeline.extract import lexicon, objects, reference
from pipeline.extract.locate import METONYMS, Target, context_capital
from pipeline.extract.places import CAPITAL
from pipeline.extract.view import View

# Flags of data/rules/pressure.csv and word families of data/rules/words.csv.
TIGHT = lexicon.pressure_flagged("tight")
NEEDS_HOSTILE = lexicon.pressure_flagged("needs_hostile")
ROAD_CUTS = lexicon.pressure_flagged("road_cut")
CITY_IMPLYING = lexicon.pressure_flagged("implies_city")
GENERIC_ATTACKS = lexicon.pressure_flagged("generic")
NEGATIONS = set(lexicon.words("negation"))
ATTEMPTS = set(lexicon.words("attempt"))
FILLERS = set(lexicon.words("target_filler"))
SUBJECT_FILLERS = set(lexicon.words("subject_filler"))
PREPOSITIONS = set(lexicon.words("object_preposition"))
LIST_WORDS = set(lexicon.words("list_word"))
PROXIMITY = set(lexicon.words("proximity"))
NEARNESS = set(lexicon.words("nearness"))
DENIALS = set(lexicon.words("denial"))
ORIGINS = set(lexicon.words("origin"))
HOSTILE = lexicon.hostile()
FIGHTING = set(lexicon.words("fighting"))
AGENT_ENDINGS = lexicon.words("agent_ending")
RELATIVE = set(lexicon.words("relative"))
RETREAT = set(lexicon.words("retreat"))
WINDOW = 10  # tokens between a pressure phrase and its place


@dataclasses.dataclass(frozen=True)
class Mention:
    trigger: Span
    level: str
    target: Target


def _nearly(view: View, trig: Span) -> bool:
    return view.text(max(view.sent(trig.start).start, trig.start - 3), trig.start).endswith(
        ("close to", "nearly", "almost")
    )


def _attempted(view: View, trig: Span) -> bool:
    """ "in an attempt to break through ... and enter the city"; not "seeking to build on ... capture of"."""
    if view.low[trig.end - 1] == "of":
        return False  # a noun ("the capture of") names something that happened
    start = max(view.sent(trig.start).start, trig.start - 12)
    # "hoping to push back fighters who overran the city": the attempt is another action's
    return any(
        view.low[i] in ATTEMPTS and view.low[i + 1] == "to" and not set(view.low[i : trig.start]) & RELATIVE
        for i in range(start, trig.start)
    )


def _negated(view: View, trig: Span) -> bool:
    """ "will not fall", "have yet to recapture"; "fighting could spread into ..." is hypothetical."""
    start = max(view.sent(trig.start).start, trig.start - 4)
    nxt = view.low[trig.end] if trig.end < view.sent(trig.start).end else ""
    return bool(set(view.low[start : trig.start]) & NEGATIONS) or nxt in ("could", "may", "might", "would")


def _shared_unmarked(view: View, t: Target, shared: frozenset[str]) -> bool:
    """A capital whose name is also its province's, not marked as the city: "in Herat" (but "Herat
    city", "the cities of Lashkar Gah and Kandahar", "the centre of Kunduz")."""
    nxt = view.low[t.end] if t.end < len(view.low) else ""
    marked = nxt == "city" or (
        view.low[max(0, t.start - 2) : t.start - 1] in (["city"], ["cities"], ["centre"], ["center"])
        and view.low[t.start - 1] == "of"
    )
    return t.named and t.label == CAPITAL and t.name in shared and not marked


def _near_not_in(view: View, trig: Span, t: Target) -> bool:
    """Fighting near a city rather than in it: "five kilometres from the city", "on the outskirts of"."""
    sent_start = view.sent(trig.start).start
    lo, hi = (trig.end, t.start) if t.start >= trig.end else (t.end, trig.start)
    words = view.low[max(sent_start, lo - 1) : hi] + view.low[max(sent_start, t.start - 4) : t.start]
    right_before = view.low[max(sent_start, t.start - 3) : t.start]
    right_after = view.low[
        t.end : min(view.sent(trig.start).end, t.end + 4)
    ]  # "the city's southern outskirts"
    return bool(set(words + right_after) & PROXIMITY) or bool(set(right_before) & NEARNESS)


def _subject_of(words: list[str]) -> bool:
    """Only an auxiliary, or an aside in commas, stands between a place and its verb."""
    if all(w in SUBJECT_FILLERS for w in words):
        return True
    return len(words) >= 3 and words[0] == "," and words[-1] == "," and "," not in words[1:-1]


def _usable(view: View, trig: Span, t: Target) -> bool:
    """A place a phrase can be about: not a name that only locates something else ("Ghazni, south of
    Kabul", "fled to Herat", "a Kandahar resident"). A distance or bearing is the place a threat is
    near ("five kilometres from Maymana"), but only measures for other levels."""
    if t.reference == reference.MODIFIER:
        return False
    if t.reference == reference.MEASURE:
        return trig.label_ == "pressure:threatened"
    aside = view.low[t.end : trig.start]
    if aside[:1] == [","] and len(aside) <= 6 and {"city", "town", "capital"} & set(aside):
        return True  # its own description: "fled to Lashkar Gah, a city practically besieged"
    if t.reference == reference.DESTINATION:
        return False
    if t.reference == reference.ROAD:
        return trig.text.lower() in ROAD_CUTS  # "cut the highway from Lashkar Gah to Kandahar"
    return True


def _origin(view: View, t: Target | Span) -> bool:
    """Where someone came from or went to: "commandos flown in from Kandahar drove them out"."""
    return t.start > 0 and view.low[t.start - 1] in ORIGINS


def distance(trig: Span, t: Target) -> int:
    return t.start - trig.end if t.start >= trig.end else trig.start - t.end


def _targets_of(view: View, trig: Span, found: list[Target]) -> list[Target]:
    """The place(s) a pressure phrase is about: the nearest in the sentence, plus a list it heads."""
    sent = view.sent(trig.start)
    phrase = trig.text.lower()
    in_sent = [t for t in found if sent.start <= t.start < sent.end and _usable(view, trig, t)]
    if phrase in TIGHT:
        # "seized the districts of Musa Qala", "claimed Khanishin": the place follows at once; or it is
        # the subject: "Herat fell", "Sheberghan, the capital of Jowzjan province, fell on Saturday".
        near = [
            t
            for t in in_sent
            if (
                t.start >= trig.end
                and (
                    all(w in objects.BEFORE_TARGET for w in view.low[trig.end : t.start])
                    or objects.enumeration(view.low[trig.end : t.start])
                )
            )
            or (t.end <= trig.start and _subject_of(view.low[t.end : trig.start]) and not _origin(view, t))
            or (trig.start <= t.start and t.end <= trig.end)  # "handed the city to the Taliban"
        ]
    else:
        # "Kabul sends in commandos", "the highway between Kabul and Ghazni": Kabul is a target
        # only as the object right after a close-bound verb ("seized Kabul").
        near = [t for t in in_sent if distance(trig, t) <= WINDOW and t.name not in METONYMS]
        if view.low[trig.end - 1] in PREPOSITIONS and not phrase.endswith(AGENT_ENDINGS):
            near = [t for t in near if t.start >= trig.end]  # "assault on", "the outskirts of": the object
    if view.low[trig.end : trig.end + 1] == ["it"] and phrase in TIGHT:
        # "three days after the Taliban overran it": the capital named before in the sentence
        before = [t for t in in_sent if t.end <= trig.start]
        near = before[-1:] or near
    if phrase in ROAD_CUTS:  # "cut the highway to Kandahar": the far end of a road is not besieged
        near = [t for t in near if view.low[t.start - 1] not in ("to", "towards", "with")]
    if not near:
        return []
    best = min(near, key=lambda t: (distance(trig, t), t.start < trig.end))
    chosen = [best]
    if phrase in ROAD_CUTS:
        return chosen
    # "the districts of Musa Qal'ah and Now Zad", "from Kunduz and Baghlan in the north to Farah":
    # a list grows one neighbour at a time.
    side = [t for t in in_sent if t is not best and (t.start >= trig.end) == (best.start >= trig.end)]
    for t in sorted(side, key=lambda t: abs(t.start - best.start)):
        for c in chosen:
            between = view.doc[t.end : c.start] if t.start < c.start else view.doc[c.end : t.start]
            # A district and a capital join only by "and": "in Dehrawud district and Tirinkot city" (not
            # "in Chahar Dara district, Kunduz", which says where the district is).
            joins = LIST_WORDS if t.label == c.label else {"and", "city", "district"}
            if abs(t.start - c.start) <= 12 and all(w.lower_ in joins or w.ent_type_ for w in between):
                chosen.append(t)
                break
    return chosen


def find_mentions(
    view: View, found: list[Target], shared: frozenset[str], main_capital: Target | None
) -> list[Mention]:
    """Every (phrase, level, place) in the article, in text order. A city-implying phrase in a
    sentence that names no place is about the capital being discussed (``main_capital`` when no
    capital was referred to before it)."""
    out = []
    for trig in (s for s in view.doc.spans["triggers"] if s.label_.startswith("pressure:")):
        if _negated(view, trig):
            continue
        level = trig.label_.split(":")[1]
        attempted = level in ("breached", "fell", "retaken") and _attempted(view, trig)
        if attempted and level == "retaken":
            continue  # "an offensive to take back the city" has not retaken it
        if attempted:
            level = "attacked"  # "an attempt to ... enter the city" is an attack that did not get in
        partial = level == "fell" and objects.partial(view, trig)
        if partial:
            level = "breached"  # "taking control of parts of the city"
        if level in ("breached", "fell") and _nearly(view, trig):
            level = "threatened"  # "came close to taking the Marja district centre"
        if level == "breached" and set(view.low[max(0, trig.start - 4) : trig.start]) & FIGHTING:
            level = "attacked"  # "fighting rages inside the city": fighting in the city, not a breach told
        sent = view.sent(trig.start)
        words = view.words(sent)
        phrase = trig.text.lower()
        if level in ("fell", "breached") and words & DENIALS:
            continue  # "the reports regarding the fall of the city are baseless"
        if phrase in NEEDS_HOSTILE and not words & HOSTILE:
            continue  # "an army base about 20 kilometres from the city" is not a threat to it
        chosen = _targets_of(view, trig, found)
        if level == "attacked":
            chosen = [t for t in chosen if not objects.aimed_elsewhere(view, trig, t)]
        elif level in ("fell", "breached", "retaken"):
            chosen = [t for t in chosen if not objects.held_thing(view, trig, t)]
        if phrase in GENERIC_ATTACKS:
            # "fighting in Herat" is the province; "clashes in Kandahar, Lashkargah" are in two cities.
            cities = any(t.label == CAPITAL and not _shared_unmarked(view, t, shared) for t in chosen)
            chosen = [t for t in chosen if cities or not _shared_unmarked(view, t, shared)]
        if not chosen and (phrase in CITY_IMPLYING or partial):
            # "Farah city fell ... after the militants entered the governor's office": the capital of
            # the sentence, else the one being discussed.
            in_sent = [
                t
                for t in found
                if t.label == CAPITAL
                and sent.start <= t.start < sent.end
                and not _origin(view, t)
                and _usable(view, trig, t)
            ]
            if in_sent:
                chosen = [min(in_sent, key=lambda t: distance(trig, t))]
            elif (
                all(_origin(view, e) for e in sent.ents)
                and (context := context_capital(found, trig.start, main_capital)) is not None
            ):
                chosen = [context]
        before = f" {view.text(max(sent.start, trig.start - 4), trig.start)} "
        if level == "threatened" and any(f" {w} " in before for w in RETREAT):
            continue  # "the Taliban had been pushed back to the outskirts of the city": a retreat
        for t in chosen:
            near = level == "attacked" and _near_not_in(view, trig, t)
            retaken = level == "fell" and t.start > trig.start and objects.from_enemy(view, trig, t)
            out.append(Mention(trig, "threatened" if near else "retaken" if retaken else level, t))
    return out


def one_status_a_day(rows: list[dict]) -> list[dict]:
    """One article's capital rows without the approaches to a breach or fall the same day.

    Background rows are left alone: they are dated to their own time.
    """
    told = {(r["capital"], r["event_date"], r["level"]) for r in rows if not r["is_background"]}
    return [
        r
        for r in rows
        if r["is_background"]
        or not any(
            (r["capital"], r["event_date"], higher) in told
            for higher in vocab.LEVEL_SUBSUMED_BY.get(r["level"], ())
        )
    ]
