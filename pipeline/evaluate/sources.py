"""Whether a figure's source was read right: the same organisation or person, and its type.

Two names agree when they share a word that names the source itself, once the words every
source may have ("the", "provincial", "spokesman", "officials", "ministry") are left out and
common short forms are spelled out ("MoD" is the defence ministry, "MSF" Doctors Without
Borders): "Kandahar police spokesman Zia Durrani" and "police spokesman Zia Durrani" agree, as
do "the Ministry of Defense" and "MoD"; "the governor's spokesman" and "police spokesman" do not.
"""

from __future__ import annotations

import re

GENERIC = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "in",
        "at",
        "and",
        "on",
        "to",
        "'s",
        "s",
        "provincial",
        "province",
        "local",
        "district",
        "city",
        "national",
        "afghan",
        "afghanistan",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokesmen",
        "official",
        "officials",
        "source",
        "sources",
        "said",
        "head",
        "director",
        "chief",
        "senior",
        "deputy",
        "acting",
        "ministry",
        "department",
        "office",
        "member",
        "members",
        "general",
        "sources",
        "statement",
    ]
)
SPELLED_OUT = {
    "mod": "defense", "defence": "defense", "moi": "interior", "un": "nations", "u.n.": "nations",
    "msf": "borders", "medecins": "borders", "frontieres": "borders", "icrc": "cross",
    "taleban": "taliban", "unama": "nations", "nrc": "norwegian", "ocha": "ocha",
}  # fmt: skip


def words(name: str | None) -> frozenset[str]:
    """The words of a source's name that tell it apart."""
    if not name:
        return frozenset()
    tokens = re.findall(r"[\w.]+", name.lower().replace("’", "'"))
    return frozenset(SPELLED_OUT.get(t, t) for t in tokens if SPELLED_OUT.get(t, t) not in GENERIC)


def same_source(gold: str | None, got: str | None) -> bool:
    """Whether two names of a source name the same organisation or person."""
    a, b = words(gold), words(got)
    if not a or not b:  # "local officials" and "Afghanistan local officials": one within the other
        every_a, every_b = _all(gold), _all(got)
        return bool(every_a) and bool(every_b) and (every_a <= every_b or every_b <= every_a)
    return bool(a & b)


def _all(name: str | None) -> frozenset[str]:
    return frozenset(re.findall(r"[\w.]+", (name or "").lower())) - {"the", "a", "an"}


def source_accuracy(pairs: list[tuple[dict, dict]]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """On matched (gold, predicted) figures: ``claimed_by`` right where the gold names a source,
    ``claimant_type`` right on all; and the disagreements."""
    named = [(g, p) for g, p in pairs if (g.get("claimed_by") or "").strip()]
    typed = [(g, p) for g, p in pairs if (g.get("claimant_type") or "").strip()]
    by = [same_source(g["claimed_by"], p.get("claimed_by")) for g, p in named]
    kind = [g["claimant_type"] == p.get("claimant_type") for g, p in typed]
    errors = [
        f"{g.get('file') or g.get('page')} {g['kind']} {g.get('number_text') or g.get('value')}: source gold "
        f"{g.get('claimed_by') or '-'} ({g['claimant_type']}), got {p.get('claimed_by') or '-'} "
        f"({p.get('claimant_type')})"
        for g, p in typed
        if g["claimant_type"] != p.get("claimant_type")
        or ((g.get("claimed_by") or "").strip() and not same_source(g["claimed_by"], p.get("claimed_by")))
    ]
    return {
        "figure claimed_by (named sources)": (sum(by), len(by)),
        "figure claimant_type": (sum(kind), len(kind)),
    }, errors
