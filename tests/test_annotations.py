"""The annotated sets themselves: every row points at an article and quotes it exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SETS = [Path(__file__).parent / name for name in ("gold", "holdout", "holdout2", "blind")]
HEADERS = {
    "figures.csv": (
        "file,kind,value,value_low,value_high,qualifier,unit,victims,province,place,role,number_text,note"
    ),
    "pressure.csv": "file,capital,province,level,is_background,note",
    "district_events.csv": "file,district,province,status,is_background,note",
}
DATES = ",event_date,date_precision"  # the first held-out set predates event dates
CLAIMS = ",claimed_by,claimant_type"  # who says each figure: the gold set's figures


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
@pytest.mark.parametrize("name", list(HEADERS))
def test_rows_point_at_articles_and_quote_them(folder: Path, name: str) -> None:
    with (folder / name).open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = ",".join(reader.fieldnames or [])
        assert header in (HEADERS[name], HEADERS[name] + DATES, HEADERS[name] + DATES + CLAIMS)
        rows = list(reader)
    assert rows
    for row in rows:
        article = folder / "articles" / row["file"]
        assert article.is_file(), row["file"]
        if name == "figures.csv":
            assert row["number_text"] in article.read_text(encoding="utf-8"), (
                row["file"],
                row["number_text"],
            )


GOLD = Path(__file__).parent / "gold"


def _figures() -> list[dict[str, str]]:
    with (GOLD / "figures.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_event_groups_name_one_total_row_each() -> None:
    figures = _figures()
    with (GOLD / "events.csv").open(newline="", encoding="utf-8") as fh:
        for member in csv.DictReader(fh):
            hits = [
                r
                for r in figures
                if (r["file"], r["kind"], r["number_text"])
                == (member["file"], member["kind"], member["number_text"])
            ]
            assert len(hits) == 1, member
            assert hits[0]["role"] == "total", member


def test_happenings_name_their_reports_and_count_one_of_them() -> None:
    figures = _figures()
    with (GOLD / "happenings.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == [
            "happening_id",
            "kind",
            "unit",
            "value",
            "value_low",
            "value_high",
            "members",
            "note",
        ]
        rows = list(reader)
    assert rows
    for row in rows:
        values = []
        for member in row["members"].split(";"):
            file, number_text = member.split("|", 1)
            hits = [r for r in figures if r["file"] == file and r["number_text"] == number_text]
            assert len(hits) == 1, member
            assert hits[0]["kind"] == row["kind"] and hits[0]["unit"] == row["unit"], member
            assert hits[0]["role"] in ("total", "alternative"), member
            values.append(int(hits[0]["value"]))
        assert (int(row["value_low"]), int(row["value_high"])) == (min(values), max(values)), row[
            "happening_id"
        ]
        assert int(row["value"]) in values, row["happening_id"]
