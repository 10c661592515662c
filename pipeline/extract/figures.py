"""Figures: numbers tied to killed, wounded, displaced or combined-casualty phrases.

A number becomes a figure when a trigger stands right before it ("killed 14 people") or after
it across words that describe people ("69 #Taliban terrorists were killed"; ``ties``), or when
it continues a list that has one ("10 policemen and four others"; here). Numbers that count
something else are left out (``not_figures``). Roles then say which figures a total counts:
breakdown parts and restatements are kept as ``detail`` and ``repeat``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.not_figures import is_other_quantity, prune
from pipeline.extract.numbers import Number, find_numbers
from pipeline.extract.ties import GAP_WORDS, Figure, figure_for, noun_phrase, unit_of
from pipeline.extract.victims import VICTIM_WORDS, sentence_victims, victims_of
from pipeline.extract.view import View

# Word families of data/rules/words.csv (see data/rules/families.csv for what each does).
RECAP = set(lexicon.words("recap"))
RECAP_KINDS = {"dead": "killed", "killed": "killed", "wounded": "wounded", "injured": "wounded"}
ELLIPTIC = set(lexicon.words("elliptic"))
OF_THEM = [phrase.split() for phrase in lexicon.words("of_them")]  # "nine of them children"
JOINERS = set(lexicon.words("joiner"))
MAX_LABEL = 12  # tokens of a label line before its colon ("Families who fled to Nad Ali: 1,000")
PART_OF = set(lexicon.words("part_of"))  # "including 10 policemen", "among them two children"


def _words_after(view: View, start: int, most: int) -> list[str]:
    """Up to ``most`` words after a number that still speak of it ("wounded people"; not "in
    Taliban ..." after "120 injured")."""
    out = []
    for word in view.low[start : start + most]:
        if word not in ELLIPTIC and word not in GAP_WORDS:
            break
        out.append(word)
    return out


def _coordinated(view: View, left: Number, right: Number, trigger: tuple[int, int] | None = None) -> bool:
    """ "10 policemen and four others": the right number continues a list started by the left one.

    The left figure's own trigger may stand between: "348 wounded, including 59 children".
    """
    gap = [
        t.lower_
        for t in view.doc[left.end : right.start]
        if not (trigger and trigger[0] <= t.i < trigger[1]) and not t.is_quote and not t.is_space
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


def _answer(view: View, n: Number, sent: Span, spans: Iterable[Span]) -> Figure | None:
    """The first number of a sentence that answers a question asking "how many" of a kind:
    "Q: How many people have fled their homes?" then "A: Around 5,000 families." """
    k = view.sent_of[sent.start]
    if k == 0 or view.low[sent.start : n.start] not in ([], ["a", ":"], ["answer", ":"]):
        return None
    k -= 1
    while k > 0 and not view.sent_text(view.sents[k]).strip():
        k -= 1  # the line break between question and answer
    question = view.sents[k]
    asks = view.low[question.start : question.end]
    if "how" not in asks or "many" not in asks or asks[-1:] != ["?"]:
        return None
    kinds = {t.label_.split(":")[0] for t in spans if question.start <= t.start < question.end}
    kinds &= {"killed", "wounded", "displaced"}
    if len(kinds) != 1:
        return None
    words = noun_phrase(view, n.end, min(sent.end, n.end + 6))
    return Figure(n, kinds.pop(), victims_of(words), unit_of(words), sent, None)


def _labelled(view: View, n: Number, sent: Span, spans: Iterable[Span]) -> Figure | None:
    """A number after a label line whose words say what it counts: "Families who fled to Nad Ali:
    about 1,000", "Deaths: 12" (a phrase of one kind, before the line's first colon)."""
    low = view.low
    colon = next((k for k in range(sent.start, n.start) if low[k] == ":"), None)
    if colon is None or colon != n.start - 1 or colon - sent.start > MAX_LABEL:
        return None
    kinds = {t.label_.split(":")[0] for t in spans if sent.start <= t.start and t.end <= colon}
    kinds &= {"killed", "wounded", "displaced", "casualties"}
    if len(kinds) != 1:
        return None
    label = low[sent.start : colon]
    return Figure(n, kinds.pop(), victims_of(label), unit_of(label), sent, None)


def find_figures(view: View) -> list[Figure]:
    """Numbers tied to a figure trigger directly or through a list ("killed 10 policemen and four others")."""
    spans = view.doc.spans["triggers"]
    before = [s for s in spans if s.label_.endswith(":before")]
    after = [s for s in spans if s.label_.endswith(":after")]
    numbers = [n for n in find_numbers(view.doc, view.low) if not is_other_quantity(view, n)]
    sents = [view.sent(n.core_start) for n in numbers]
    found = [figure_for(view, n, sent, before, after) for n, sent in zip(numbers, sents, strict=True)]
    for i, n in enumerate(numbers):  # "Q: How many families have fled? A: About 5,000."
        if found[i] is None and (i == 0 or sents[i - 1].start != sents[i].start):
            found[i] = _answer(view, n, sents[i], spans) or _labelled(view, n, sents[i], spans)

    def make(i: int, src: Figure) -> Figure:
        end = numbers[i].end
        if view.low[end : end + 1] in (["were"], ["was"]):
            end += 1  # "Of these, 81 were children"
        elif view.low[end : end + 2] in OF_THEM:
            end += 2  # "nine of them children"
        words = noun_phrase(view, end, min(sents[i].end, end + 6))
        return Figure(numbers[i], src.kind, victims_of(words), unit_of(words), sents[i], src.trigger)

    def inherit(i: int, j: int) -> None:
        """Number ``i`` takes the kind of the figure at ``j`` in the same list."""
        src = found[j]
        left, right = sorted((numbers[i], numbers[j]), key=lambda x: x.start)
        if sents[i].start != sents[j].start or not _coordinated(
            view, left, right, src.trigger if j < i else None
        ):
            return
        if found[i] is None and j < i and _own_phrase_later(i, j):
            return  # "four were among the dead and 10 children ... among the wounded"
        if found[i] is None:
            found[i] = make(i, src)
        if found[i].trigger == src.trigger and found[i].kind == src.kind and not _part_of(view, right):
            found[i].sibling_of = j if found[j].sibling_of is None else found[j].sibling_of

    def _own_phrase_later(i: int, j: int) -> bool:
        """The phrase of figure ``j`` stands between it and number ``i`` ("were among the dead and
        ...") and a phrase of another kind follows ``i`` in the sentence: ``i`` belongs to that one."""
        src = found[j]
        closed = src.trigger is not None and numbers[j].end <= src.trigger[0] < numbers[i].start
        return closed and any(
            t.start >= numbers[i].end and t.start < sents[i].end and t.label_.split(":")[0] != src.kind
            for t in after
        )

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
    among: dict[int, int] = {}  # a number told as a part of the figure right after it
    for i in range(len(numbers) - 1):  # "Three children were among five civilians killed"
        between = view.low[numbers[i].end : numbers[i + 1].start]
        told = between[-2:] in (["were", "among"], ["was", "among"]) and set(between[:-2]) <= GAP_WORDS
        if told and found[i] is None and found[i + 1] is not None and sents[i].start == sents[i + 1].start:
            found[i] = make(i, found[i + 1])
            among[i] = i + 1

    # "... 107 civilian casualties (36 killed and 71 injured). Of these, 81 were children.": a part
    # of the head figure of the sentence before.
    # "...; of those injured, 6 were children", "Of the dead in Gardez, 21 were police and 12 were
    # civilians": the same, after a semicolon, with a place, and for the list it opens.
    for i, n in enumerate(numbers):
        if found[i] is not None:
            continue
        clause_start, opener = _opener(view, sents[i].start, n.start)
        earlier = [k for k in range(i) if found[k] is not None and numbers[k].end <= clause_start]
        named = {RECAP_KINDS[w] for w in opener.split() if w in RECAP_KINDS}
        if named and earlier and opener in RECAP:  # "Among the dead were ...": the last toll of the dead
            earlier = [k for k in earlier if found[k].kind in named] or earlier
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
        fig.victims = sentence_victims(view, fig.number, fig.trigger, fig.sent, fig.victims)
        prev_i = max((k for k in index if k < i and sents[k].start == sents[i].start), default=None)
        prev = found[prev_i] if prev_i is not None else None
        # "Killed and wounded: 9 (4 soldiers, 5 civilians)"; not "1,900 households (13,300 people)".
        if prev is not None and _part_of(view, fig.number) and (fig.kind, fig.unit) == (prev.kind, prev.unit):
            fig.detail_of = index[prev_i]
        if i in recap_of:
            fig.detail_of = index[recap_of[i]]
        if fig.sibling_of is not None and found[fig.sibling_of].detail_of is not None:
            fig.detail_of = found[fig.sibling_of].detail_of  # "including one woman and six children"
        near = noun_phrase(view, fig.number.end, min(sents[i].end, fig.number.end + 3))
        # "... and 63 were wounded": no group of its own, right after a whole figure (not a part of one).
        elliptic = bool({"others", "other"} & set(near)) or (
            fig.victims == "unspecified"
            and view.low[fig.number.start - 1] in ("and", ",", "with")
            and set(near) <= ELLIPTIC
            and not set(_words_after(view, fig.number.end, 3)) & VICTIM_WORDS.keys()  # "49 wounded people"
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
    for i, j in among.items():
        figures[index[i]].detail_of = index[j]
    return prune(view, figures)
