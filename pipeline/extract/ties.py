"""Ties: a number and the figure phrase it hangs on.

A phrase right before the number ("killed 14 people", "the displaced, estimated at 5,000"), or
after it across words that describe people ("69 #Taliban terrorists were killed", "400 families
... as they had been displaced"); a kind's own rules say whether the tie holds.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Span, Token

from pipeline.extract import lexicon
from pipeline.extract.not_figures import counts_something_else
from pipeline.extract.numbers import Number
from pipeline.extract.victims import VICTIM_WORDS, majority_at, victims_of
from pipeline.extract.view import View
from pipeline.extract.world import load_world

# Word families of data/rules/words.csv (see data/rules/families.csv for what each does).
GAP_WORDS = set(lexicon.words("gap")) | set(VICTIM_WORDS)
# Capitalised demonyms name people ("5,000 Congolese fled", "1,500 Iraqi families").
DEMONYMS = {d.lower() for c in load_world().countries for d in c.demonyms if " " not in d}
NEEDS_PEOPLE = lexicon.figure_flagged("needs_people")  # "lost 100 soldiers"; not "lost two districts"
INCLUDED = lexicon.words("included")
TOLL_HEADS = lexicon.toll_heads()
AID_WORDS = set(lexicon.words("aid"))
NOT_PEOPLE = set(lexicon.words("not_people"))
RATES = lexicon.words("rate")
FORCING = set(lexicon.words("forcing"))  # "forced 3,000 people from their homes"
AMOUNT_LINKS = [phrase.split() for phrase in lexicon.words("amount_link")]  # "estimated at"
MAX_GAP = 12  # tokens between a number and a trigger that follows it
MAX_ANTECEDENT = 30  # tokens between a number and "they had been displaced" that refers to it
DETERMINERS = set(lexicon.words("determiner"))
AUXILIARIES = set(lexicon.words("auxiliary"))  # "as they had been displaced"


@dataclasses.dataclass
class Figure:
    """A number tied to a figure phrase, with who it counts and how it relates to the others."""

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


def noun_phrase(view: View, start: int, limit: int) -> list[str]:
    """Lower-cased words after a number that may describe who it counts."""
    out = []
    for t in view.doc[start:limit]:
        if t.is_quote or t.is_space or t.ent_type_ or (t.is_title and t.lower_ in DEMONYMS):
            continue  # killed "dozens" of soldiers; "1,000 Kunduz families"; "1,500 Iraqi families"
        if t.lower_ not in GAP_WORDS or t.lower_ in ("were", "was", "have", "has", "had"):
            break
        out.append(t.lower_)
    return out


def unit_of(words: list[str]) -> str:
    """``families`` when the words about people count families or households, else ``people``."""
    return "families" if {"families", "family", "households", "household"} & set(words[:3]) else "people"


def _gap_allows(gap: Span | list[Token]) -> bool:
    """Whether the words between a number and a later trigger can all describe the people counted.

    Words about people, place names ("75,000 residents of Qala-e-Naw have fled"), quotes, a
    bracketed or "including" aside ("30 Daesh fighters, including 3 foreign nationals, were
    killed"), and at most two unknown words or names beside a word for people ("80 'puppet
    soldiers' had been killed", "14,000 people in Cabo Delgado were uprooted").
    """
    words = [t.lower_ for t in gap]
    if words[-1:] and words[-1] in DETERMINERS and words[-2:-1] not in (["of"], ["among"]):
        return False  # "15 journalists visited the displaced camp": the phrase is the object's
    at = majority_at(words, 0, len(words))
    if at is not None and set(words[at[1] :]) <= AUXILIARIES:
        # "treated 160 patients, many of whom had been injured": the phrase counts a part; not
        # an aside ("16 people, many of them civilians, were killed").
        return False
    unknown, people, aside = 0, False, False
    for t in gap:
        w = t.lower_
        if w in ("including", "(", "-", "–", "—"):
            aside = True
        demonym = t.is_title and w in DEMONYMS
        if w in VICTIM_WORDS or demonym:
            people = True
        if w in GAP_WORDS or demonym or t.is_punct or t.ent_type_ or (aside and t.like_num):
            continue
        if t.like_num and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in NOT_PEOPLE:
            continue  # "1,100 families from the three districts have been displaced"
        if t.is_lower and t.is_alpha and not t.like_num:
            unknown += 1
            continue
        if t.is_title and t.is_alpha:
            # A name the gazetteer lacks ("in Cabo Delgado"): one unknown word however long.
            prev = gap.doc[t.i - 1] if t.i > gap.start else None
            unknown += not (prev is not None and prev.is_title and prev.is_alpha and not prev.ent_type_)
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
    lists are not figures; nor is what ``not_figures`` says counts something else."""
    end = max(trig.end, fig.number.end + len(noun_phrase(view, fig.number.end, fig.sent.end)))
    if view.text(end, min(fig.sent.end, end + 3)).startswith(RATES):
        return False  # "Dozens of soldiers martyred every day", "displace 5,000 people every month"
    if counts_something_else(view, fig.kind, fig.number, trig, fig.sent):
        return False
    if fig.kind != "displaced":
        return True
    start = fig.number.start
    if view.low[trig.start] == "from" and (start == 0 or view.low[start - 1] not in FORCING):
        return False  # "evacuated 200 people from their homes" is not "forced 200 people from ..."
    if fig.victims in ("security_forces", "militants"):
        return False  # "300 Afghan soldiers fled across the border"
    # "3,000 displaced families received food", "aid reached 3,000 IDPs": a phrase that names
    # the people (rather than what happened to them) counts aid recipients in an aid sentence.
    low = view.low
    noun = (trig.end < len(low) and low[trig.end] in VICTIM_WORDS) or low[trig.end - 1] in VICTIM_WORDS
    return not (noun and view.words(fig.sent) & AID_WORDS)


def _linked_amount(view: View, start: int, end: int) -> list[str] | None:
    """ "the displaced people who were estimated at about 5,000": words between a phrase and its
    number that name people and end in an amount link; those words, else None."""
    words = view.low[start:end]
    for link in AMOUNT_LINKS:
        head = words[: len(words) - len(link)]
        if words[len(head) :] == link and all(w in GAP_WORDS or w == "," for w in head):
            return head
    return None


def _row_label(view: View, sent: Span, trig: Span) -> list[str] | None:
    """The label of a table row when it names who every cell of the row counts: "Police - Killed:
    5 | Wounded: 3", "Taliban - Killed: 14 (police claim)" (what follows the number is a note)."""
    first = next((k for k in range(sent.start, trig.start) if view.doc[k].like_num), trig.start)
    row = view.low[sent.start : first]
    return row if victims_of(row) != "unspecified" else None


def figure_for(view: View, n: Number, sent: Span, before: list[Span], after: list[Span]) -> Figure | None:
    """Attach a number to the trigger before or after it, if the words between allow it."""
    doc = view.doc
    for trig in before:
        if trig.end > n.start or trig.start < sent.start:
            continue
        # "killed \"dozens\" of soldiers", "civilian casualties (392)": a quote or bracket may come between.
        # "Killed: 12", "Civilians killed: 14": a label and its number.
        # "Those killed included 11 civilians": the people a toll is made of.
        linked = _linked_amount(view, trig.end, n.start)
        if linked is None and not all(
            t.is_quote or t.lower_ in ("(", ":", *INCLUDED) for t in doc[trig.end : n.start]
        ):
            continue
        kind = _toll_kind(view, sent, trig) if trig.label_ == "toll:before" else trig.label_.split(":")[0]
        if kind is None:
            continue
        words = (linked or []) + noun_phrase(view, n.end, min(sent.end, n.end + 6))
        if trig.text.lower() in NEEDS_PEOPLE and not set(words) & set(VICTIM_WORDS):
            continue
        if view.low[trig.end : n.start] == [":"]:  # "Civilians killed: 14": who is named before the label
            row = _row_label(view, sent, trig)
            words = row if row is not None else view.low[max(sent.start, trig.start - 3) : trig.start] + words
        fig = Figure(n, kind, victims_of(words), unit_of(words), sent, (trig.start, trig.end))
        return fig if _plausible(view, fig, trig) else None
    for trig in after:
        if trig.start < n.end or trig.start >= sent.end:
            continue
        # A line break inside a sentence only wraps it (``nlp.soft_breaks``): not a word.
        gap = [t for t in doc[n.end : trig.start] if not t.is_space]
        if len(gap) > MAX_GAP or not _gap_allows(gap):
            return _told_of_them(view, n, sent, trig)
        words = view.low[n.end : trig.end]  # "1,659 civilian deaths"
        if not len(gap):  # "1,300 displaced families", "23 wounded people": the noun follows the trigger
            words += noun_phrase(view, trig.end, min(sent.end, trig.end + 4))
        fig = Figure(
            n, trig.label_.split(":")[0], victims_of(words), unit_of(words), sent, (trig.start, trig.end)
        )
        return fig if _plausible(view, fig, trig) else None
    return None


def _told_of_them(view: View, n: Number, sent: Span, trig: Span) -> Figure | None:
    """ "nearly 400 families or more than 2,000 people handed in petitions ... as they had been
    displaced": a displacement phrase whose subject is a pronoun standing for the people the
    number counts, with no other number, and no aid given, between them."""
    low = view.low
    if not trig.label_.startswith("displaced:") or trig.start - n.end > MAX_ANTECEDENT:
        return None
    k = trig.start
    while k > n.end and low[k - 1] in AUXILIARIES:
        k -= 1
    if low[k - 1] not in ("they", "who") or any(t.like_num for t in view.doc[n.end : k]):
        return None
    words = noun_phrase(view, n.end, min(sent.end, n.end + 6))
    if not set(words) & VICTIM_WORDS.keys() or set(low[n.end : k]) & AID_WORDS:
        return None
    fig = Figure(n, "displaced", victims_of(words), unit_of(words), sent, (trig.start, trig.end))
    return fig if _plausible(view, fig, trig) else None
