"""The five sample articles through the real batch step: the hard cases they hold."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import ARTICLES

SEED = {n[:3]: n for n in (p.name for p in ARTICLES.glob("*.txt"))}


@pytest.fixture(scope="module")
def con(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as c:
        yield c


def one(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def article_id(con, prefix):
    return one(con, "SELECT article_id FROM articles WHERE file = ?", SEED[prefix])[0][0]


@pytest.mark.parametrize(
    ("seed", "kind", "province", "value", "qualifier", "victims"),
    [
        ("000", "displaced", "Helmand", 30000, "about", "unspecified"),
        ("000", "killed", "Helmand", 14, "exact", "mixed"),
        ("002", "wounded", "Badghis", 10, "at_least", "civilians"),
        ("003", "displaced", "Badghis", 75000, "about", "unspecified"),
        ("003", "killed", "Badghis", 69, "exact", "militants"),
        ("003", "wounded", "Badghis", 23, "exact", "militants"),
        ("004", "killed", None, None, "vague", "mixed"),
    ],
)
def test_counted_figures(con, seed, kind, province, value, qualifier, victims):
    rows = one(
        con,
        "SELECT value, qualifier, victims FROM figures "
        "WHERE article_id = ? AND kind = ? AND province IS NOT DISTINCT FROM ? AND counted",
        article_id(con, seed),
        kind,
        province,
    )
    assert rows == [(value, qualifier, victims)]


def test_a_breakdown_is_not_a_second_figure(con):
    """ "killed 14 people" ... "killed 10 policemen and four others": 14 killed, not 24."""
    aid = article_id(con, "000")
    counted = one(
        con,
        "SELECT sum(value)::BIGINT FROM figures WHERE article_id = ? AND kind = 'killed' AND counted",
        aid,
    )
    details = one(
        con,
        "SELECT d.value, d.victims FROM figures d JOIN figures t ON d.parent_figure_id = t.figure_id "
        "WHERE d.article_id = ? AND d.role = 'detail' AND t.value = 14 ORDER BY d.value",
        aid,
    )
    assert counted == [(14,)]
    assert details == [(4, "unspecified"), (10, "security_forces")]


def test_a_population_is_not_a_displacement_figure(con):
    """ "many of the city's 75,000 people had fled their homes" (seed 002) is the city's population."""
    assert one(
        con,
        "SELECT count(*) FROM figures WHERE article_id = ? AND kind = 'displaced'",
        article_id(con, "002"),
    ) == [(0,)]


def test_one_status_a_day_for_mehtarlam(con):
    """Seed 004: "came close to" Mehtarlam and an "assault on" it are the approach to the
    "heavy fighting ... in parts of Mehtarlam" the same day, which holds the breach."""
    rows = one(
        con,
        "SELECT DISTINCT level FROM pressure WHERE article_id = ? AND capital = 'Mehtarlam' "
        "AND NOT is_background ORDER BY level",
        article_id(con, "004"),
    )
    assert rows == [("breached",)]


@pytest.mark.parametrize(
    ("seed", "capital", "level"),
    [
        ("000", "Lashkar Gah", "attacked"),
        ("000", "Lashkar Gah", "besieged"),
        ("001", "Lashkar Gah", "threatened"),
        ("002", "Qala-i-Naw", "breached"),
        ("002", "Qala-i-Naw", "besieged"),
        ("003", "Qala-i-Naw", "retaken"),
        ("004", "Mehtarlam", "breached"),
        ("004", "Pul-e-Khumri", "threatened"),
    ],
)
def test_current_pressure(con, seed, capital, level):
    rows = one(
        con,
        "SELECT count(*) FROM pressure "
        "WHERE article_id = ? AND capital = ? AND level = ? AND NOT is_background",
        article_id(con, seed),
        capital,
        level,
    )
    assert rows[0][0] >= 1


def test_recalled_falls_of_kunduz_are_background(con):
    rows = one(
        con,
        "SELECT DISTINCT is_background, year(event_date) FROM pressure "
        "WHERE capital = 'Kunduz' AND level = 'fell'",
    )
    assert rows == [(True, 2015)]


def test_nothing_comes_from_page_furniture(con):
    """Seed 001 ends with an "Opinion / Editorial" block of unrelated 2024 stories."""
    aid = article_id(con, "001")
    text = one(con, "SELECT text FROM raw_articles WHERE article_id = ?", aid)[0][0]
    furniture = text.index("\nOpinion\n")
    for table in ("figures", "pressure", "district_events"):
        rows = one(
            con, f"SELECT count(*) FROM {table} WHERE article_id = ? AND char_start >= ?", aid, furniture
        )  # noqa: S608
        assert rows == [(0,)], table
    assert (
        one(con, "SELECT published, date_precision FROM articles WHERE article_id = ?", aid)[0][1] == "year"
    )
    assert one(con, "SELECT year(published) FROM articles WHERE article_id = ?", aid) == [(2016,)]


@pytest.mark.parametrize(
    ("district", "status"),
    [
        ("Khanishin", "retaken"),
        ("Khanishin", "fell"),
        ("Musa Qala", "fell"),
        ("Now Zad", "fell"),
        ("Dawlat Shah", "fell"),
    ],
)
def test_district_events(con, district, status):
    assert (
        one(con, "SELECT count(*) FROM district_events WHERE district = ? AND status = ?", district, status)[
            0
        ][0]
        >= 1
    )


def test_every_figure_points_to_its_sentence(con):
    rows = one(
        con,
        "SELECT f.sentence, f.number_text, substr(a.text, f.char_start + 1, f.char_end - f.char_start), "
        "substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) "
        "FROM figures f JOIN raw_articles a USING (article_id)",
    )
    assert rows
    for sentence, number_text, span, sentence_span in rows:
        assert span == number_text
        assert number_text in sentence
        assert sentence_span.strip() == sentence
