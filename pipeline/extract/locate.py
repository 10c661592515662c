"""Where things happened: the places a sentence names, the article's main place, and every
reference to a capital or district, named or not ("the city", "the capital of Laghman province").
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from spacy.tokens import Span

from pipeline.extract import lexicon, reference
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
    reference: str = ""  # how the mention only locates something else (``reference.kind``), or ""


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
        if ent.label_ == FOREIGN or is_dateline(ent):
            continue
        # "Kabul" stands for the government (or the reporter's desk) unless the text says it
        # means the city ("Kabul city"): on real pages a bare "Kabul" made a poor main place.
        if ent.ent_id_ in METONYMS and view.low[ent.end : ent.end + 1] != ["city"]:
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
        kind = reference.kind(view, item.start, item.end, item.label_)
        if item.label_ in (CAPITAL, DISTRICT) and not is_dateline(item):
            if kind == reference.PROVINCE:
                continue  # "the northern province of Sar-e Pul"
            province = province_of(item, gaz) or ""
            t = Target(item.start, item.end, item.label_, item.ent_id_, province, True, kind)
        elif item.label_ == "ref:city":
            if _names_follow(item, CAPITAL) or _apposed(view, item):
                continue  # "the provincial capital, Lashkar Gah": the name is a target itself
            if _several(view, item):
                out += _capitals_listed(view, item, gaz)  # "the provincial centers of Jawzjan and Nimruz"
                continue
            name = _national(view, item) or _capital_by_province(view, item, gaz)
            if not name and view.low[item.end - 1] == "of":
                continue  # "the centre of" names a capital only with its province after it
            name = name or (last.get(CAPITAL) and last[CAPITAL].name)
            if not name and main is not None:
                name = gaz.capital_of(province_of(main, gaz) or "")
            if not name:
                continue
            t = Target(item.start, item.end, CAPITAL, name, capital_province(gaz, name), False, kind)
        elif item.label_ == "ref:district" and DISTRICT in last and item.start - last[DISTRICT].end < 60:
            if _names_follow(item, DISTRICT):
                continue
            prev = last[DISTRICT]
            t = Target(item.start, item.end, DISTRICT, prev.name, prev.province, False, kind)
        else:
            continue
        # "the city" is the capital under discussion, not a road's far end or a place fled to.
        passing = t.named and (
            (t.start > 0 and view.low[t.start - 1] in ("to", "towards", "toward", "with", "into"))
            or kind == reference.DESTINATION
        )
        if (t.name not in METONYMS or t.label != CAPITAL) and not passing:
            last[t.label] = t
        out.append(t)
    return sorted(out, key=lambda t: (t.start, -t.end))


def _several(view: View, ref: Span) -> bool:
    """ "the provincial capitals", "the capital cities": more than one capital."""
    nxt = view.low[ref.end] if ref.end < len(view.low) else ""
    return view.low[ref.end - 1] in ("capitals", "centers", "centres") or nxt in ("cities", "capitals")


def _capitals_listed(view: View, ref: Span, gaz: Gazetteer) -> list[Target]:
    """ "the provincial centers of Jawzjan, Sar-e-Pol and Nimruz": the capital of each province listed
    (capitals named in the list are targets of their own)."""
    out: list[Target] = []
    i = ref.end + (view.low[ref.end : ref.end + 1] in (["cities"], ["capitals"]))  # "the capital cities of"
    if view.low[i : i + 1] != ["of"]:
        return out
    i += 1
    ents = {e.start: e for e in view.doc.ents}
    while i < len(view.low):
        if i in ents:
            ent = ents[i]
            if ent.label_ == PROVINCE and (name := gaz.capital_of(ent.ent_id_)):
                out.append(Target(ent.start, ent.end, CAPITAL, name, ent.ent_id_, named=False))
            i = ent.end
        elif view.low[i] in (",", "and", "the", "province", "provinces"):
            i += 1
        else:
            break
    return out


def _national(view: View, ref: Span) -> str | None:
    """ "the capital of Afghanistan", "the country's capital", "the Afghan capital": the national
    capital (the place that stands for the government), not the capital last named."""
    if set(view.low[ref.start : ref.end]) - {"the", "capital"} or len(METONYMS) != 1:
        return None
    after = view.low[ref.end : ref.end + 3]
    before = set(view.low[max(0, ref.start - 3) : ref.start])
    if after[:2] == ["of", "afghanistan"] and after[2:] not in (["'s"], ["’s"]):
        return next(iter(METONYMS))
    if before & {"country", "afghan", "national", "afghanistan"}:
        return next(iter(METONYMS))
    return None


def _apposed(view: View, ref: Span) -> bool:
    """ "Farah, capital of the province of the same name": the capital is named right before."""
    before = view.doc[max(0, ref.start - 3) : ref.start]
    return ref.start > 1 and view.low[ref.start - 1] == "," and any(e.label_ == CAPITAL for e in before.ents)


def _names_follow(ref: Span, label: str) -> bool:
    """ "the district of Marjah", "the provincial capital, Lashkar Gah": a name stands right after."""
    return any(e.label_ == label and e.start - ref.end <= 2 for e in ref.doc[ref.end : ref.end + 3].ents)


def _capital_by_province(view: View, ref: Span, gaz: Gazetteer) -> str | None:
    """ "the capital of the embattled Laghman province", "#Badghis provincial center", "In Helmand, ...
    the provincial capital"."""
    doc = view.doc
    after = doc[ref.end : min(len(doc), ref.end + 5)]
    if view.low[ref.end - 1] == "of":
        # "the center of Logar province" is its capital; "the centre of Helmand's Nawa district" is not.
        ent = after[:2].ents[0] if after[:2].ents else None
        if ent is not None and ent.label_ == PROVINCE and view.low[ent.end : ent.end + 1] == ["province"]:
            return gaz.capital_of(ent.ent_id_)
        return None
    if after[:1].text.lower() == "of":
        for ent in after.ents:
            if ent.label_ == PROVINCE:
                return gaz.capital_of(ent.ent_id_)
        words = view.low[ref.end + 1 : ref.end + 8]
        k = words.index("province") if "province" in words else -1
        if k >= 0 and "of" not in words[: k + 2] and not doc[ref.end : ref.end + k + 2].ents:
            # "the capital of the southern opium-rich province": the province last named (not "the
            # capital of the province of the same name", which names it after)
            earlier = [e for e in doc[: ref.start].ents if e.label_ == PROVINCE]
            return gaz.capital_of(earlier[-1].ent_id_) if earlier else None
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
