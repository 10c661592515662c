"""Victim groups: who a figure counts, from the words about people around its number.

Words of ``data/rules/victims.csv`` and ``actors.csv`` name the groups; a figure naming several,
or "both sides", is ``mixed``. Two sentence-level cues name the group where the number's own words
do not: "At least 16 people were killed, the majority of them soldiers" (most, not all: ``mixed``)
and "the Taliban fled leaving 35 bodies behind" (the bodies are of the side that withdrew).
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.numbers import Number
from pipeline.extract.view import View

VICTIM_WORDS = {w: group for group, words in lexicon.victims().items() for w in words}
MAJORITY = [phrase.split() for phrase in lexicon.words("majority")]
LEFT_BEHIND = set(lexicon.words("left_behind"))
NAMED_WITHIN = 5  # words after "most of them" that may name the group


def victims_of(words: list[str]) -> str:
    """The victim group that words about people name."""
    groups = {VICTIM_WORDS[w] for w in words if w in VICTIM_WORDS} - {"unspecified"}
    if ("both" in words and "sides" in words) or len(groups) > 1:
        return "mixed"
    return groups.pop() if groups else "unspecified"


def majority_at(low: list[str], start: int, end: int) -> tuple[int, int] | None:
    """Where the first "most of them" / "many of whom" phrase in ``low[start:end]`` starts and ends."""
    for k in range(start, end):
        for phrase in MAJORITY:
            if low[k : k + len(phrase)] == phrase and k + len(phrase) <= end:
                return k, k + len(phrase)
    return None


def majority_group(view: View, n: Number, sent: Span) -> str | None:
    """The group a "the majority of them ..." after the number names, when the number's own words
    name none: "At least 16 people were killed and 40 injured, most of them soldiers"; not "30
    civilians were killed, most of them women"."""
    found = majority_at(view.low, n.end, sent.end)
    if found is None or victims_of(view.low[n.end : found[0]]) != "unspecified":
        return None
    named = []
    for word in view.low[found[1] : min(sent.end, found[1] + NAMED_WITHIN)]:
        if word in (",", ";", ".", "(", ")"):
            break
        named.append(word)
    group = victims_of(named)
    return None if group == "unspecified" else group


def left_behind_group(view: View, n: Number, trig: tuple[int, int], sent: Span) -> str | None:
    """ "Taliban rebels attacked ... but fled after leaving 35 bodies behind": the bodies are of the
    one group the sentence names before it."""
    low = view.low
    before = low[max(sent.start, n.start - 2) : n.start]
    if low[trig[0] : trig[1]][-1:] != ["bodies"] or not set(before) & LEFT_BEHIND:
        return None
    if "behind" not in before + low[trig[1] : min(sent.end, trig[1] + 2)]:
        return None
    group = victims_of(low[sent.start : n.start])
    return None if group in ("unspecified", "mixed") else group


def sentence_victims(view: View, n: Number, trig: tuple[int, int] | None, sent: Span, victims: str) -> str:
    """A figure's group once the rest of its sentence is read: "most of them soldiers" after a
    figure that named no group makes it ``mixed`` (most, not all); bodies left behind are of the
    side that left them."""
    named = majority_group(view, n, sent)
    if named is not None and victims in ("unspecified", named):
        return "mixed"  # the group named came from "many of them civilians" itself
    if victims == "unspecified" and trig is not None:
        return left_behind_group(view, n, trig, sent) or victims
    return victims
