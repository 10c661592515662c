"""How far to trust a row: ``high``, ``medium`` or ``low``, with the reasons it is not higher.

An analyst reads a figure differently when its place came from the article rather than its
sentence (or from nothing, or from a place abroad), when it is a vague amount, when it stands
in a headline, when the text hedges it ("reportedly"), or when one party to the conflict
claims the other's losses. One such reason makes a row ``medium``,
two or more ``low``; ``confidence_reason`` lists them ("; "-separated), empty for ``high``.
(A sentence beside blanked page chrome was tried as a reason and dropped: on the real pages
every such figure was right.)
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline import vocab
from pipeline.extract import lexicon
from pipeline.extract.view import View
from pipeline.extract.where import AFGHANISTAN, Where

HOSTILE = lexicon.hostile()
CLAIMS = set(lexicon.words("claim"))
REPORTING = set(lexicon.words("reporting_verb")) | CLAIMS
# Words by which a hostile actor speaks in a sentence: "a Taliban spokesman said", "claimed".
SPOKEN = {"said", "says", "spokesman", "statement", "claim", "claims", "claimed"}
PARTIES = set(lexicon.words("party"))
HEDGES = set(lexicon.words("hedge"))


def level(reasons: list[str]) -> str:
    """The confidence the reasons leave a row with."""
    return "high" if not reasons else "medium" if len(reasons) == 1 else "low"


def in_headline(view: View, sent: Span) -> bool:
    """The sentence is the page's first line and does not end as a sentence ends."""
    text = view.raw
    first = text.lstrip().split("\n", 1)[0].strip()
    own = view.sent_text(sent).strip()
    return bool(first) and own == first and first[-1:] not in ".!?\"”'"


def party_claim(view: View, sent: Span, victims: str | None = None) -> bool:
    """One side's statement: the Taliban (or another hostile actor) said or claimed it, or the
    defence ministry or army said how many militants it killed."""
    words = view.words(sent)
    if not words & REPORTING:
        return False
    if words & HOSTILE and words & SPOKEN and (words & {"claimed", "claims"} or _hostile_speaks(view, sent)):
        return True
    return victims == "militants" and bool(words & PARTIES)


def _hostile_speaks(view: View, sent: Span) -> bool:
    """ "the Taliban said", "Taliban spokesman Zabihullah Mujahid said": an enemy right before speech."""
    low = view.low
    return any(
        low[i] in HOSTILE and set(low[i + 1 : i + 3]) & REPORTING for i in range(sent.start, sent.end - 1)
    )


def figure_reasons(
    view: View, sent: Span, where: Where, qualifier: str, victims: str, claimant: str = "unknown"
) -> list[str]:
    """Why a figure is not ``high``."""
    reasons = []
    if where.basis == "article":
        reasons.append("place from the article, not the sentence")
    elif where.basis == "none":
        reasons.append("no place")
    elif where.country not in (None, AFGHANISTAN):
        reasons.append("placed abroad by the world gazetteer")
    if qualifier == "vague":
        reasons.append("vague amount")
    if in_headline(view, sent):
        reasons.append("told in a headline")
    if party_claim(view, sent, victims) or vocab.party_count(victims, claimant):
        reasons.append("claim by a party to the conflict")
    if view.words(sent) & HEDGES:
        reasons.append("hedged ('reportedly')")
    return reasons


def pressure_reasons(view: View, sent: Span, named: bool, claimant: str = "unknown") -> list[str]:
    """Why a pressure mention is not ``high``."""
    reasons = []
    if not named:
        reasons.append("capital named by context")
    if party_claim(view, sent) or claimant == "armed_group":
        reasons.append("claim by a party to the conflict")
    if in_headline(view, sent):
        reasons.append("told in a headline")
    return reasons
