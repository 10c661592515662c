"""The rule tables of data/rules: every real table loads, and a malformed one stops with its file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline import vocab
from pipeline.errors import RuleError
from pipeline.extract import lexicon
from pipeline.extract.rows import Article, extract

PRESSURE = ("phrase", "level", "flags", "example")
FIGURES = ("phrase", "kind", "position", "flags", "example")
NUMBERS = ("phrase", "family", "value", "example")
ACTORS = ("country", "name", "group", "hostile", "example")


def rows(header: tuple[str, ...], *values: tuple[str, ...]) -> list[dict[str, str]]:
    return [dict(zip(header, v, strict=True)) for v in values]


GOOD_PRESSURE = ("stormed into", "breached", "", "Fighters stormed into Ghazni at dawn.")

# (table, header, rows, what the error must say)
BAD = [
    (
        "pressure.csv",
        PRESSURE,
        rows(PRESSURE, GOOD_PRESSURE, ("laid waste to", "fel", "", "They laid waste to the town.")),
        r"pressure\.csv:3: level 'fel' does not exist; use one of threatened, attacked",
    ),
    (
        "pressure.csv",
        PRESSURE,
        rows(PRESSURE, ("overran", "fell", "tight hostile", "The Taliban overran Farah.")),
        r"pressure\.csv:2: unknown flag 'hostile'; flags of pressure\.csv: tight, needs_hostile",
    ),
    (
        "pressure.csv",
        PRESSURE,
        rows(PRESSURE, GOOD_PRESSURE, ("Stormed into", "fell", "", "They stormed into Herat.")),
        r"pressure\.csv:3: .*duplicate of line 2",
    ),
    (
        "pressure.csv",
        PRESSURE,
        rows(PRESSURE, ("besieged", "besieged", "", "Fighters surrounded the city.")),
        r"pressure\.csv:2: example 'Fighters surrounded the city\.' does not contain 'besieged'",
    ),
    (
        "pressure.csv",
        PRESSURE,
        rows(PRESSURE, ("besieged", "besieged", "", "The besiegedcity held out.")),
        r"does not contain 'besieged'",  # whole words only
    ),
    (
        "pressure.csv",
        PRESSURE,
        rows(PRESSURE, ("besieged", "besieged", "", "")),
        r"pressure\.csv:2: the example is empty",
    ),
    (
        "pressure.csv",
        ("phrase", "level", "example"),
        [],
        r"pressure\.csv:1: the columns must be phrase,level,flags,example; found phrase,level,example",
    ),
    (
        "figures.csv",
        FIGURES,
        rows(FIGURES, ("Killed", "killed", "after", "", "Nine people were killed.")),
        r"figures\.csv:2: phrase 'Killed' must be lower case",
    ),
    (
        "figures.csv",
        FIGURES,
        rows(FIGURES, ("slain", "dead", "after", "", "Nine people were slain.")),
        r"figures\.csv:2: kind 'dead' does not exist",
    ),
    (
        "figures.csv",
        FIGURES,
        rows(FIGURES, ("slain", "killed", "beside", "", "Nine people were slain.")),
        r"position 'beside' does not exist; use one of before, after",
    ),
    (
        "figures.csv",
        FIGURES,
        rows(FIGURES, ("killed  by", "killed", "after", "", "Two were killed by a mine.")),
        r"phrase 'killed  by' is empty or has stray spaces",
    ),
    (
        "tolls.csv",
        ("phrase", "part", "kind", "example"),
        rows(("phrase", "part", "kind", "example"), (r"\btoll(\b", "head", "killed", "The toll rose.")),
        r"tolls\.csv:2: pattern .* is not a regular expression",
    ),
    (
        "tolls.csv",
        ("phrase", "part", "kind", "example"),
        rows(("phrase", "part", "kind", "example"), ("rose to", "verb", "killed", "The toll rose to 9.")),
        r"a head names the kind it counts, a verb none",
    ),
    (
        "numbers.csv",
        ("phrase", "family", "value", "example"),
        rows(
            ("phrase", "family", "value", "example"), ("at least", "qualifier", "minimum", "At least 4 died.")
        ),
        r"numbers\.csv:2: value 'minimum'",
    ),
    (
        "words.csv",
        ("family", "word"),
        rows(("family", "word"), ("negation", "not"), ("negations", "never")),
        r"words\.csv:3: family 'negations' does not exist",
    ),
    (
        "victims.csv",
        ("word", "group", "example"),
        rows(("word", "group", "example"), ("medics", "mixed", "Two medics were hurt.")),
        r"victims\.csv:2: group 'mixed' does not exist",
    ),
    (
        "actors.csv",
        ("country", "name", "group", "hostile", "example"),
        rows(
            ("country", "name", "group", "hostile", "example"), ("AFG", "taliban", "militants", "maybe", "x")
        ),
        r"actors\.csv:2: hostile 'maybe' does not exist; use one of yes, no",
    ),
    (
        "outlets.csv",
        ("outlet", "spelling", "example"),
        rows(
            ("outlet", "spelling", "example"),
            ("Reuters", "Reuters", "(Reuters) -"),
            ("Reuters", "Reuters", "x"),
        ),
        r"outlets\.csv:3: .*example 'x' does not contain 'Reuters'.*duplicate of line 2",
    ),
]


@pytest.mark.parametrize(("name", "header", "table_rows", "message"), BAD, ids=[b[3][:48] for b in BAD])
def test_a_malformed_table_stops_naming_its_file_and_line(name, header, table_rows, message):
    with pytest.raises(RuleError, match=message):
        lexicon.check(name, header, table_rows)


def test_a_row_with_too_many_fields_is_refused():
    row = {**dict(zip(PRESSURE, GOOD_PRESSURE, strict=True)), None: ["extra"]}
    with pytest.raises(RuleError, match=r"pressure\.csv:2: a row must have 4 fields"):
        lexicon.check("pressure.csv", PRESSURE, [row])


def test_every_rule_table_of_the_project_loads():
    lexicon.load()
    assert set(lexicon.TABLES) == {p.name for p in lexicon.RULES.glob("*.csv")}


@pytest.mark.parametrize(
    ("phrase", "level", "flags"),
    [
        ("fell to", "fell", set()),
        ("seized", "fell", {"tight"}),
        ("blocked the highway", "besieged", {"road_cut"}),
        ("kilometres from the city", "threatened", {"needs_hostile"}),
        ("seized the police headquarters", "breached", {"implies_city"}),
        ("heavy fighting", "attacked", {"generic"}),
        ("recaptured", "retaken", set()),
    ],
)
def test_a_pressure_phrase_has_one_row_with_its_level_and_flags(phrase, level, flags):
    assert phrase in lexicon.pressure_phrases()[level]
    assert {f for f in lexicon.PRESSURE_FLAGS if phrase in lexicon.pressure_flagged(f)} == flags


def test_every_level_kind_and_victim_group_of_the_tables_is_in_the_vocabulary():
    assert set(lexicon.pressure_phrases()) == set(vocab.LEVELS)
    assert set(lexicon.figure_phrases()) == set(vocab.KINDS)
    assert set(lexicon.victims()) == set(vocab.VICTIMS) - {"mixed"}


@pytest.mark.parametrize(
    ("word", "group"),
    [
        ("policemen", "security_forces"),
        ("taliban", "militants"),
        ("nds", "security_forces"),
        ("villagers", "civilians"),
    ],
)
def test_victim_words_and_country_actors_name_one_group(word, group):
    groups = [g for g, words in lexicon.victims().items() if word in words]
    assert groups == [group]


def test_country_actors_give_the_hostile_words_and_the_seat_of_government():
    assert "taliban" in lexicon.hostile() and "insurgents" in lexicon.hostile()
    assert lexicon.metonyms() == {"Kabul"}


def test_an_outlet_s_spellings_may_differ_by_their_capitals_alone():
    header = ("outlet", "spelling", "example")
    table = rows(
        header, ("Tolo News", "Tolo News", "Tolo News said."), ("Tolo News", "TOLO News", "TOLO News said.")
    )
    assert len(lexicon.check("outlets.csv", header, table)) == 2


def test_every_word_family_is_documented_and_used():
    documented = [r["family"] for r in lexicon.table("families.csv")]
    used = {r["family"] for r in lexicon.table("words.csv")}
    assert used == set(documented)


# --- every example shows its row at work --------------------------------------------------------


def _extract(nlp, text: str):
    return extract(nlp(text), Article("example", dt.date(2021, 7, 8), "day"))


PRESSURE_ROWS = lexicon.table("pressure.csv")
FIGURE_ROWS = lexicon.table("figures.csv")


@pytest.mark.parametrize("row", PRESSURE_ROWS, ids=[f"{r['level']}:{r['phrase']}" for r in PRESSURE_ROWS])
def test_each_pressure_example_is_read_at_its_level_by_its_phrase(nlp, row):
    found = _extract(nlp, row["example"])
    triggered = {(p["trigger"].lower(), p["level"]) for p in found.pressure}
    districts = {d["status"] for d in found.district_events}
    assert (row["phrase"], row["level"]) in triggered or vocab.DISTRICT_STATUS[row["level"]] in districts


@pytest.mark.parametrize(
    "row", FIGURE_ROWS, ids=[f"{r['kind']}:{r['position']}:{r['phrase']}" for r in FIGURE_ROWS]
)
def test_each_figure_example_gives_a_figure_of_its_kind(nlp, row):
    assert row["kind"] in {f["kind"] for f in _extract(nlp, row["example"]).figures}
