"""A real visit that reviews: reject one figure, correct another, rebuild the database, and find
both reviews in the headline and in the downloaded CSV. Articles written for the test."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.support.browser import MARKS
from tests.support.reports import two_reports
from tests.support.sessions import CHROMIUM, CHROMIUM_ARGS, serve

TIMEOUT_MS = 60_000

pytestmark = MARKS


def _pick(page, text: str) -> None:
    """Choose the Evidence row whose label holds ``text``, typing into the picker as a reader does."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    picker = page.get_by_test_id("stSelectbox").filter(has_text="Row (same filters as the tables)")
    option = page.get_by_role("option").filter(has_text=text)
    for _ in range(3):  # a rerun still drawing the page can close the list as it opens
        picker.click()
        page.keyboard.type(text.strip())
        try:
            option.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    option.first.click()


def _metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_reject_and_correct_then_rebuild(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from pipeline.ingest import ingest
    from pipeline.settings import Settings

    expect.set_options(timeout=TIMEOUT_MS)
    folder = two_reports(tmp_path / "articles")
    db = tmp_path / "r.duckdb"
    log = tmp_path / "streamlit.log"
    settings = Settings.load(reviews=str(log.with_suffix(".reviews.sqlite")))  # where serve keeps them
    ingest([folder], settings, db)
    saved = {}

    with serve(db, log) as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(
                accept_downloads=True, viewport={"width": 1400, "height": 1000}
            ).new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{url}/?view=Evidence")
            expect(_metric(page, "People displaced")).to_have_text("2,000")

            _pick(page, "· displaced ")
            page.get_by_label("Your name (kept for this browser session)").fill("ana")
            page.get_by_label("Your name (kept for this browser session)").press("Enter")
            page.get_by_text("Reject it", exact=True).click()
            page.get_by_role("button", name="Record").click()
            expect(_metric(page, "People displaced")).to_have_text("0")

            _pick(page, "· killed ")
            page.get_by_text("Correct it", exact=True).click()
            value = page.get_by_role("spinbutton", name="value", exact=True)
            value.fill("45")
            page.get_by_role("button", name="Record").click()
            expect(_metric(page, "Killed")).to_have_text("45")

            # The database is built again from the articles while the dashboard runs.
            ingest([folder], settings, db, rebuild=True)
            figures = f"{url}/?view=Tables&table=Figures"
            every = f"{figures}&show_rejected=1&each_event=0"  # every report, rejected ones listed
            for address, name in ((figures, "shown"), (every, "with_rejected")):
                page.goto(address)
                expect(_metric(page, "Killed")).to_have_text("45")
                expect(_metric(page, "People displaced")).to_have_text("0")
                tab = page.get_by_role("tabpanel", name="Figures", exact=True)
                with page.expect_download() as info:
                    tab.get_by_role("button", name="Download CSV").click()
                saved[name] = tmp_path / f"{name}.csv"
                info.value.save_as(saved[name])
        finally:
            browser.close()

    def rows(name: str) -> dict[str, tuple[str, str, str]]:
        with saved[name].open(newline="", encoding="utf-8") as fh:
            return {r["kind"]: (r["value"], r["review_status"], r["reviewed_by"]) for r in csv.DictReader(fh)}

    assert rows("shown") == {"killed": ("45", "corrected", "ana")}
    assert rows("with_rejected") == {
        "killed": ("45", "corrected", "ana"),
        "displaced": ("2000", "rejected", "ana"),
    }
