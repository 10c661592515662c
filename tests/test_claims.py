"""Who says a figure: ``claimed_by`` and ``claimant_type``, table-driven on sentences written for
the test, and every example of ``data/rules/claimants.csv`` read as its row says."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from pipeline.extract import claims
from pipeline.extract.rows import Article, extract
from pipeline.extract.view import View
from pipeline.settings import ROOT

PUBLISHED = Article("t", dt.date(2021, 7, 8), "day")

# (text, the figure's number as written, claimed_by, claimant_type)
CASES = [
    # the subject of a reporting verb, with its appositive
    ("The Ministry of Defense said 30 insurgents were killed in Nad Ali.", "30", "Ministry of Defense",
     "security_forces"),
    ("Ahmad Jawed, a spokesman for the provincial governor, said 12 people were killed in Farah.", "12",
     "Ahmad Jawed, a spokesman for the provincial governor", "local_official"),
    # after the clause it attributes; not past the clause's comma
    ("At least 14 people were killed in Ghazni, the provincial health director said.", "14",
     "provincial health director", "medical"),
    # the name after the verb
    ('"Twenty civilians were wounded," said Karim Zahid, the district governor.', "Twenty",
     "Karim Zahid, the district governor", "local_official"),
    ("According to OCHA, 5,000 families fled their homes in Kunduz.", "5,000", "OCHA", "un_agency"),
    ("The Taliban claimed to have killed 40 soldiers in Ghazni.", "40", "Taliban", "armed_group"),
    # a pronoun: the speaker named before
    ("Police spokesman Zia Durrani said the attack began at dawn. He said nine officers were killed.", "nine",
     "Police spokesman Zia Durrani", "security_forces"),
    # the agency that carries the story is not its source
    ("Nine civilians were killed in Khost, a local official told AFP.", "Nine", "local official",
     "local_official"),
    # a relative clause between the source and its verb
    ("A security official who asked not to be named said 40 soldiers were killed in Farah.", "40",
     "security official", "security_forces"),
    # a name typed by its role elsewhere in the text
    ("Ghulam Rasouli, head of the provincial refugees department, said aid was short.\n"
     '"Some 2,000 families have fled Kunduz," Rasouli said.', "2,000", "Rasouli", "local_official"),
    # an outlet that is itself the source
    ("The Associated Press reported that 30 people were killed in Kunduz.", "30", "Associated Press",
     "media"),
    # nobody named
    ("At least 12 people were killed in Kunduz on Monday.", "12", None, "unknown"),
    # "who" is not the World Health Organization
    ("Thousands who have fled Kunduz need shelter.\nSome 2,000 families fled the city.", "2,000", None,
     "unknown"),
    # an agency's own report: what nobody is said to give is the agency's
    ("OCHA Flash Update No. 2\n\nFighting in Kunduz displaced 3,000 families this week.", "3,000", "OCHA",
     "un_agency"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "number", "claimed_by", "claimant_type"), CASES, ids=[c[0][:50] for c in CASES]
)
def test_a_figure_keeps_who_says_it(nlp, text, number, claimed_by, claimant_type):
    rows = extract(nlp(text), PUBLISHED).figures
    (row,) = [r for r in rows if r["number_text"].endswith(number)]
    assert (row["claimed_by"], row["claimant_type"]) == (claimed_by, claimant_type)


def test_a_party_counting_the_other_sides_losses_is_flagged(nlp):
    rows = extract(nlp("The Taliban claimed to have killed 40 soldiers in Ghazni."), PUBLISHED).figures
    assert "claim by a party to the conflict" in rows[0]["confidence_reason"]
    rows = extract(nlp("The provincial hospital said 40 soldiers were killed in Ghazni."), PUBLISHED).figures
    assert "claim by a party" not in rows[0]["confidence_reason"]


def test_a_capture_keeps_who_claims_it(nlp):
    (row,) = extract(nlp("The Taliban said they had captured Kunduz city on Sunday."), PUBLISHED).pressure
    assert (row["claimed_by"], row["claimant_type"], row["level"]) == ("Taliban", "armed_group", "fell")


with (ROOT / "data" / "rules" / "claimants.csv").open(encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(fh))


@pytest.mark.parametrize("row", ROWS, ids=[r["phrase"] for r in ROWS])
def test_each_claimant_example_names_a_source_of_its_type(nlp, row):
    view = View(nlp(row["example"]))
    sent = view.sents[0]
    assert claims.claim_of(view, sent, sent.start).claimant_type == row["type"], row["example"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("WHO", "un_agency"), ("who", "unknown"), ("the MoD", "security_forces"),
     ("OCHA's tracking system", "un_agency"),
     ("Provincial governor’s spokesman", "local_official"), ("the defence ministry", "security_forces"),
     ("provincial health director", "medical"), (None, "unknown")],
)  # fmt: skip
def test_a_source_is_typed_by_its_longest_known_phrase(name, kind):
    assert claims.claimant_type(name) == kind
