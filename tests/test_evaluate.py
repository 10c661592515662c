"""The scorer itself: matching, precision, recall and field accuracy on a small hand-made gold set."""

from __future__ import annotations

import csv

import pytest

from pipeline.evaluate import PRF, evaluate, score


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def fig(file, kind, value, unit="people", **kw):
    row = {"file": file, "kind": kind, "value": value, "value_low": "", "unit": unit, "qualifier": "exact"}
    row.update({"victims": "unspecified", "province": "", "role": "total", "number_text": str(value)})
    return {**row, **kw}


@pytest.fixture()
def gold(tmp_path):
    write_csv(
        tmp_path / "figures.csv",
        [
            fig("a.txt", "killed", 14, victims="mixed", province="Helmand"),
            fig("a.txt", "displaced", 30000, qualifier="about", province="Helmand"),
            fig("b.txt", "killed", "", value_low=100, qualifier="vague"),
        ],
    )
    write_csv(
        tmp_path / "pressure.csv",
        [
            {"file": "a.txt", "capital": "Lashkar Gah", "level": "attacked", "is_background": "false"},
            {"file": "a.txt", "capital": "Kunduz", "level": "fell", "is_background": "true"},
        ],
    )
    write_csv(
        tmp_path / "district_events.csv", [{"file": "a.txt", "district": "Marjah", "status": "threatened"}]
    )
    return tmp_path


def test_scores_count_matches_extras_and_misses(gold):
    predicted = {
        "raw_figures": [
            fig("a.txt", "killed", 14, victims="unspecified", province="Helmand", sentence="s"),
            fig("a.txt", "killed", 10, role="detail", sentence="s"),  # not in gold: a false positive
            fig("b.txt", "killed", None, value_low=100, qualifier="vague", sentence="s"),
        ],
        "raw_pressure": [
            {
                "file": "a.txt",
                "capital": "Lashkar Gah",
                "level": "attacked",
                "is_background": False,
                "sentence": "s",
            },
            {
                "file": "a.txt",
                "capital": "Lashkar Gah",
                "level": "attacked",
                "is_background": False,
                "sentence": "t",
            },
            {
                "file": "a.txt",
                "capital": "Kunduz",
                "level": "breached",
                "is_background": True,
                "sentence": "s",
            },
        ],
        "raw_district_events": [
            {"file": "a.txt", "district": "Marjah", "status": "threatened", "sentence": "s"}
        ],
    }
    report = score(gold, predicted)
    assert report.scores["figures (kind+value+unit)"] == PRF(tp=2, fp=1, fn=1)
    assert report.scores["capitals (article+capital)"] == PRF(tp=2, fp=0, fn=0)
    assert report.scores["capital pressure (+level)"] == PRF(tp=1, fp=1, fn=1)
    assert report.scores["district events"] == PRF(tp=1, fp=0, fn=0)
    assert report.accuracy["figure victims"] == (1, 2)
    assert report.accuracy["figure province"] == (2, 2)
    assert any(e.startswith("figure missed: a.txt displaced") for e in report.errors)


@pytest.mark.parametrize(
    ("prf", "p", "r", "f1"),
    [(PRF(9, 1, 0), 0.9, 1.0, 18 / 19), (PRF(0, 0, 0), 1.0, 1.0, 1.0), (PRF(0, 3, 2), 0.0, 0.0, 0.0)],
)
def test_prf(prf, p, r, f1):
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((p, r, f1))


def test_the_gold_set_meets_the_targets():
    """Figure F1 >= 0.95 and capital-pressure F1 >= 0.84 on tests/gold (the README's figures).

    The gold set's guideline records an assault as ``attacked`` beside the breach or fall it led
    to the same day and reads "fighting in parts of the city" as ``attacked``; real reporting's
    annotation records the day's breach or fall alone and reads fighting inside the city as a
    breach. Real reporting wins (0.914 -> 0.865 here, 0.767 -> 0.850 on the real pages; 0.846
    with the happenings articles g46-g61, annotated by the gold guideline)."""
    report = evaluate()
    assert report.scores["figures (kind+value+unit)"].f1 >= 0.95, report.table()
    assert report.scores["capital pressure (+level)"].f1 >= 0.84, report.table()


def test_dates_and_totals_on_the_gold_set_meet_the_targets():
    """The year filter needs event years right (>= 0.95), monthly charts need months (>= 0.90); totals
    that count each event once land within 10% for at least 70% of (kind, province) rows."""
    report = evaluate()
    for name in ("figure event date", "pressure event date"):
        right, n = report.accuracy[f"{name}, year"]
        assert right / n >= 0.95, name
        right, n = report.accuracy[f"{name}, month"]
        assert right / n >= 0.90, name
    within = [abs(ours - gold) <= 0.1 * max(gold, 1) for *_, gold, ours in report.totals]
    assert sum(within) / len(within) >= 0.70
    right, n = report.dating["wrong"]
    assert right == 0  # a date found in the text is never claimed more precisely than it is right


def test_the_gold_happenings_are_counted_once():
    """tests/gold/happenings.csv: growing tolls, revisions, conflicting estimates and
    neighbouring happenings. At least 12 of the 14 (happening, kind) pairs land within 25% of
    the analyst's counted-once figure, their reports in one event."""
    report = evaluate()
    near = [h for h in report.happenings if abs(h[3] - h[2]) <= 0.25 * h[2]]
    once = [h for h in report.happenings if h[4] == 1]
    assert len(report.happenings) == 14
    assert len(near) >= 12 and len(once) >= 12, report.happenings
