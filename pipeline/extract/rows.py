"""Extraction: a processed spaCy ``Doc`` in, plain rows out. No IO.

Figures (``figures``, ``roles``) and pressure mentions (``pressure``) are placed
(``locate``) and dated (``dates``) here, and turned into the rows of
``raw_figures``, ``raw_pressure`` and ``raw_district_events``; every row keeps its sentence
and character offsets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Doc, Span

from pipeline import vocab
from pipeline.extract import claims, confidence, dates, lexicon, locate
from pipeline.extract.alternatives import mark_alternatives
from pipeline.extract.figures import find_figures
from pipeline.extract.places import CAPITAL, DISTRICT, load_gazetteer
from pipeline.extract.pressure import find_mentions, one_status_a_day
from pipeline.extract.roles import assign_roles
from pipeline.extract.view import View
from pipeline.extract.where import AFGHANISTAN, figure_place, focus_country
from pipeline.settings import HOUSEHOLD_SIZE

# Words naming a kind of incident, each with the kind it names ("blast": "bombing"), and the
# words of a running count ("since", "so far", "the toll rose").
INCIDENTS = {w: kind for kind in vocab.INCIDENT_KINDS for w in lexicon.words(f"incident_{kind}")}
RUNNING = set(lexicon.words("running"))
RECALLED = set(lexicon.words("recalled_event"))


@dataclasses.dataclass(frozen=True)
class Article:
    """What extraction needs to know about an article besides its text."""

    article_id: str
    published: dt.date | None = None
    date_precision: str | None = None
    household_size: float = HOUSEHOLD_SIZE


@dataclasses.dataclass
class Extraction:
    figures: list[dict]
    pressure: list[dict]
    district_events: list[dict]


def _when(view: View, sent: Span, token_i: int, art: Article) -> tuple[dates.When, bool]:
    """The date of what is said at a token, and whether the sentence itself dated it."""
    text = view.sent_text(sent)
    cue = dates.nearest_cue(dates.find_cues(text), view.starts[token_i] - view.starts[sent.start], text)
    return dates.resolve(cue, art.published, art.date_precision), cue is not None


def _figure_when(view: View, sent: Span, token_i: int, art: Article) -> dates.When:
    """A figure's date; told of "that battle" with no date of its own, the date of the sentence
    before ("The attack revived memories of last June, when ... About 60 people were killed in
    that battle")."""
    when, dated = _when(view, sent, token_i, art)
    words = view.low[sent.start : sent.end]
    recalled = any(a == "that" and b in RECALLED for a, b in zip(words, words[1:], strict=False))
    k = view.sent_of[sent.start]
    if dated or not recalled or k == 0:
        return when
    before = next((t for t in reversed(view.sents[:k]) if t.text.strip()), None)
    cues = dates.find_cues(view.sent_text(before)) if before is not None else ()
    return dates.resolve(cues[0], art.published, art.date_precision) if cues else when


def _evidence(view: View, sent: Span, start_char: int, end_char: int) -> dict:
    return {
        "sentence": view.sent_text(sent).strip(),
        "char_start": start_char,
        "char_end": end_char,
        "sentence_start": view.starts[sent.start],
        "sentence_end": view.ends[sent.end - 1],
    }


def _confidence(reasons: list[str]) -> dict:
    return {"confidence": confidence.level(reasons), "confidence_reason": "; ".join(reasons)}


def incident(view: View, sent: Span, source: str | None) -> str:
    """The kinds of incident a figure's sentence names ("airstrike bombing"), space-separated;
    not the words of its source ("a mine-clearing agency said")."""
    theirs = set((source or "").lower().split())
    return " ".join(sorted({INCIDENTS[w] for w in view.words(sent) if w in INCIDENTS and w not in theirs}))


def _claim(view: View, sent: Span, at: int, page: claims.Publisher | None) -> dict:
    claim = claims.claim_of(view, sent, at, page)
    return {"claimed_by": claim.claimed_by, "claimant_type": claim.claimant_type}


def _figure_rows(view: View, art: Article, main: Span | None, page: claims.Publisher | None) -> list[dict]:
    gaz = load_gazetteer()
    figs = find_figures(view)
    assign_roles(figs)
    ids = [f"{art.article_id}-f{f.number.start}" for f in figs]
    focus = focus_country(view, main)
    rows = []
    for fid, f in zip(ids, figs, strict=True):
        n = f.number
        where = figure_place(view, f.sent, n.start, main, f.kind, gaz, focus)
        place = where.place
        when = _figure_when(view, f.sent, n.core_start, art)
        start_char, end_char = view.starts[n.start], view.ends[n.end - 1]
        scale = art.household_size if f.unit == "families" else 1
        rows.append(
            {
                "figure_id": fid,
                "article_id": art.article_id,
                "kind": f.kind,
                "value": n.value,
                "value_low": n.value_low,
                "value_high": n.value_high,
                "qualifier": n.qualifier,
                "unit": f.unit,
                "people_estimate": round((n.floor or 0) * scale),
                "victims": f.victims,
                **(claim := _claim(view, f.sent, n.start, page)),
                "incident": incident(view, f.sent, claim["claimed_by"]),
                "running": bool(view.words(f.sent) & RUNNING),
                "province": where.province,
                "place": locate.place_name(place, gaz) if place else None,
                "country": where.country,
                "place_basis": where.basis,
                "event_date": when.date,
                "date_precision": when.precision,
                "counted": f.role == "total",
                "role": f.role,
                "parent_figure_id": ids[f.parent] if f.parent is not None else None,
                "number_text": view.raw[start_char:end_char],
                **_confidence(
                    confidence.figure_reasons(
                        view, f.sent, where, n.qualifier, f.victims, claim["claimant_type"]
                    )
                ),
                **_evidence(view, f.sent, start_char, end_char),
            }
        )
    return rows


def _pressure_rows(
    view: View, art: Article, main: Span | None, page: claims.Publisher | None
) -> tuple[list[dict], list[dict]]:
    gaz = load_gazetteer()
    found = locate.targets(view, gaz, main)
    main_capital = locate.main_capital(main, gaz)
    pressure, districts, seen = [], [], set()
    background: dict[tuple[str, str], dates.When] = {}
    for m in find_mentions(view, found, locate.shared_names(gaz), main_capital):
        trig, t, level = m.trigger, m.target, m.level
        sent = view.sent(trig.start)
        key = (t.label, t.name, level, sent.start)
        if key in seen or (t.label == DISTRICT and vocab.DISTRICT_STATUS[level] is None):
            continue
        seen.add(key)
        when, dated = _when(view, sent, trig.start, art)
        # A recalled episode named again later ("the fall of Kunduz") keeps its own date.
        if when.is_background:
            background[(t.name, level)] = when
        elif not dated and (t.name, level) in background:
            when = background[(t.name, level)]
        start_char = min(view.starts[trig.start], view.starts[t.start])
        end_char = max(view.ends[trig.end - 1], view.ends[t.end - 1])
        ev = _evidence(view, sent, start_char, end_char)
        common = {
            "article_id": art.article_id,
            "province": t.province,
            "country": AFGHANISTAN,  # the gazetteer's capitals and districts are Afghan
            "event_date": when.date,
            "date_precision": when.precision,
            "is_background": when.is_background,
        }
        if t.label == CAPITAL:
            pressure.append(
                {
                    "pressure_id": f"{art.article_id}-p{trig.start}-{t.start}",
                    **common,
                    "capital": t.name,
                    "level": level,
                    "trigger": trig.text,
                    **(claim := _claim(view, sent, trig.start, page)),
                    **_confidence(confidence.pressure_reasons(view, sent, t.named, claim["claimant_type"])),
                    **ev,
                }
            )
        else:
            districts.append(
                {
                    "district_event_id": f"{art.article_id}-d{trig.start}-{t.start}",
                    **common,
                    "district": t.name,
                    "status": vocab.DISTRICT_STATUS[level],
                    "sentence": ev["sentence"],
                    "char_start": start_char,
                    "char_end": end_char,
                }
            )
    return pressure, districts


def extract(doc: Doc, art: Article) -> Extraction:
    """All figures, pressure mentions and district events in one article."""
    view = View(doc)
    main = locate.main_place(view)
    page = claims.Publisher(view)
    pressure, districts = _pressure_rows(view, art, main, page)
    pressure = one_status_a_day(pressure)
    figures = _figure_rows(view, art, main, page)
    mark_alternatives(figures)
    return Extraction(figures, pressure, districts)
