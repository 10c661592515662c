"""Numbers as journalists write them.

"30,000", "30 000", "1.2 million", "seventy-five", "a dozen", "hundreds".

Pure functions over spaCy tokens; no IO.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc

from pipeline.extract import lexicon

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$|^\d+\.\d+$")
GROUP = re.compile(r"^\d{3}$")

QUALIFIERS = lexicon.qualifiers()
VAGUE = lexicon.vague_amounts()
MAX_QUALIFIER_TOKENS = max(len(q.split()) for q in QUALIFIERS)


@dataclasses.dataclass(frozen=True)
class Number:
    """A number expression: tokens ``start:end`` of a doc (qualifier included)."""

    start: int
    end: int
    core_start: int  # first token of the number itself, after the qualifier
    value: int | None  # None for vague amounts
    value_low: int | None
    value_high: int | None
    qualifier: str

    @property
    def floor(self) -> int | None:
        """The conservative count a total may use."""
        return self.value if self.value is not None else self.value_low


def _low(tokens: list[str], i: int) -> str:
    return tokens[i] if i < len(tokens) else ""


def _parse_core(low: list[str], i: int) -> tuple[int, int | None, int | None] | None:
    """Parse the number starting at token ``i``: (end, value, vague_floor) or None."""
    word = low[i]
    # Vague amounts: "tens of thousands", "hundreds of thousands", "dozens".
    for phrase, floor in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        parts = phrase.split()
        if low[i : i + len(parts)] == parts:
            end = i + len(parts)
            if phrase == "scores" and "of" not in (_low(low, end), _low(low, end + 1)):
                return None  # "scores of soldiers", "\"scores\" of soldiers"; not "test scores"
            return end, None, floor
    if DIGITS.match(word):
        end = i + 1
        text = word.replace(",", "")
        # "30 000": a thin-space or space thousands separator splits the number in two tokens.
        while "." not in text and len(text) <= 3 and GROUP.match(_low(low, end)):
            text += low[end]
            end += 1
        number = float(text)
        if _low(low, end) in SCALES:
            number *= SCALES[low[end]]
            end += 1
        elif "." in text:
            return None  # a bare decimal ("2.5") is never a head count
        return end, round(number), None
    if word in ("a", "an") and _low(low, i + 1) in ("dozen", "hundred", "thousand", "million"):
        scale = 12 if low[i + 1] == "dozen" else SCALES[low[i + 1]]
        return i + 2, scale, None
    if word == "dozen":
        return i + 1, 12, None
    return _parse_words(low, i)


def _parse_words(low: list[str], i: int) -> tuple[int, int | None, int | None] | None:
    """Parse "seventy-five", "two hundred", "three thousand" starting at ``i``."""
    total, current, end, seen = 0, 0, i, False
    while end < len(low):
        w = low[end]
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
            if _low(low, end + 1) == "-" and _low(low, end + 2) in UNITS:
                current += UNITS[low[end + 2]]
                end += 2
        elif w in SCALES and seen:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
        elif w == "and" and seen and _low(low, end + 1) in UNITS | TENS:
            pass  # "two hundred and fifty"
        else:
            break
        seen = True
        end += 1
    if not seen:
        return None
    return end, total + current, None


def _qualifier_before(low: list[str], start: int, floor: int) -> tuple[int, str]:
    """The qualifier phrase ending right before ``start``: (its first token, qualifier)."""
    for n in range(MAX_QUALIFIER_TOKENS, 0, -1):
        if start - n < floor:
            continue
        phrase = " ".join(low[start - n : start])
        if phrase in QUALIFIERS:
            return start - n, QUALIFIERS[phrase]
    return start, "exact"


def bounds(value: int | None, floor: int | None, qualifier: str) -> tuple[int | None, int | None]:
    """(value_low, value_high) consistent with the qualifier."""
    if value is None:
        return floor, None
    return {
        "exact": (value, value),
        "at_least": (value, None),
        "more_than": (value + 1, None),
        "about": (value, value),
        "up_to": (None, value),
    }[qualifier]


def is_year(text: str) -> bool:
    """A four-digit number that reads as a year ("2001", "2014")."""
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100


# Words a number can start with; every other token is skipped without parsing.
STARTS = set(UNITS) | set(TENS) | {p.split()[0] for p in VAGUE} | {"a", "an", "dozen"}


def find_numbers(doc: Doc, low: list[str] | None = None) -> list[Number]:
    """Every number expression in the doc, left to right, not overlapping (``low``: its lower-cased
    words, when already at hand)."""
    low = low if low is not None else [t.lower_ for t in doc]
    found: list[Number] = []
    i, floor = 0, 0
    while i < len(low):
        word = low[i]
        candidate = word in STARTS or word[:1].isdigit()
        parsed = _parse_core(low, i) if candidate else None
        if parsed is None or (is_year(word) and parsed[0] == i + 1):
            i += 1
            continue
        end, value, vague_floor = parsed
        if (span := _range(low, i, end, value, floor)) is not None:
            found.append(span)
            i = floor = span.end
            continue
        start, qualifier = _qualifier_before(low, i, floor)
        if value is None:
            qualifier = "vague"
        low_v, high_v = bounds(value, vague_floor, qualifier)
        found.append(Number(start, end, i, value, low_v, high_v, qualifier))
        i = floor = end
    return found


def _range(low: list[str], i: int, end: int, first: int | None, floor: int) -> Number | None:
    """ "between 20 and 30", "20 to 30", "20-30", "four or five": a range (``value`` NULL, its ends
    as bounds)."""
    if first is None or end + 1 >= len(low):
        return None
    between = i > floor and low[i - 1] == "between"
    either = low[end] == "or"  # "four or five patients"; not "400 families or 2,000 people"
    if (
        not (between and low[end] == "and")
        and not either
        and not (low[end] in ("to", "-", "–") and low[i - 1 : i] != ["from"])
    ):
        return None
    second = _parse_core(low, end + 1)
    if second is None or second[1] is None or second[1] <= first:
        return None
    if either and second[1] > 2 * first:
        return None  # "one or 20" is two numbers
    return Number(i - 1 if between else i, second[0], i, None, first, second[1], "range")
