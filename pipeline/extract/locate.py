"""Where things happened: the places a sentence names, the article's main place, and every
reference to a capital or district, named or not ("the city", "the capital of Laghman province").
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from spacy.tokens import Span

from pipeline.extract import lexicon
from pipeline.extract.places import CAPITAL, DISTRICT, FOREIGN, PROVINCE, Gazetteer
from pipeline.extract.view import View

METONYMS = lexicon.metonyms()  # "Kabul sends in commandos": the government, not the place


@dataclasses.dataclass(frozen=True)
class Target:
    """A capital or district that a pressure phrase may be about."""

    start: int
    end: int
    label: str  # CAPITAL | DISTRICT
    name: str
    province: str
    named: bool = True  # False when resolved from "the city", "the provincial capital"


def shared_names(gaz: Gazetteer) -> frozenset[str]:
    """Capitals named like their province: Kunduz, Herat, Ghazni, Farah, ..."""
    return frozenset(c for p, c in gaz.capitals.items() if c == p)


def province_of(ent: Span | Target, gaz: Gazetteer) -> str | None:
    """The province a place mention lies in (None for foreign places)."""
    label, name = (ent.label_, ent.ent_id_) if isinstance(ent, Span) else (ent.label, ent.name)
    if label == FOREIGN:
        return None
    return name if label == PROVINCE else gaz.province_index.get((label, name))


def capital_province(gaz: Gazetteer, capital: str) -> str:
    return gaz.province_index.get((CAPITAL, capital)) or ""


def is_dateline(ent: Span) -> bool:
    """ "KABUL:", "KABUL, 26 July 2021 -", "Lashkar Gah (Afghanistan):" at the start of a line."""
    if ent.start > 0 and "\n" not in ent.doc[ent.start - 1].text:
        return False  # not at the start of a line
    nxt = ent.doc[ent.end : ent.end + 4].text
    shouted = ent.text.isupper() and nxt[:1] in (",", "(", "-", "–", "—")
    return nxt.startswith(":") or nxt.startswith("(Afghanistan):") or shouted


def place_name(ent: Span, gaz: Gazetteer) -> str | None:
    """The capital or district a mention names, or None for a province (or a name shared by both)."""
    if ent.label_ not in (CAPITAL, DISTRICT):
        return None
    nxt = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if ent.label_ == CAPITAL and ent.ent_id_ in shared_names(gaz) and nxt != "city":
        return None  # "in Herat": the province or the city; say only the province
    return ent.ent_id_


def main_place(view: View) -> Span | None:
    """The place an article is mostly about: mentions counted, the headline and lead weighted."""
    scores: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Span] = {}
    for ent in view.doc.ents:
        if ent.label_ == FOREIGN or ent.ent_id_ in METONYMS or is_dateline(ent):
            continue
        key = (ent.label_, ent.ent_id_)
        scores[key] += 3 if ent.start_char < 400 else 1
        first.setdefault(key, ent)
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], k[0] == CAPITAL, -first[k].start))
    return first[best]


def targets(view: View, gaz: Gazetteer, main: Span | None) -> list[Target]:
    """Every capital and district reference, named or by context ("the city", "capital of Laghman")."""
    doc = view.doc
    out: list[Target] = []
    last: dict[str, Target] = {}
    refs = [s for s in doc.spans["triggers"] if s.label_.startswith("ref:")]
    for item in sorted([*doc.ents, *refs], key=lambda s: (s.start, -s.end)):
        if item.label_ in (CAPITAL, DISTRICT) and not is_dateline(item):
            t = Target(item.start, item.end, item.label_, item.ent_id_, province_of(item, gaz) or "")
        elif item.label_ == "ref:city":
            if _names_follow(item, CAPITAL):
                continue  # "the provincial capital, Lashkar Gah": the name is a target itself
            name = _capital_by_province(view, item, gaz) or (last.get(CAPITAL) and last[CAPITAL].name)
            if not name and main is not None:
                name = gaz.capital_of(province_of(main, gaz) or "")
            if not name:
                continue
            t = Target(item.start, item.end, CAPITAL, name, capital_province(gaz, name), named=False)
        elif item.label_ == "ref:district" and DISTRICT in last and item.start - last[DISTRICT].end < 60:
            if _names_follow(item, DISTRICT):
                continue
            prev = last[DISTRICT]
            t = Target(item.start, item.end, DISTRICT, prev.name, prev.province, named=False)
        else:
            continue
        # "the city" is the capital under discussion, not a road's far end or a place fled to.
        passing = (
            t.named and t.start > 0 and view.low[t.start - 1] in ("to", "towards", "toward", "with", "into")
        )
        if (t.name not in METONYMS or t.label != CAPITAL) and not passing:
            last[t.label] = t
        out.append(t)
    return out


def _names_follow(ref: Span, label: str) -> bool:
    """ "the district of Marjah", "the provincial capital, Lashkar Gah": a name stands right after."""
    return any(e.label_ == label and e.start - ref.end <= 2 for e in ref.doc[ref.end : ref.end + 3].ents)


def _capital_by_province(view: View, ref: Span, gaz: Gazetteer) -> str | None:
    """ "the capital of the embattled Laghman province", "#Badghis provincial center", "In Helmand, ...
    the provincial capital"."""
    doc = view.doc
    after = doc[ref.end : min(len(doc), ref.end + 5)]
    if after[:1].text.lower() == "of":
        for ent in after.ents:
            if ent.label_ == PROVINCE:
                return gaz.capital_of(ent.ent_id_)
    before = [e for e in doc[view.sent(ref.start).start : ref.start].ents if e.label_ == PROVINCE]
    if before and (ref.start - before[-1].end <= 3 or "provincial" in ref.text.lower()):
        return gaz.capital_of(before[-1].ent_id_)
    return None


def main_capital(main: Span | None, gaz: Gazetteer) -> Target | None:
    """The capital of the article's main place, if it has one."""
    if main is not None and (name := gaz.capital_of(province_of(main, gaz) or "")):
        return Target(main.start, main.end, CAPITAL, name, capital_province(gaz, name))
    return None


def context_capital(found: list[Target], before: int, main: Target | None) -> Target | None:
    """The capital being discussed at token ``before``: the last one referred to, else the article's."""
    earlier = [t for t in found if t.label == CAPITAL and t.end <= before and t.name not in METONYMS]
    return earlier[-1] if earlier else main
