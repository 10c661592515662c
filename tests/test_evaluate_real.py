"""Scoring on real annotated pages: the rules of the real set's README, held to its own scorer."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from pipeline.evaluate.citations import score_annotated
from pipeline.evaluate.real import REAL, evaluate_real, score, scored_figures, skeleton
from pipeline.settings import ROOT

SCORER = ROOT.parent / "shared" / "tools" / "score_real.py"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qala-i-Naw", "Qalay Naw"),
        ("Lashkar Gah", "Lashkargah"),
        ("Sar-e Pol", "Sar-e Pul"),
        ("Mazar-i-Sharif", "Mazar-e Sharif"),
        ("Kunduz city", "Kunduz"),
        ("Ghazni province", "Ghazni"),
    ],
)
def test_spellings_of_one_place_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("Kunduz", "Kandahar"), ("Herat", "Hirat city of Farah")])
def test_different_places_do_not(a, b):
    assert skeleton(a) != skeleton(b)


def fig(kind="killed", value=None, qualifier="exact", unit="people", role="total", **more):
    return {"kind": kind, "value": value, "qualifier": qualifier, "unit": unit, "role": role, **more}


@pytest.mark.parametrize(
    ("figures", "gold_keys", "keys"),
    [
        ([fig(value=12)], set(), {("killed", 12, "people")}),
        ([fig(qualifier="vague")], set(), {("killed", None, "people")}),
        ([fig(value=4, role="detail")], set(), set()),  # parts of a total are not scored
        ([fig(kind="casualties", value=30)], set(), set()),  # combined totals are not figures
        (  # a range matches the end the gold names, else counts as its upper end
            [fig(qualifier="range", value_low=20, value_high=30)],
            {("killed", 20, "people")},
            {("killed", 20, "people")},
        ),
        ([fig(qualifier="range", value_low=20, value_high=30)], set(), {("killed", 30, "people")}),
        ([fig(value=12), fig(value=12, role="repeat")], set(), {("killed", 12, "people")}),
    ],
)
def test_which_extracted_figures_are_scored(figures, gold_keys, keys):
    assert set(scored_figures(figures, gold_keys)) == keys


def mention(capital: str, level: str, background: bool) -> dict:
    return {"capital": capital, "level": level, "is_background": background, "trigger": "t", "sentence": "s"}


def test_a_page_is_scored_on_figures_attributes_capitals_levels_and_date():
    gold = {
        "p1": {
            "published": "2021-07",
            "figures": [
                {"kind": "killed", "value": 12, "unit": "people", "qualifier": "at_least",
                 "victims": "civilians", "place": "Kunduz"},
                {"kind": "displaced", "value": 400, "unit": "families", "qualifier": "about", "place": None},
            ],
            "capitals_under_pressure": [{"capital": "Kunduz", "level": "breached"}],
        }
    }  # fmt: skip
    pages = {
        "p1": {
            "article": {"published": dt.date(2021, 7, 8), "date_precision": "day"},
            "figures": [
                fig(value=12, qualifier="at_least", victims="militants", province="Kunduz"),
                fig(kind="wounded", value=30),
            ],
            "pressure": [
                {
                    "capital": "Kunduz",
                    "level": "fell",
                    "is_background": False,
                    "trigger": "t",
                    "sentence": "s",
                },
                {
                    "capital": "Kunduz",
                    "level": "breached",
                    "is_background": True,
                    "trigger": "t",
                    "sentence": "s",
                },
            ],
        }
    }
    report = score(gold, pages)
    figures = report.scores["figures (kind+value+unit)"]
    assert (figures.tp, figures.fp, figures.fn) == (1, 1, 1)
    assert report.accuracy["figure qualifier"] == (1, 1)
    assert report.accuracy["figure victims"] == (0, 1)
    assert report.accuracy["figure province"] == (1, 1)
    capitals = report.scores["capitals under pressure"]
    assert (capitals.tp, capitals.fp, capitals.fn) == (1, 0, 0)
    levels = report.scores["capital pressure (+level)"]  # the background mention does not count
    assert (levels.tp, levels.fp, levels.fn) == (0, 1, 1)
    assert report.accuracy["publication date, exact"] == (1, 1)  # a month annotated: the month must agree


@pytest.mark.slow
def test_the_project_scores_real_pages_as_their_own_scorer_does(tmp_path):
    if not (REAL / "gold.jsonl").is_file() or not SCORER.is_file():
        pytest.skip(f"the real pages and their scorer are not beside the project ({REAL}, {SCORER})")
    out = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SCORER), str(REAL), "--json", str(out)], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    theirs = json.loads(out.read_text())
    ours = evaluate_real()
    pairs = {
        "figures": "figures (kind+value+unit)",
        "capitals": "capitals under pressure",
        "capital_levels": "capital pressure (+level)",
    }
    for name, mine in pairs.items():
        s = ours.scores[mine]
        assert (s.tp, s.fp, s.fn) == (theirs[name]["tp"], theirs[name]["fp"], theirs[name]["fn"]), name
    for name in ("province", "qualifier", "victims"):
        right, n = ours.accuracy[f"figure {name}"]
        assert round(right / n, 3) == theirs["figure_attributes"][name], name
    right, n = ours.accuracy["publication date, exact"]
    assert n == theirs["publication_date"]["pages_with_gold_date"]
    assert round(right / n, 3) == theirs["publication_date"]["exact"]


# Floors on the development pages, a little under today's scores: a change that costs real
# reporting more than that fails here before it reaches the dashboard.
FLOORS = {
    "figures (kind+value+unit)": ("precision", 0.93),
    "capitals under pressure": ("f1", 0.90),
    "capital pressure (+level)": ("f1", 0.83),
}
# The page's own citation, read from its text (tests/citations/realtext.csv): precision first.
CITATION_FLOORS = {
    "title (headline line)": (0.95, 0.90),
    "outlet": (0.95, 0.80),
    "author": (0.95, 0.80),
}
ACCURACY_FLOORS = {
    "figure province": 0.90,
    "figure victims": 0.92,
    "publication date, exact": 0.85,
    "figures right, high confidence": 0.97,
    "figure claimed_by (named sources)": 0.85,
    "figure claimant_type": 0.90,
}


def test_real_reporting_stays_above_its_floors():
    if not (REAL / "gold.jsonl").is_file():
        pytest.skip(f"the annotated real pages are not beside the project ({REAL})")
    report = evaluate_real()
    for name, (measure, floor) in FLOORS.items():
        assert getattr(report.scores[name], measure) >= floor, (name, report.table())
    assert report.scores["figures (kind+value+unit)"].f1 >= 0.93
    for name, floor in ACCURACY_FLOORS.items():
        right, n = report.accuracy[name]
        assert right / n >= floor, (name, report.table())
    for name, (precision, recall) in CITATION_FLOORS.items():
        s = report.scores[name]
        assert s.precision >= precision and s.recall >= recall, (name, report.table())


# Invented displacement excerpts from 46 other countries, annotated by the real pages' guideline:
# tests/abroad (30, rules were written against it) and tests/abroad_heldout (16, written apart
# and never used to write rules). Targets: displacement recall >= 0.85 at precision >= 0.90,
# figure precision >= 0.93, and the country right for >= 0.90 of matched figures.
@pytest.mark.parametrize("folder", ["abroad", "abroad_heldout"])
def test_displacement_abroad_meets_the_targets(folder):
    report = evaluate_real(ROOT / "tests" / folder)
    displaced = report.scores["displacement figures"]
    assert displaced.precision >= 0.90 and displaced.recall >= 0.85, report.table()
    assert report.scores["figures (kind+value+unit)"].precision >= 0.93, report.table()
    right, n = report.accuracy["figure country"]
    assert n >= 30 and right / n >= 0.90, report.table()
    assert report.accuracy["figure province"][0] == report.accuracy["figure province"][1], report.table()


TEXT = "Home | World | Asia | Sport\nTaliban seize Kunduz | Reuters\n\nKUNDUZ (Reuters) - The Taliban ..."


@pytest.mark.parametrize(
    ("annotation", "read", "counts"),
    [
        # (title_line, outlet, author) against what was read: (tp, fp, fn) of title, outlet, author.
        (("2", "Reuters", "Jane Doe"), ("Taliban seize Kunduz", "Reuters", "Jane Doe"), ((1, 0, 0),) * 3),
        # A headline closed by its site's name is the headline alone; an outlet by any spelling.
        (("2", "Agence France-Presse", ""), ("Taliban seize Kunduz", "AFP", None),
         ((1, 0, 0), (1, 0, 0), (0, 0, 0))),
        (("", "AP", ""), (None, "The Associated Press", None), ((0, 0, 0), (1, 0, 0), (0, 0, 0))),
        # Nothing read: missed; something read where the page states nothing, or wrong: against precision.
        (("2", "Reuters", "Jane Doe"), (None, None, None), ((0, 0, 1),) * 3),
        (("", "", ""), ("Home | World | Asia | Sport", "AFP", "Jane Doe"), ((0, 1, 0),) * 3),
        (("1", "Reuters", "Jane Doe"), ("Taliban seize Kunduz", "AFP", "John Roe"), ((0, 1, 1),) * 3),
    ],
)  # fmt: skip
def test_a_page_citation_is_scored_against_its_annotation(annotation, read, counts):
    title_line, outlet, author = annotation
    notes = {"p": {"page": "p", "title_line": title_line, "outlet": outlet, "author": author}}
    title, source, by = read
    scores, _ = score_annotated(notes, {"p": {"title": title, "source": source, "author": by}}, {"p": TEXT})
    found = tuple((s.tp, s.fp, s.fn) for s in scores.values())
    assert found == counts
