"""Scoring on annotated real pages (``../shared/realtext``), by the rules of its README.

The pages are read without metadata (their dates must come from their own text), extracted as
the batch step extracts them, and compared page by page with ``gold.jsonl``:

- figures: one per (kind, value, unit) on a page, a vague one as (kind, None, unit); parts of a
  stated total (``role = detail``) are not scored; a range matches the gold on either end;
- on matched figures: qualifier, victims (not for displacement) and province, where annotated;
- capitals: spelling-insensitive capital names over mentions that are not background; levels:
  (capital, level) pairs;
- the publication date must equal the annotated one (to the day, or to the month when only the
  month is annotated);
- the page's own citation (``citations.py``), where ``tests/citations/<set>.csv`` annotates it:
  the headline line, the outlet and the author read from the text.

These are the rules of ``../shared/tools/score_real.py``; a test holds the two to the same numbers.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from pipeline.evaluate.citations import read_annotations, score_annotated
from pipeline.evaluate.prf import PRF
from pipeline.evaluate.sources import source_accuracy
from pipeline.extract.batch import CITATIONS, extract_articles
from pipeline.plan import article_row, read_from_text
from pipeline.read.files import read_inputs
from pipeline.settings import ROOT, Settings

REAL = ROOT.parent / "shared" / "realtext"
SCORED_KINDS = ("killed", "wounded", "displaced")
PLACE_WORDS = re.compile(r"\b(province|city|town|district|provincial|capital|centre|center)\b")


def skeleton(name: str | None) -> str | None:
    """A place name's spelling-insensitive key: its consonants ("Qala-i-Naw" = "Qalay Naw")."""
    if not name:
        return None
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    letters = re.sub(r"[^a-z]", "", PLACE_WORDS.sub(" ", ascii_name)).replace("q", "k")
    if not letters:
        return None
    return re.sub(r"(.)\1+", r"\1", letters[0] + re.sub(r"[aeiouy]", "", letters[1:]))


def figure_key(f: dict) -> tuple[str, int | None, str]:
    """(kind, value, unit); a vague figure has no value."""
    vague = f.get("value") is None or f.get("qualifier") == "vague"
    return f["kind"], None if vague else int(f["value"]), f.get("unit") or "people"


def scored_figures(figures: list[dict], gold_keys: set[tuple]) -> dict[tuple, dict]:
    """One extracted figure per key, as the gold counts them; a range takes the end the gold names."""
    out: dict[tuple, dict] = {}
    for f in figures:
        if f["kind"] not in SCORED_KINDS or f.get("role") == "detail":
            continue
        key = figure_key(f)
        if f.get("qualifier") == "range" and f.get("value") is None:
            unit = f.get("unit") or "people"
            ends = [
                (f["kind"], int(v), unit) for v in (f.get("value_low"), f.get("value_high")) if v is not None
            ]
            named = [k for k in ends if k in gold_keys]
            key = named[0] if named else (ends[-1] if ends else key)
        out.setdefault(key, f)
    return out


@dataclasses.dataclass
class RealReport:
    folder: str
    pages: int
    scores: dict[str, PRF]
    accuracy: dict[str, tuple[int, int]]  # name -> (right, of)
    errors: list[str]

    def table(self) -> str:
        """The scores as a fixed-width table, headed by what was scored."""
        lines = [f"pages: {self.pages} ({self.folder})", ""]
        lines.append(f"{'measure':<34} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for name, s in self.scores.items():
            lines.append(
                f"{name:<34} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
            )
        lines += ["", f"{'accuracy':<34} {'acc':>6} {'n':>6}"]
        for name, (ok, n) in self.accuracy.items():
            lines.append(f"{name:<34} {ok / n if n else 1.0:6.3f} {n:6d}")
        return "\n".join(lines)


def predict(folder: Path, settings: Settings) -> dict[str, dict]:
    """Extract every page of ``folder/articles`` from its text alone; rows by page id (file stem)."""
    read = read_inputs([folder / "articles"], max_bytes=int(settings.max_file_mb * 1e6))
    notices: list[str] = []
    alone = {field: None for field in ("published", "title", "source", "url", "author")}
    articles = [article_row(dataclasses.replace(raw, **alone), notices) for raw in read.articles]
    rows = extract_articles(articles, settings.household_size, settings.workers)
    cited = {row["article_id"]: row for row in rows.pop(CITATIONS)}
    articles = [read_from_text(a, cited.get(a["article_id"])) for a in articles]
    pages = {a["article_id"]: Path(a["file"]).stem for a in articles}
    out = {pages[a["article_id"]]: {"article": a, "figures": [], "pressure": []} for a in articles}
    for table, name in (("raw_figures", "figures"), ("raw_pressure", "pressure")):
        for row in rows[table]:
            out[pages[row["article_id"]]][name].append(row)
    return out


def score(gold: dict[str, dict], pages: dict[str, dict], sources: list[dict] | None = None) -> RealReport:
    """Compare extracted pages with their annotations; ``sources`` are the claimants of the gold
    figures (``tests/claims/<set>.csv``), scored on the figures they match."""
    c: Counter[str] = Counter()
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    errors: list[str] = []
    for pid, g in sorted(gold.items()):
        page = pages.get(pid, {"figures": [], "pressure": [], "article": None})
        wanted = {figure_key(f): f for f in g.get("figures", [])}
        found = scored_figures(page["figures"], set(wanted))
        for key, gf in wanted.items():
            c["dfn"] += key[0] == "displaced" and key not in found
            c["dtp"] += key[0] == "displaced" and key in found
            if key not in found:
                c["fn"] += 1
                errors.append(f"{pid} figure missed   {key} | {gf.get('sentence', '')}")
                continue
            c["tp"] += 1
            pf = found[key]
            checks = {"qualifier": (gf.get("qualifier"), pf.get("qualifier"))}
            if gf.get("victims") and gf["kind"] != "displaced":
                checks["victims"] = (gf["victims"], pf.get("victims"))
            if "place" in gf:
                checks["province"] = (skeleton(gf["place"]), skeleton(pf.get("province")))
            if gf.get("country"):
                checks["country"] = (gf["country"], pf.get("country"))
            for name, (want, got) in checks.items():
                if name == "qualifier" and want is None:
                    continue
                seen[name] += 1
                right[name] += want == got
                if want != got:
                    errors.append(f"{pid} figure {name:<9} {key}: gold {want}, got {got}")
        for key, pf in found.items():
            level = pf.get("confidence") or "unrated"
            seen[f"right, {level}"] += 1
            right[f"right, {level}"] += key in wanted
            if key not in wanted:
                c["fp"] += 1
                c["dfp"] += key[0] == "displaced"
                errors.append(f"{pid} figure extra    {key} | {pf.get('sentence', '')[:140]!r}")
        current = [p for p in page["pressure"] if not p.get("is_background")]
        gold_caps = g.get("capitals_under_pressure", [])
        got_names = {skeleton(p["capital"]) for p in current}
        want_names = {skeleton(x["capital"]) for x in gold_caps}
        c["ctp"] += len(got_names & want_names)
        c["cfp"] += len(got_names - want_names)
        c["cfn"] += len(want_names - got_names)
        got_levels = {(skeleton(p["capital"]), p["level"]): p for p in current}
        want_levels = {(skeleton(x["capital"]), x["level"]): x for x in gold_caps}
        c["ltp"] += len(got_levels.keys() & want_levels.keys())
        c["lfp"] += len(got_levels.keys() - want_levels.keys())
        c["lfn"] += len(want_levels.keys() - got_levels.keys())
        errors += [
            f"{pid} pressure missed {want_levels[k]['capital']} {k[1]}"
            for k in sorted(want_levels.keys() - got_levels.keys())
        ]
        errors += [
            f"{pid} pressure extra  {p['capital']} {p['level']} ({p['trigger']!r}) | {p['sentence'][:120]!r}"
            for k, p in sorted(got_levels.items())
            if k not in want_levels
        ]
        if g.get("published"):
            article = page["article"] or {}
            day = str(article["published"])[:10] if article.get("published") else None
            want = g["published"]
            got = day[: len(want)] if day and len(want) == 7 else day
            seen["date"] += 1
            right["date"] += got == want
            right["date_year"] += bool(day) and day[:4] == want[:4]
            if got != want:
                errors.append(
                    f"{pid} date           gold {want}, got {day} ({article.get('date_precision')})"
                )
    scores = {
        "figures (kind+value+unit)": PRF(c["tp"], c["fp"], c["fn"]),
        "displacement figures": PRF(c["dtp"], c["dfp"], c["dfn"]),
        "capitals under pressure": PRF(c["ctp"], c["cfp"], c["cfn"]),
        "capital pressure (+level)": PRF(c["ltp"], c["lfp"], c["lfn"]),
    }
    accuracy = {f"figure {n}": (right[n], seen[n]) for n in ("province", "qualifier", "victims", "country")}
    if not seen["country"]:
        del accuracy["figure country"]  # the pages annotate no country
    for level in ("high", "medium", "low"):
        accuracy[f"figures right, {level} confidence"] = (right[f"right, {level}"], seen[f"right, {level}"])
    if sources:
        matched = []
        for row in sources:
            key = (row["kind"], int(row["value"]) if row["value"] else None, row["unit"] or "people")
            page = pages.get(row["page"], {"figures": []})
            # The gold figure stands for every mention of it: the mention whose source is named.
            named = [f for f in page["figures"] if f.get("claimed_by")]
            for candidates in (named, page["figures"]):
                found = scored_figures(candidates, {key})
                if key in found:
                    matched.append(({**row, "file": row["page"]}, found[key]))
                    break
        found_sources, wrong = source_accuracy(matched)
        accuracy.update(found_sources)
        errors += wrong
    accuracy["publication date, exact"] = (right["date"], seen["date"])
    accuracy["publication date, year"] = (right["date_year"], seen["date"])
    return RealReport("", len(gold), scores, accuracy, errors)


def evaluate_real(folder: Path = REAL, settings: Settings | None = None) -> RealReport | None:
    """Score the real pages in ``folder``; None when they are not there."""
    if not (folder / "gold.jsonl").is_file():
        return None
    gold = {
        g["id"]: g for g in map(json.loads, (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    }
    claims = ROOT / "tests" / "claims" / f"{folder.name}.csv"
    sources = list(csv.DictReader(claims.open(encoding="utf-8"))) if claims.is_file() else None
    pages = predict(folder, settings or Settings.load())
    report = score(gold, pages, sources)
    cited = read_annotations(ROOT / "tests" / "citations" / f"{folder.name}.csv")
    if cited:
        texts = {p.stem: p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.txt")}
        articles = {pid: page["article"] for pid, page in pages.items()}
        found, wrong = score_annotated(cited, articles, texts)
        report.scores.update(found)
        report.errors += wrong
    return dataclasses.replace(report, folder=str(folder))
