"""Who says a figure or a capture: ``claimed_by`` as the text names the source, and its type.

Read from the attribution nearest the number in its sentence: the subject of a reporting verb
("the Ministry of Defense said", "Ahmad Jawed, a spokesman for the governor, said"), the name
after it ("..., said the provincial health director"), or what follows "according to". A
pronoun ("he said") or a quote with no verb of its own takes the speaker last named in its
paragraph; a news agency that only carries the story ("told AFP") is not the source. A figure
nobody is said to give belongs to the organisation whose own report the page is (an OCHA
flash update), else to nobody (``unknown``). The type comes from ``data/rules/claimants.csv``:
the longest phrase of the source's name that the table knows.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.view import View

REPORTING = set(lexicon.words("reporting_verb")) | set(lexicon.words("claim"))
SOURCE_WORDS = set(lexicon.words("source_word"))
JOINING = set(lexicon.words("source_join"))
TIME_WORDS = set(lexicon.words("source_time"))
SKIP = set(lexicon.words("source_skip"))
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
DETERMINERS = {"the", "a", "an"}
QUOTES = {'"', "“", "”", "'", "‘", "’", "``", "''"}
TYPES = lexicon.claimant_types()
# Organisations whose own reports a page may be: their unattributed figures are theirs.
PUBLISHERS = ("un_agency", "ngo")
MOST_WORDS = 12  # the longest source a subject may name
ASIDES = {"in", "on", "at", "speaking", "citing", "during", "via", "through", "when", "while"}
NUMBER = re.compile(r"^\d[\d,.]*$")  # "27,000", not "215th" or "8sobah"


@dataclasses.dataclass(frozen=True)
class Claim:
    claimed_by: str | None
    claimant_type: str  # one of vocab.CLAIMANT_TYPES


UNKNOWN = Claim(None, "unknown")


@functools.lru_cache(maxsize=4096)
def claimant_type(name: str | None) -> str:
    """The type of a source's name: the longest phrase of ``claimants.csv`` it contains. A phrase
    the table writes in capitals counts only in capitals ("WHO", not "who")."""
    if not name:
        return "unknown"
    tokens = re.findall(r"[\w.]+|'s", name.replace("’", "'"))
    lower = " " + " ".join(t.lower() for t in tokens) + " "
    cased = {t.lower() for t in tokens if not t.islower()}
    for phrase, kind in TYPES.items():  # longest first
        key = phrase.lower()
        if f" {key} " in lower and (phrase == key or key in cased):  # an acronym in capitals
            return kind
    return "unknown"


def _source(view: View, start: int, end: int) -> str | None:
    """The text of a source's words, without leading articles and trailing punctuation."""
    low = view.low
    while start < end and (low[start] in DETERMINERS or not low[start].strip() or low[start] in (",", "-")):
        start += 1
    while end > start and (low[end - 1] in (",", "-", "'s") or not low[end - 1].strip()):
        end -= 1
    return view.span_text(start, end) if end > start else None


def _nameish(view: View, i: int) -> bool:
    """A word that may belong to a source's name: a capitalised word or a word for a source."""
    token = view.doc[i]
    return token.text[:1].isupper() or view.low[i] in SOURCE_WORDS


def _joining(word: str) -> bool:
    """A small word inside a name, or a line break that only wraps it."""
    return word in JOINING or word in DETERMINERS or not word.strip()


def _subject(view: View, sent: Span, verb: int) -> str | None:
    """The source before a reporting verb: "the ministry said", "Ahmad Jawed, a spokesman for the
    governor, said" (a comma right before the verb closes an appositive: the name before it
    counts too); not "23 people were killed, the ministry said" past the comma."""
    low = view.low
    i = verb - 1
    while i >= sent.start and (low[i] in TIME_WORDS or not low[i].strip()):
        i -= 1  # "said on Monday", "the ministry late Sunday said"
    commas = 1 if i >= sent.start and low[i] == "," else 0
    if commas:
        i -= 1
    for j in range(i, max(sent.start, i - 8), -1):  # "A security official who wished not to be named told"
        if low[j] in (",", *QUOTES):
            break
        if view.doc[j].text == "who" and j - 1 >= sent.start and _nameish(view, j - 1):
            i = j - 1
            break
    end = i + 1
    start = end
    while i >= sent.start and end - i <= MOST_WORDS:
        w = low[i].replace("’", "'")
        if w in QUOTES or w in ("that", ";", ":") or NUMBER.match(w):
            break
        if w in PRONOUNS:
            return w if start == end else _source(view, start, end)
        if w == "," and commas == 1 and start < end:
            commas = 2  # the appositive's opening comma: go on to the name before it
            i -= 1
            continue
        if commas == 1 and w != "," and not (_nameish(view, i) or _joining(w)):
            # An aside, not an appositive: "a Taliban spokesman, in a message to media, claimed".
            opening = next((k for k in range(i, max(sent.start - 1, i - 10), -1) if low[k] == ","), None)
            if opening is not None and low[opening + 1] in ASIDES:
                commas, start, end, i = 0, opening, opening, opening - 1
                continue
            break
        if w == "," or not (_nameish(view, i) or _joining(w)):
            break
        start = i
        i -= 1
    if start < end and start - 1 >= sent.start and NUMBER.match(low[start - 1]):
        return None  # "27,000 New IDPs reported": the people counted, not a source
    while start < end and (low[start] in SKIP or low[start] in JOINING):
        start += 1  # "However, the hospital said", "of Kandahar, the UN said"
    if start == end or not any(_nameish(view, k) and low[k] not in TIME_WORDS for k in range(start, end)):
        return None  # "..., since Tuesday, said": a time, not a source
    name = _source(view, start, end)
    # "Provincial Director of Refugees, Syed Abasin said": a role before the name types it.
    if name and claimant_type(name) == "unknown" and start - 1 > sent.start and low[start - 1] == ",":
        k = start - 2
        while k >= sent.start and (_nameish(view, k) or _joining(low[k])) and start - k <= MOST_WORDS:
            k -= 1
        opens = k < sent.start or low[k] in QUOTES  # the role opens the sentence or a quote
        role = _source(view, k + 1, start - 1) if opens and _nameish(view, k + 1) else None
        if role and claimant_type(role) != "unknown":
            return f"{role}, {name}"
    return name


def _after(view: View, sent: Span, verb: int) -> str | None:
    """The source after a reporting verb: "..., said Ahmad Jawed, the governor's spokesman"."""
    low = view.low
    if verb - 1 < sent.start or low[verb - 1] not in {",", *QUOTES}:
        return None
    i, end = verb + 1, verb + 1
    while i < sent.end and i - verb <= MOST_WORDS:
        w = low[i]
        if w in (".", ";", "that", *QUOTES) or NUMBER.match(w):
            break
        if w == "," and not (i + 1 < sent.end and (low[i + 1] in DETERMINERS or _nameish(view, i + 1))):
            break
        if w != "," and not (_nameish(view, i) or _joining(w)):
            break
        i += 1
        end = i
    return _source(view, verb + 1, end)


def _according(view: View, sent: Span, at: int) -> str | None:
    """ "according to local officials", "according to the UN"."""
    low = view.low
    i, end = at + 2, at + 2
    while i < sent.end and i - at <= MOST_WORDS and low[i] not in (".", ",", ";", *QUOTES):
        if not (_nameish(view, i) or _joining(low[i])):
            break
        i += 1
        end = i
    name = _source(view, at + 2, end)
    # "according to General Sami Sadat, commander of the army in Helmand": the role types him.
    if name and end < sent.end and low[end] == "," and claimant_type(name) == "unknown":
        role = _after(view, sent, end)
        if role and claimant_type(role) != "unknown":
            return f"{name}, {role}"
    return name


def _attributions(view: View, sent: Span) -> list[tuple[int, str]]:
    """(token, source) of every attribution in a sentence."""
    low = view.low
    out = []
    for i in range(sent.start, sent.end):
        if (low[i], low[i + 1 : i + 2]) in (("according", ["to"]), ("as", ["per"])):
            source = _according(view, sent, i)
        elif low[i] in REPORTING:
            # "told AFP": the one told carries the story, it is not the source.
            source = _subject(view, sent, i) or (_after(view, sent, i) if low[i] != "told" else None)
        else:
            continue
        if source:
            out.append((i, source))
    return out


def _in_sentence(view: View, sent: Span, at: int) -> Claim | None:
    """The claim of the attribution nearest token ``at``, a pronoun resolved; None when none."""
    found = _attributions(view, sent)
    if not found:
        return None
    _, source = min(found, key=lambda pair: abs(pair[0] - at))
    if source.lower() in PRONOUNS:
        return _earlier(view, sent) or UNKNOWN
    return Claim(source, claimant_type(source))


def _earlier(view: View, sent: Span) -> Claim | None:
    """The source last named in the five sentences before a sentence."""
    k = view.sent_of[sent.start]
    for j in range(k - 1, max(-1, k - 6), -1):
        earlier = view.sents[j]
        found = [(i, source) for i, source in _attributions(view, earlier) if source.lower() not in PRONOUNS]
        if found:
            source = found[-1][1]
            return Claim(source, claimant_type(source))
    return None


# The organisations a page may be the own report of, as one pattern ("OCHA", "UNHCR", ...).
PUBLISHER_NAMES = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p.lower()) for p, k in TYPES.items() if k in PUBLISHERS) + r")(?!\w)",
    re.IGNORECASE,
)


class Publisher:
    """The UN agency or NGO whose own report a page is, found when first asked for: the one named
    in its first lines, or the only one the page quotes ("according to OCHA")."""

    def __init__(self, view: View) -> None:
        self.view = view

    @functools.cached_property
    def claim(self) -> Claim | None:
        for match in PUBLISHER_NAMES.finditer(self.view.raw[:300]):
            kind = claimant_type(match.group(0))
            if kind in PUBLISHERS:  # "WHO", not "who"
                return Claim(match.group(0), kind)
        quoted: dict[str, Claim] = {}
        for sent in self.view.sents:
            for _, source in _attributions(self.view, sent):
                kind = claimant_type(source)
                if kind in PUBLISHERS:
                    quoted.setdefault(_organisation(source), Claim(source, kind))
        return next(iter(quoted.values())) if len(quoted) == 1 else None


def _organisation(source: str) -> str:
    """One key for an organisation's spellings: the phrase of ``claimants.csv`` it contains."""
    words = " " + " ".join(re.findall(r"[\w.]+", source.lower())) + " "
    phrase = next((p.lower() for p in TYPES if f" {p.lower()} " in words), source.lower())
    return {"united nations": "un", "doctors without borders": "msf", "medecins sans frontieres": "msf"}.get(
        phrase, phrase
    )


def _typed(view: View, claim: Claim) -> Claim:
    """A source the text names again with its role: "Ghulam Sakhi Rasouli" typed by "Ghulam
    Sakhi Rasouli, head of the refugees department, said" elsewhere; "the statement" by "an army
    statement"."""
    if claim.claimant_type != "unknown" or not claim.claimed_by:
        return claim
    ignore = JOINING | DETERMINERS | SOURCE_WORDS  # "officials" alone names nobody in particular
    mine = {w for w in re.findall(r"\w+", claim.claimed_by.lower()) if w not in ignore}
    if not mine:
        return claim
    for sent in view.sents:
        for _, source in _attributions(view, sent):
            kind = claimant_type(source)
            if kind != "unknown" and mine <= set(re.findall(r"\w+", source.lower())):
                return Claim(claim.claimed_by, kind)
    return claim


def claim_of(view: View, sent: Span, at: int, page: Publisher | None = None) -> Claim:
    """Who the text says gives what is told at token ``at`` of ``sent``; ``page`` is the
    page's publisher (``Publisher``), the source of what nobody is said to give."""
    claim = _in_sentence(view, sent, at)
    if claim is None and view.words(sent) & QUOTES:
        # A quote told over several sentences: its speaker is named after it, or before.
        k = view.sent_of[sent.start]
        if k + 1 < len(view.sents):
            nxt = view.sents[k + 1]
            if view.paragraph_starts[nxt.start] == view.paragraph_starts[sent.start]:
                claim = _in_sentence(view, nxt, nxt.start)
        claim = claim or _earlier(view, sent)
    if claim:
        return _typed(view, claim)
    return (page.claim if page is not None else None) or UNKNOWN
