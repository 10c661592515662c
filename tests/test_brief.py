"""The brief: ``python -m pipeline brief`` on the sample data and on articles written for the test.

Its numbers are the headline's, each cites its reports, an empty period says so, article text
is never markup in Markdown or HTML, and a PDF is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest
from dbfixture import build

from dashboard import brief, db, headline
from dashboard.brief import contents
from dashboard.brief.document import Citation, cite, signed
from dashboard.filters import Filters
from dashboard.periods import Period
from pipeline.__main__ import main
from pipeline.ingest import ingest
from pipeline.review.store import Action, open_store, record
from pipeline.settings import Settings

REF = re.compile(r"\[(\d+)\]")


def _brief(tmp_path: Path, database: Path, *args: str, fmt: str = "md", reviews: Path | None = None) -> str:
    """Run the command and return the file it wrote (text for md and html)."""
    out = tmp_path / f"brief.{fmt}"
    history = reviews or tmp_path / "no-reviews.sqlite"
    assert main(["brief", "--db", str(database), "--reviews", str(history), "--out", str(out), *args]) == 0
    return out.read_text(encoding="utf-8") if fmt != "pdf" else ""


def _section(md: str, title: str) -> str:
    """The text of one ``## title`` section of the Markdown brief."""
    return md.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _numbers(md: str) -> dict[str, list[str]]:
    """Headline label (without its detail) -> the cells of its row."""
    rows = {}
    for line in _section(md, "Headline numbers").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and cells[0] not in ("Number", "---"):
            rows[cells[0].split(" (")[0]] = cells[1:]
    return rows


def _sources(md: str) -> dict[int, str]:
    """Source number -> its citation, from the Sources section."""
    found = re.findall(r"^(\d+)\. (.+)$", _section(md, "Sources"), re.MULTILINE)
    return {int(n): text for n, text in found}


def _files(database: Path) -> set[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT file FROM articles").fetchall()}


def test_the_sample_brief_names_qala_i_naw_and_cites_every_number(tmp_path: Path, sample_db: Path) -> None:
    md = _brief(tmp_path, sample_db)
    assert "Qala-i-Naw" in _section(md, "Capitals whose status changed")
    numbers = _numbers(md)
    assert list(numbers) == [label for _, label in contents.HEADLINE]
    # 75,000 from Badghis and 30,000 from Helmand: each event once.
    assert numbers["People displaced"][0] == "105,000"
    sources, files = _sources(md), _files(sample_db)
    assert len(sources) == len(files)
    for label, cells in numbers.items():
        refs = [int(n) for n in REF.findall(cells[-1])]
        assert (cells[0] == "0") == (refs == []), label  # every number but a nought cites its reports
        for n in refs:
            assert re.search(r"file (\S+)\\\.txt", sources[n]), (label, sources[n])
    # Every listed item cites a report: each line of an item ends with its reference.
    for title in ("Capitals whose status changed", "Largest figures: people displaced"):
        for line in _section(md, title).splitlines():
            if line.startswith("- "):
                assert REF.search(line), line
    displaced = _section(md, "Largest figures: people displaced")
    item = next(line for line in displaced.splitlines() if "75,000" in line)
    assert "Badghis" in item
    assert "003\\_e2eb9a51c8fe133c" in sources[int(REF.findall(item)[-1])]


def test_badghis_counts_its_75000_displaced_once(tmp_path: Path, sample_db: Path) -> None:
    md = _brief(tmp_path, sample_db, "--province", "badghis")
    assert _numbers(md)["People displaced"][0] == "75,000"
    assert _section(md, "Largest figures: people displaced").count("75,000 people displaced") == 1


def test_two_reports_of_one_event_count_once_and_both_are_listed_with_the_change(tmp_path: Path) -> None:
    # The fixture's two articles tell the same 75,000 displaced (one event, two reports).
    database = build(tmp_path / "fixture.duckdb")
    md = _brief(tmp_path, database, "--province", "Badghis", "--since", "2021-07-01", "--until", "2021-07-31")
    numbers = _numbers(md)
    assert numbers["People displaced"][:3] == ["75,000", "0", "+75,000"]
    assert "2 reports" in _section(md, "Largest figures: people displaced")
    assert "2021-05-31 to 2021-06-30" in md  # the previous period of the same length


def test_an_empty_period_says_so(tmp_path: Path, sample_db: Path) -> None:
    md = _brief(tmp_path, sample_db, "--since", "2019-01-01", "--until", "2019-01-31")
    assert "Nothing was reported for this selection in this period" in md
    assert _numbers(md)["Killed"][:3] == ["0", "0", "no change"]
    page = _brief(tmp_path, sample_db, "--since", "2019-01-01", "--until", "2019-01-31", fmt="html")
    assert "Nothing was reported for this selection in this period" in page


HOSTILE = (
    "At least 12 civilians were killed in Kandahar city on Monday <script>alert(1)</script> "
    "**bold** [link](http://example.invalid) said <img src=x onerror=alert(2)>.\n"
)


def test_html_and_markdown_never_run_article_text(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        'file,published,title,source,url\nhostile.txt,2021-07-06,"<b>Title</b><script>x()</script>",'
        '<i>Outlet</i>,"javascript:alert(3)"\n',
        encoding="utf-8",
    )
    database = tmp_path / "hostile.duckdb"
    ingest([folder], Settings.load(reviews=str(tmp_path / "none.sqlite")), database)
    page = _brief(tmp_path, database, fmt="html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the sentence is shown, as text
    assert "&lt;b&gt;Title&lt;/b&gt;" in page and "&lt;i&gt;Outlet&lt;/i&gt;" in page
    for markup in ("<script", "<img src=x", "<b>Title", "<i>Outlet", 'href="javascript'):
        assert markup not in page, markup
    # Nothing is fetched: images are data: URIs, no stylesheet, script or font is linked.
    assert not re.search(r"""(src|href)=["'](?!data:|#)""", page)
    assert "Content-Security-Policy" in page
    md = _brief(tmp_path, database)
    assert "\\<script\\>alert\\(1\\)\\<\\/script\\>" in md
    assert not re.search(r"(?<!\\)<", md)  # every opening angle bracket is escaped
    assert "\\*\\*bold\\*\\*" in md and "[link](" not in md


def test_a_pdf_is_written(tmp_path: Path, sample_db: Path) -> None:
    _brief(tmp_path, sample_db, "--since", "2021-07-01", fmt="pdf")
    data = (tmp_path / "brief.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert b"DejaVu" in data  # the Unicode font, embedded
    assert len(data) > 20_000  # text, a table and three pictures


def test_the_format_follows_the_file_name_and_bad_arguments_exit_2(tmp_path: Path, sample_db: Path) -> None:
    out = tmp_path / "brief.html"
    assert main(["brief", "--db", str(sample_db), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["brief", "--db", str(sample_db), "--province", "Atlantis"]) == 2
    assert main(["brief", "--db", str(sample_db), "--since", "2021-07-02", "--until", "2021-07-01"]) == 2
    assert main(["brief", "--db", str(tmp_path / "missing.duckdb")]) == 2
    with pytest.raises(SystemExit):
        main(["brief", "--db", str(sample_db), "--since", "July"])


KUNDUZ = "Officials said 40 people were killed in Kunduz city on Monday.\n"
BAGHLAN = "About 2,000 families fled their homes in Baghlan province this week.\n"


def test_reviews_taken_since_the_ingest_count_as_the_dashboard_counts_them(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kunduz.txt").write_text(KUNDUZ, encoding="utf-8")
    (folder / "baghlan.txt").write_text(BAGHLAN, encoding="utf-8")
    history = tmp_path / "reviews.sqlite"
    settings = Settings.load(reviews=str(history))
    database = tmp_path / "r.duckdb"
    ingest([folder], settings, database)
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(
            "SELECT figure_id, article_id, char_start, char_end, number_text, value FROM figures"
        )
        figures = rows.fetchall()
    with open_store(history) as store:  # after the ingest: only the overlay knows of these
        for fid, aid, start, end, text, value in figures:
            base = Action("figure", "reject", aid, start, end, text, "ana", row_id=fid)
            if value == 2000:
                record(store, dataclasses.replace(base, reason="wrong_place"))
            else:
                record(store, dataclasses.replace(base, action="correct", fields={"value": 45}))
    reviewed = _numbers(_brief(tmp_path, database, reviews=history))
    unreviewed = _numbers(_brief(tmp_path, database))
    assert (unreviewed["Killed"][0], unreviewed["People displaced"][0]) == ("40", "14,000")
    assert (reviewed["Killed"][0], reviewed["People displaced"][0]) == ("45", "0")
    src = db.source(str(database), str(history))
    assert src is not None
    totals = db.totals(src, Filters())
    assert (totals["killed"], totals["displaced"]) == (45, 0)
    notes = _section(_brief(tmp_path, database, reviews=history), "Notes on confidence and review")
    assert "Killed: 45 people in 1 figure(s). Reviewed by analysts: 45 people (100%) in 1 corrected" in notes


def test_the_brief_names_its_numbers_as_the_headline_does() -> None:
    assert contents.HEADLINE == headline.HEADLINE


D = dt.date
SPAN = (D(2016, 10, 11), D(2021, 7, 8))


@pytest.mark.parametrize(
    ("f", "want"),
    [
        (Filters(), (None, None)),
        (
            Filters(preset="custom", since=D(2021, 7, 1), until=D(2021, 7, 7), province=("Badghis",)),
            (Period(D(2021, 7, 1), D(2021, 7, 7)), Period(D(2021, 6, 24), D(2021, 6, 30))),
        ),
        # A year ends at the data's last day; the period before has as many days.
        (
            Filters(preset="custom", period=(2021, 2021)),
            (Period(D(2021, 1, 1), D(2021, 7, 8)), Period(D(2020, 6, 26), D(2020, 12, 31))),
        ),
        # Nothing in the data is dated before 2016-10-11: no period to compare with.
        (Filters(preset="custom", period=(2016, 2016)), (Period(D(2016, 1, 1), D(2016, 12, 31)), None)),
    ],
)
def test_the_brief_compares_with_the_period_the_headline_compares_with(f: Filters, want: tuple) -> None:
    """One definition of the period before: the headline's (``filters.previous``)."""
    from dashboard.filters import previous

    period, prior = contents.before(f, SPAN)
    assert (period, prior and Period(prior.since, prior.until)) == want
    if prior is not None:
        assert prior == previous(f, SPAN)[0] and prior.province == f.province


@pytest.mark.parametrize(
    ("citation", "want"),
    [
        (
            Citation("a.txt", "Kabul sends in commandos", "AFP", None, D(2021, 7, 8), "day"),
            "“Kabul sends in commandos”. AFP. 2021-07-08. file a.txt.",
        ),
        (
            Citation("b.txt", None, None, "https://example.invalid/b", D(2016, 1, 1), "year"),
            "(no title). (unknown source). 2016. file b.txt. https://example.invalid/b.",
        ),
        (
            Citation("c.txt", None, None, None, None, None),
            "(no title). (unknown source). undated. file c.txt.",
        ),
    ],
)
def test_a_citation_in_words(citation: Citation, want: str) -> None:
    assert cite(citation) == want


@pytest.mark.parametrize(("change", "want"), [(None, ""), (0, "no change"), (75000, "+75,000"), (-3, "−3")])
def test_a_change_in_words(change: int | None, want: str) -> None:
    assert signed(change) == want


def test_the_file_name_says_the_provinces_and_the_period(sample_db: Path) -> None:
    f = brief.selection(("Badghis", "Sar-e Pol"), D(2021, 7, 1), D(2021, 7, 31))
    doc = brief.build(sample_db, f)
    assert brief.filename(doc, f, "pdf") == "sitrep-brief-Badghis_Sar-e_Pol-2021-07-01_to_2021-07-31.pdf"
    assert brief.filename(brief.build(sample_db, Filters()), Filters(), "md") == "sitrep-brief-all.md"
