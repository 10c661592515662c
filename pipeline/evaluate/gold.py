"""Scoring the extractor against the hand-annotated gold set in ``tests/gold``.

The gold set is a folder of articles (with a manifest) and three CSV files of expected
rows: ``figures.csv``, ``pressure.csv``, ``district_events.csv``. Scores:

- figures: precision, recall and F1 of (article, kind, value, unit), where a vague figure's
  value is its floor; on matched figures, accuracy of qualifier, victims, province, role;
- capitals under pressure: P/R/F1 of (article, capital) and of (article, capital, level);
  on matched mentions, accuracy of is_background;
- district events: P/R/F1 of (article, district, status).
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from pipeline.evaluate.citations import score_metadata
from pipeline.evaluate.prf import PRF
from pipeline.evaluate.sources import source_accuracy
from pipeline.extract.batch import CITATIONS, extract_articles
from pipeline.extract.page import mask_furniture
from pipeline.extract.places import CAPITAL, DISTRICT, PROVINCE, load_gazetteer
from pipeline.extract.provenance import citation_fields
from pipeline.extract.published import find_published
from pipeline.group.events import group_figures
from pipeline.plan import article_row
from pipeline.read.files import parse_published, read_inputs
from pipeline.settings import ROOT, Settings
from pipeline.store.schema import frame
from pipeline.vocab import PRECISION_RANK as RANK

GOLD = ROOT / "tests" / "gold"


@dataclasses.dataclass
class Report:
    scores: dict[str, PRF]
    accuracy: dict[str, tuple[int, int]]  # name -> (correct, matched)
    errors: list[str]
    dating: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)  # name -> (right, of)
    totals: list[tuple[str, str, str, int, int]] = dataclasses.field(default_factory=list)  # gold vs ours
    # (happening, kind, the analyst's counted-once figure, ours, events its reports landed in)
    happenings: list[tuple[str, str, int, int, int]] = dataclasses.field(default_factory=list)

    def table(self) -> str:
        """The scores as a fixed-width table."""
        lines = [f"{'measure':<34} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<34} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
            )
        lines.append("")
        lines.append(f"{'accuracy on matched rows':<34} {'acc':>6} {'n':>6}")
        for name, (ok, n) in self.accuracy.items():
            lines.append(f"{name:<34} {ok / n if n else 1.0:6.3f} {n:6d}")
        if self.totals:
            within = sum(1 for *_, g, p in self.totals if abs(p - g) <= 0.1 * max(g, 1))
            gold_sum = sum(g for *_, g, _ in self.totals)
            ours = sum(p for *_, _, p in self.totals)
            lines.append("")
            lines.append(f"{'totals, each event counted once':<34} {'value':>10}")
            lines.append(f"{'(kind, province, unit) within 10%':<34} {within / len(self.totals):10.3f}")
            lines.append(f"{'people, gold':<34} {gold_sum:10,d}")
            lines.append(f"{'people, extracted':<34} {ours:10,d}")
        if self.happenings:
            near = sum(1 for *_, want, got, _ in self.happenings if abs(got - want) <= 0.25 * max(want, 1))
            once = sum(1 for *_, n in self.happenings if n == 1)
            lines.append("")
            lines.append(f"{'happenings (happening, kind)':<34} {'share':>6} {'n':>6}")
            n = len(self.happenings)
            lines.append(f"{'counted once within 25%':<34} {near / n:6.3f} {n:6d}")
            lines.append(f"{'its reports in one event':<34} {once / n:6.3f} {n:6d}")
        if self.dating:
            lines.append("")
            lines.append(f"{'publication date from the text':<34} {'share':>6} {'n':>6}")
            for name, (ok, n) in self.dating.items():
                lines.append(f"{name:<34} {ok / n if n else 1.0:6.3f} {n:6d}")
        return "\n".join(lines)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _int(value: object) -> int | None:
    return None if value in (None, "") else int(value)


def _bool(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "t")


def _match(gold: list[dict], pred: list[dict], key) -> tuple[PRF, list[tuple[dict, dict]], list, list]:
    """Multiset matching on ``key``; returns scores, matched pairs, false positives, misses."""
    remaining: dict[tuple, list[dict]] = {}
    for g in gold:
        remaining.setdefault(key(g), []).append(g)
    pairs, fps = [], []
    for p in pred:
        bucket = remaining.get(key(p))
        if bucket:
            pairs.append((bucket.pop(0), p))
        else:
            fps.append(p)
    fns = [g for bucket in remaining.values() for g in bucket]
    return PRF(len(pairs), len(fps), len(fns)), pairs, fps, fns


def _accuracy(pairs: list[tuple[dict, dict]], field: str, norm=lambda v: v or None) -> tuple[int, int]:
    return sum(norm(g.get(field)) == norm(p.get(field)) for g, p in pairs), len(pairs)


def predict(gold_dir: Path, settings: Settings) -> dict[str, list[dict]]:
    """Run the extractor over the gold articles; rows carry the article's ``file``."""
    result = read_inputs([gold_dir / "articles"], max_bytes=int(settings.max_file_mb * 1e6))
    notices: list[str] = []
    articles = [article_row(raw, notices) for raw in result.articles]
    files = {a["article_id"]: a["file"] for a in articles}
    out = extract_articles(articles, settings.household_size, settings.workers)
    out.pop(CITATIONS)  # the citations read from the texts are scored apart (``score_citing``)
    predicted = {
        table: [{**row, "file": files[row["article_id"]]} for row in rows] for table, rows in out.items()
    }
    # Events as the batch step groups them, for the totals that count each event once.
    figures = frame("raw_figures", out["raw_figures"])
    published = frame("raw_articles", articles).select("article_id", "published")
    with_events, grouped = group_figures(
        figures, published, settings.date_window_days, settings.toll_window_days, settings.choose_by
    )
    predicted["raw_events"] = grouped.to_dicts()
    event_of = dict(zip(with_events["figure_id"], with_events["event_id"], strict=True))
    for row in predicted["raw_figures"]:
        row["event_id"] = event_of.get(row["figure_id"])
    return predicted


def _canonical(rows: list[dict], field: str, labels: tuple[str, ...]) -> list[dict]:
    """Gold rows with place names spelled the gazetteer's way ("Sar-e Pul" -> "Sar-e Pol")."""
    names = {}
    for spelling, place in load_gazetteer().aliases:
        if place.label in labels:
            names.setdefault(spelling.lower(), place.name)
    return [{**r, field: names.get(r[field].lower(), r[field])} if r.get(field) else r for r in rows]


def score(gold_dir: Path, predicted: dict[str, list[dict]]) -> Report:
    """Compare predicted rows with the gold CSV files."""
    scores: dict[str, PRF] = {}
    accuracy: dict[str, tuple[int, int]] = {}
    errors: list[str] = []

    def fig_key(r: dict) -> tuple:
        value = _int(r.get("value"))
        return (r["file"], r["kind"], value if value is not None else _int(r.get("value_low")), r["unit"])

    gold_figs = _canonical(_rows(gold_dir / "figures.csv"), "province", (PROVINCE,))
    s, pairs, fps, fns = _match(gold_figs, predicted["raw_figures"], fig_key)
    scores["figures (kind+value+unit)"] = s
    pairs_by_text = {(g["file"], g["number_text"]): p for g, p in pairs}
    for field in ("qualifier", "victims", "province", "role"):
        accuracy[f"figure {field}"] = _accuracy(pairs, field)
        errors += [
            f"figure {field}: {g['file']} {g['kind']} {g.get('number_text')}: "
            f"gold {g.get(field) or '-'}, got {p.get(field) or '-'}"
            for g, p in pairs
            if (g.get(field) or None) != (p.get(field) or None)
        ]
    accuracy.update(_date_accuracy("figure event date", pairs))
    if any(g.get("claimant_type") for g, _ in pairs):
        found, wrong = source_accuracy(pairs)
        accuracy.update(found)
        errors += [f"figure source: {e}" for e in wrong]
    errors += [
        f"figure extra: {p['file']} {p['kind']} {p['number_text']!r} | {p['sentence'][:140]}" for p in fps
    ]
    errors += [f"figure missed: {g['file']} {g['kind']} {g.get('number_text')!r}" for g in fns]

    gold_p = _canonical(_rows(gold_dir / "pressure.csv"), "capital", (CAPITAL,))
    pred_p = list({(r["file"], r["capital"], r["level"]): r for r in predicted["raw_pressure"]}.values())
    scores["capitals (article+capital)"] = _match(
        list({(g["file"], g["capital"]): g for g in gold_p}.values()),
        list({(p["file"], p["capital"]): p for p in pred_p}.values()),
        lambda r: (r["file"], r["capital"]),
    )[0]
    s, pairs, fps, fns = _match(gold_p, pred_p, lambda r: (r["file"], r["capital"], r["level"]))
    scores["capital pressure (+level)"] = s
    accuracy["pressure is_background"] = _accuracy(pairs, "is_background", _bool)
    accuracy.update(_date_accuracy("pressure event date", pairs))
    errors += [
        f"pressure background: {g['file']} {g['capital']} {g['level']}: gold {g['is_background']}"
        for g, p in pairs
        if _bool(g["is_background"]) != _bool(p["is_background"])
    ]
    errors += [
        f"pressure extra: {p['file']} {p['capital']} {p['level']} | {p['sentence'][:140]}" for p in fps
    ]
    errors += [f"pressure missed: {g['file']} {g['capital']} {g['level']}" for g in fns]

    gold_d = _canonical(_rows(gold_dir / "district_events.csv"), "district", (DISTRICT,))
    pred_d = list(
        {(r["file"], r["district"], r["status"]): r for r in predicted["raw_district_events"]}.values()
    )
    s, _, fps, fns = _match(gold_d, pred_d, lambda r: (r["file"], r["district"], r["status"]))
    scores["district events"] = s
    errors += [
        f"district extra: {p['file']} {p['district']} {p['status']} | {p['sentence'][:140]}" for p in fps
    ]
    errors += [f"district missed: {g['file']} {g['district']} {g['status']}" for g in fns]
    report = Report(scores, accuracy, sorted(errors))
    if (gold_dir / "happenings.csv").exists() and "raw_events" in predicted:
        report.happenings, wrong = _happenings(gold_dir, pairs_by_text, predicted["raw_events"])
        report.errors += wrong
    if (gold_dir / "totals.csv").exists() and "raw_events" in predicted:
        report.totals = _totals(gold_dir, predicted["raw_events"])
    return report


def _date_accuracy(name: str, pairs: list[tuple[dict, dict]]) -> dict[str, tuple[int, int]]:
    """Matched rows whose event date agrees with the gold date to the year, month and day."""
    dated = [(g, p) for g, p in pairs if g.get("event_date")]
    out = {}
    for level, width in (("year", 4), ("month", 7), ("day", 10)):
        rows = [(g, p) for g, p in dated if RANK[g.get("date_precision") or "day"] <= RANK[level]]
        right = sum(
            1 for g, p in rows if p["event_date"] and str(p["event_date"])[:width] == g["event_date"][:width]
        )
        out[f"{name}, {level}"] = (right, len(rows))
    return out


def _totals(gold_dir: Path, predicted_events: list[dict]) -> list[tuple[str, str, str, int, int]]:
    """Gold totals per (kind, province, unit) next to the extracted events' totals."""
    ours: dict[tuple, int] = {}
    for e in predicted_events:
        key = (e["kind"], e["province"] or "", "people")
        ours[key] = ours.get(key, 0) + (e["people_estimate"] or 0)
    gold = _canonical(_rows(gold_dir / "totals.csv"), "province", (PROVINCE,))
    merged: dict[tuple, int] = {}
    for g in gold:  # families are counted as people (x household size) on both sides
        key = (g["kind"], g["province"], "people")
        merged[key] = merged.get(key, 0) + int(g["people_total"])
    return [(*key, total, ours.get(key, 0)) for key, total in sorted(merged.items())]


def _happenings(
    gold_dir: Path, pairs_by_text: dict[tuple[str, str], dict], events: list[dict]
) -> tuple[list[tuple[str, str, int, int, int]], list[str]]:
    """Each annotated happening's counted-once figure next to ours: the events its reports
    landed in, each counted once (a happening split over two events counts both)."""
    value_of = {e["event_id"]: e["value"] if e["value"] is not None else e["value_low"] or 0 for e in events}
    out, errors = [], []
    for h in _rows(gold_dir / "happenings.csv"):
        found = [pairs_by_text.get(tuple(m.split("|", 1))) for m in h["members"].split(";")]
        ids = {p["event_id"] for p in found if p is not None and p.get("event_id")}
        ours = sum(value_of.get(e, 0) for e in ids)
        want = int(h["value"])
        out.append((h["happening_id"], h["kind"], want, ours, len(ids)))
        if abs(ours - want) > 0.25 * max(want, 1) or len(ids) != 1:
            name = f"{h['happening_id']} {h['kind']}"
            errors.append(f"happening: {name}: analyst {want}, ours {ours} in {len(ids)} events")
    return out, errors


def score_dating(gold_dir: Path) -> dict[str, tuple[int, int]]:
    """Dates found in the articles' own text (metadata ignored) against the manifest's dates.

    A found date is right at a level (year, month, day) when it agrees with the manifest at that
    level and claims at least that precision; a date claimed more precisely than it is right is
    counted as wrong ("wrong"), never as right.
    """
    result = read_inputs([gold_dir / "articles"], max_bytes=50_000_000)
    counts = {"found": 0, "right to the year": 0, "right to the month": 0, "right to the day": 0, "wrong": 0}
    known = 0
    for raw in result.articles:
        truth = parse_published(raw.published or "")
        if truth is None:
            continue
        known += 1
        found = find_published(mask_furniture(raw.text))
        if found is None:
            continue
        counts["found"] += 1
        (true_date, true_precision), date, precision = truth, found.date, found.precision
        agree = {
            "year": date.year == true_date.year,
            "month": (date.year, date.month) == (true_date.year, true_date.month),
            "day": date == true_date,
        }
        for level in ("year", "month", "day"):
            if RANK[precision] <= RANK[level] and RANK[true_precision] <= RANK[level] and agree[level]:
                counts[f"right to the {level}"] += 1
        if not agree[precision] and RANK[true_precision] <= RANK[precision]:
            counts["wrong"] += 1
    return {name: (n, known) for name, n in counts.items()}


def score_citing(gold_dir: Path) -> dict[str, PRF]:
    """Titles and outlets read from the articles' own text (metadata withheld) against the manifest's."""
    result = read_inputs([gold_dir / "articles"], max_bytes=50_000_000)
    given = [(raw.file, {"title": raw.title, "source": raw.source}, raw.text) for raw in result.articles]
    return score_metadata([(file, meta, citation_fields(text)) for file, meta, text in given])[0]


def evaluate(gold_dir: Path = GOLD, settings: Settings | None = None) -> Report:
    """Extract the gold articles and score them."""
    settings = settings or Settings.load()
    report = score(gold_dir, predict(gold_dir, settings))
    report.dating = score_dating(gold_dir)
    report.scores.update(score_citing(gold_dir))
    return report
