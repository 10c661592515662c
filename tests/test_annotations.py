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
