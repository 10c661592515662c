"""Rules as data: the phrase and word tables of ``data/rules``, read, checked and served by family.

Each table is a CSV a reviewer can read without Python: one row per phrase with its family,
its kind or level, its flags and an example sentence (see ``data/rules/README.md``). They are
read once per process and checked as they are read: an unknown column, level, kind, flag or
family, a duplicate phrase, a phrase its example does not contain, or a bad pattern stops
with a ``RuleError`` naming the file and the line. ``nlp.py`` compiles the phrases into spaCy
``PhraseMatcher`` patterns; the extraction modules ask for word sets by family.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from pipeline import vocab
from pipeline.errors import RuleError
from pipeline.extract.datafiles import folder, read_csv, read_header

RULES = folder("data/rules")
YES_NO = ("yes", "no")
GROUPS = tuple(v for v in vocab.VICTIMS if v != "mixed")  # "mixed" is a conclusion, never a word
GOVERNMENT = "government"  # an actor row naming a place that stands for the government ("Kabul")


@dataclasses.dataclass(frozen=True)
class Table:
    """How to read and check one rule table."""

    columns: tuple[str, ...]
    key: tuple[str, ...]  # no two rows may share these columns
    allowed: dict[str, tuple[str, ...]]  # column -> the values it may hold
    flags: dict[str, str] = dataclasses.field(default_factory=dict)  # flag -> what it means
    phrase: str = "phrase"  # the column the example must contain (empty: no example check)


# Flags of the phrase tables, each with what it does.
PRESSURE_FLAGS = {
    "tight": "the place must follow at once or be the phrase's subject ('claimed Khanishin', 'Herat fell')",
    "needs_hostile": "a threat only when an enemy is named in the sentence",
    "road_cut": "besieges the city a road starts from, not the one it leads to",
    "implies_city": "names no place but implies the city being discussed",
    "generic": "says nothing of its target: a name shared by a province and its city is the province",
}
# Kinds of furniture cue: a whole line (header, end, label), the start of one (line), or the
# end of a dated line (trail).
FURNITURE_KINDS = ("header", "end", "label", "line", "trail")
FIGURE_FLAGS = {"needs_people": "a figure only when words for people follow ('lost 100 soldiers')"}


def _families() -> tuple[str, ...]:
    return tuple(r["family"] for r in table("families.csv"))


TABLES: dict[str, Callable[[], Table]] = {
    "families.csv": lambda: Table(
        ("family", "used_by", "meaning", "example"),
        ("family",),
        {
            "used_by": (
                "nlp",
                "figures",
                "pressure",
                "locate",
                "where",
                "confidence",
                "dates",
                "published",
                "claims",
                "provenance",
            )
        },
        phrase="",
    ),
    "words.csv": lambda: Table(
        ("family", "word"), ("family", "word"), {"family": _families()}, phrase="word"
    ),
    "pressure.csv": lambda: Table(
        ("phrase", "level", "flags", "example"), ("phrase",), {"level": vocab.LEVELS}, PRESSURE_FLAGS
    ),
    "figures.csv": lambda: Table(
        ("phrase", "kind", "position", "flags", "example"),
        ("phrase", "position"),
        {"kind": vocab.KINDS, "position": ("before", "after")},
        FIGURE_FLAGS,
    ),
    "tolls.csv": lambda: Table(
        ("phrase", "part", "kind", "example"),
        ("phrase", "part"),
        {"part": ("verb", "head"), "kind": ("", *vocab.KINDS)},
    ),
    "references.csv": lambda: Table(
        ("phrase", "refers_to", "example"), ("phrase",), {"refers_to": ("city", "district")}
    ),
    "victims.csv": lambda: Table(("word", "group", "example"), ("word",), {"group": GROUPS}, phrase="word"),
    "actors.csv": lambda: Table(
        ("country", "name", "group", "hostile", "example"),
        ("country", "name"),
        {"group": (*GROUPS, GOVERNMENT), "hostile": YES_NO},
        phrase="name",
    ),
    "scope.csv": lambda: Table(("country", "phrase", "example"), ("country", "phrase"), {}),
    "numbers.csv": lambda: Table(
        ("phrase", "family", "value", "example"), ("phrase",), {"family": ("qualifier", "vague")}
    ),
    "claimants.csv": lambda: Table(
        ("phrase", "type", "example"), ("phrase",), {"type": vocab.CLAIMANT_TYPES}
    ),
    "furniture.csv": lambda: Table(
        ("cue", "kind", "example"), ("cue", "kind"), {"kind": FURNITURE_KINDS}, phrase="cue"
    ),
    "outlets.csv": lambda: Table(("outlet", "spelling", "example"), ("spelling",), {}, phrase="spelling"),
}
# Tables whose phrases are matched as written: an outlet's name is its capitals ("AP", "Dawn").
AS_WRITTEN = ("claimants.csv", "outlets.csv")


def _contains(example: str, phrase: str) -> bool:
    """Whether an example holds the phrase as whole words, ignoring case."""
    edge = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return re.search(edge + re.escape(phrase.lower()) + tail, example.lower()) is not None


def _check_row(name: str, row: dict[str, str], table: Table) -> list[str]:
    """What is wrong with one row, each as a sentence with its remedy."""
    problems = []
    for column, allowed in table.allowed.items():
        if row[column] not in allowed:
            problems.append(f"{column} {row[column]!r} does not exist; use one of {', '.join(allowed)}")
    for flag in row.get("flags", "").split():
        if flag not in table.flags:
            problems.append(f"unknown flag {flag!r}; flags of {name}: {', '.join(table.flags)}")
    if name == "tolls.csv" and (row["part"] == "head") != bool(row["kind"]):
        problems.append("a head names the kind it counts, a verb none")
    if name == "numbers.csv" and not (
        (row["family"] == "qualifier" and row["value"] in vocab.QUALIFIERS)
        or (row["family"] == "vague" and row["value"].isdigit())
    ):
        problems.append(
            f"value {row['value']!r}: a qualifier's value is a qualifier of pipeline/vocab.py, "
            "a vague amount's a whole number (its floor)"
        )
    phrase = row.get(table.phrase, "")
    if table.phrase and (not phrase or phrase != " ".join(phrase.split())):
        problems.append(f"{table.phrase} {phrase!r} is empty or has stray spaces")
    elif (
        table.phrase
        and phrase != phrase.lower()
        and row.get("group") != GOVERNMENT
        and name not in AS_WRITTEN
    ):
        problems.append(f"{table.phrase} {phrase!r} must be lower case (matching ignores case)")
    if "example" not in row:
        return problems
    if not row["example"].strip():
        problems.append("the example is empty; give a sentence that shows the row at work")
    elif name == "tolls.csv" and row["part"] == "head":
        try:
            if not re.search(phrase, row["example"].lower()):
                problems.append(f"pattern {phrase!r} does not match its example {row['example']!r}")
        except re.error as err:
            problems.append(f"pattern {phrase!r} is not a regular expression ({err})")
    elif table.phrase and not _contains(row["example"], phrase):
        problems.append(f"example {row['example']!r} does not contain {phrase!r}")
    return problems


@functools.cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The checked rows of one rule table of ``data/rules`` (``RuleError`` on the first bad line)."""
    if name not in TABLES:
        raise RuleError(f"data/rules/{name}: no such rule table; known: {', '.join(TABLES)}")
    path = RULES / name
    return check(name, read_header(path), read_csv(path))


def check(name: str, header: tuple[str, ...], rows: list[dict[str, str]]) -> tuple[dict[str, str], ...]:
    """Rows of the rule table ``name`` as read (header and dicts), checked; ``RuleError`` otherwise."""
    spec = TABLES[name]()
    if header != spec.columns:
        want, found = ",".join(spec.columns), ",".join(header)
        raise RuleError(f"data/rules/{name}:1: the columns must be {want}; found {found}")
    seen: dict[tuple[str, ...], int] = {}
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise RuleError(f"data/rules/{name}:{line}: a row must have {len(spec.columns)} fields")
        problems = _check_row(name, row, spec)
        # An outlet's spellings may differ by their capitals alone ("Tolo News", "TOLO News").
        key = tuple(row[c] if name == "outlets.csv" else row[c].lower() for c in spec.key)
        if key in seen:
            problems.append(f"duplicate of line {seen[key]} ({', '.join(spec.key)}: {', '.join(key)})")
        if problems:
            raise RuleError(f"data/rules/{name}:{line}: " + "; ".join(problems))
        seen[key] = line
    return tuple(rows)


def load() -> None:
    """Read and check every rule table, so that a bad one stops a run before it starts."""
    for name in TABLES:
        table(name)
    words = {r["word"].lower() for r in table("victims.csv")}
    for line, row in enumerate(table("actors.csv"), start=2):
        if row["name"].lower() in words:
            raise RuleError(f"data/rules/actors.csv:{line}: {row['name']!r} is in victims.csv too; keep one")


# --- what the extraction modules ask for ---------------------------------------------------------


def words(family: str) -> tuple[str, ...]:
    """The words (or phrases) of one family of ``words.csv``, in file order."""
    if family not in _families():
        raise RuleError(f"data/rules/families.csv: no family {family!r}; add it there")
    return tuple(r["word"] for r in table("words.csv") if r["family"] == family)


def pressure_phrases() -> dict[str, list[str]]:
    """Level -> its pressure phrases."""
    out: dict[str, list[str]] = {level: [] for level in vocab.LEVELS}
    for r in table("pressure.csv"):
        out[r["level"]].append(r["phrase"])
    return out


def pressure_flagged(flag: str) -> frozenset[str]:
    """Pressure phrases carrying a flag of ``PRESSURE_FLAGS``."""
    assert flag in PRESSURE_FLAGS, flag
    return frozenset(r["phrase"] for r in table("pressure.csv") if flag in r["flags"].split())


def figure_phrases() -> dict[str, dict[str, list[str]]]:
    """Kind -> position ("before" or "after" the number) -> its phrases."""
    out: dict[str, dict[str, list[str]]] = {}
    for r in table("figures.csv"):
        out.setdefault(r["kind"], {"after": [], "before": []})[r["position"]].append(r["phrase"])
    return out


def figure_flagged(flag: str) -> frozenset[str]:
    """Figure phrases carrying a flag of ``FIGURE_FLAGS``."""
    assert flag in FIGURE_FLAGS, flag
    return frozenset(r["phrase"] for r in table("figures.csv") if flag in r["flags"].split())


def toll_verbs() -> list[str]:
    """Verbs that give a running count its new value: "the death toll has risen to 55"."""
    return [r["phrase"] for r in table("tolls.csv") if r["part"] == "verb"]


def toll_heads() -> dict[str, str]:
    """Running counts (regular expressions over lower-cased words) and the kind they count."""
    return {r["phrase"]: r["kind"] for r in table("tolls.csv") if r["part"] == "head"}


def references(refers_to: str) -> list[str]:
    """Phrases that name a capital ("city") or a district ("district") without its name."""
    return [r["phrase"] for r in table("references.csv") if r["refers_to"] == refers_to]


def victims() -> dict[str, set[str]]:
    """Victim group -> the words naming it: the general words and every country's actors."""
    out: dict[str, set[str]] = {group: set() for group in GROUPS}
    for r in table("victims.csv"):
        out[r["group"]].add(r["word"])
    for r in table("actors.csv"):
        if r["group"] in out:
            out[r["group"]].add(r["name"])
    return out


def hostile() -> frozenset[str]:
    """Words that show an enemy is about: the ``hostile`` family and every hostile actor."""
    return frozenset(words("hostile")) | {r["name"] for r in table("actors.csv") if r["hostile"] == "yes"}


def metonyms() -> frozenset[str]:
    """Places whose name stands for the government ("Kabul sends in commandos")."""
    return frozenset(r["name"] for r in table("actors.csv") if r["group"] == GOVERNMENT)


def national_scope() -> list[tuple[str, str]]:
    """Phrases that make a figure national rather than local, with the country they name ("":
    the country the text is about)."""
    return [(r["phrase"], r["country"]) for r in table("scope.csv")]


def qualifiers() -> dict[str, str]:
    """Phrase before a number -> its qualifier ("at least" -> at_least)."""
    return {r["phrase"]: r["value"] for r in table("numbers.csv") if r["family"] == "qualifier"}


def vague_amounts() -> dict[str, int]:
    """Vague amount -> the conservative floor coded for it ("dozens" -> 12)."""
    return {r["phrase"]: int(r["value"]) for r in table("numbers.csv") if r["family"] == "vague"}


def furniture_cues() -> dict:
    """Cues of page furniture: ``whole`` maps a line's text to its kind, ``line`` holds line prefixes.

    Kinds: ``header`` opens a block ("Related Stories") that runs until article prose resumes;
    ``end`` ends the article ("Comments", "Leave a Reply"); ``label`` marks itself and the next
    line ("Caption", "Source"); ``line`` starts one line of furniture ("READ MORE: ..."); ``trail``
    closes a dated line ("May 8, 2017 Adjust font size:").
    """
    rows = table("furniture.csv")
    return {
        "whole": {r["cue"]: r["kind"] for r in rows if r["kind"] in ("header", "end", "label")},
        "line": tuple(r["cue"] for r in rows if r["kind"] == "line"),
        "trail": tuple(r["cue"] for r in rows if r["kind"] == "trail"),
    }


def outlets() -> dict[str, str]:
    """An outlet's spelling as pages write it -> its short name ("Agence France-Presse" -> "AFP")."""
    return {r["spelling"]: r["outlet"] for r in table("outlets.csv")}


def claimant_types() -> dict[str, str]:
    """Phrase naming a source -> its claimant type ("ocha" -> un_agency), longest first."""
    rows = table("claimants.csv")
    return {r["phrase"]: r["type"] for r in sorted(rows, key=lambda r: -len(r["phrase"].split()))}
