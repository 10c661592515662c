"""Estimates of one toll from different sources in one article are counted once: one ``total``,
the others ``alternative``; parts, additions, other sides' losses and one source's second
happening stay apart. Sentences written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.rows import Article, extract

PUBLISHED = Article("t", dt.date(2021, 7, 8), "day")

# (text, {number as written: role})
CASES = [
    # three sources for one toll: a party's claim of the other side's dead is never the one counted
    (
        "The Taliban said their attack on the base in Wardak killed 90 people. A defence ministry "
        "spokesman said 40 soldiers were killed in the attack in Wardak. Provincial officials said at "
        "least 35 soldiers died in Wardak.",
        {"90": "alternative", "40": "alternative", "at least 35": "total"},
    ),
    # two officials disagree on one flight of people: the most trusted source is counted
    (
        "A provincial council member said 12,000 families had been displaced in Takhar. The provincial "
        "director of refugees said 6,000 families had fled their homes in Takhar.",
        {"12,000": "total", "6,000": "alternative"},
    ),
    # a source revising its own toll: the revision is counted
    (
        "Officials said 40 people were killed in the blast in Kabul. By evening the death toll in Kabul "
        "had risen to 52, officials said.",
        {"40": "alternative", "52": "total"},
    ),
    # one source, two happenings: both counted
    (
        "Police said 12 people were killed in a market bombing in Kunduz. Police said 5 people were "
        "killed at a checkpoint in Kunduz.",
        {"12": "total", "5": "total"},
    ),
    # a toll on top of another
    (
        "The governor's spokesman said three people were killed in Farah. Two more people were also "
        "killed in Farah, a doctor said.",
        {"three": "total", "Two": "total"},
    ),
    # the army's count of militants and a hospital's count of the dead are two tolls
    (
        "The Ministry of Defense said 54 Taliban fighters were killed in Jowzjan. A hospital official "
        "said 11 people were killed in Jowzjan.",
        {"54": "total", "11": "total"},
    ),
]


@pytest.mark.parametrize(("text", "roles"), CASES, ids=[c[0][:50] for c in CASES])
def test_estimates_of_one_toll_are_counted_once(nlp, text, roles):
    rows = extract(nlp(text), PUBLISHED).figures
    got = {r["number_text"]: r["role"] for r in rows if r["role"] in ("total", "alternative")}
    assert got == roles
    counted = [r for r in rows if r["role"] == "total"]
    for r in rows:
        if r["role"] == "alternative":
            assert not r["counted"] and r["parent_figure_id"] in {c["figure_id"] for c in counted}
