"""Real visits in headless Chromium: filter, read evidence, download every table, stay on 127.0.0.1."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import duckdb
import pytest

from tests.support.browser import MARKS
from tests.support.sessions import CHROMIUM, CHROMIUM_ARGS, HOST, run_browsers, serve

TIMEOUT_MS = 60_000
HANG_MS = 150_000  # the load test's bound on one rerun: past this the server is stuck, not slow
SERVER_PID: dict[str, int] = {}

pytestmark = MARKS


@pytest.fixture(scope="module")
def server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run app.py`` on a free local port, shared by this module's tests; always stopped."""
    with serve(sample_db, tmp_path_factory.mktemp("server") / "streamlit.log") as (url, pid):
        SERVER_PID[url] = pid
        yield url


def _expected_figure_ids(path: Path, province: str, last_year: int) -> set[str]:
    # Each event once (the default): the figures each event keeps; a custom range of years leaves
    # undated items out.
    sql = "SELECT figure_id FROM figures WHERE province = ? AND year <= ? AND is_primary"
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute(sql, [province, last_year]).fetchall()}


def _open(browser, url: str, requested: list[str], **context: str):
    """A page at ``url`` that accepts downloads and records every request and websocket it makes."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000}, **context)
    ctx.on("request", lambda r: requested.append(r.url))
    page = ctx.new_page()
    page.on("websocket", lambda ws: requested.append(ws.url))
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    return page


def _params(url: str) -> list[tuple[str, str]]:
    """The query parameters of ``url`` in a stable order: their order in the address is free."""
    return sorted(parse_qsl(urlparse(url).query))


def _is_local(url: str) -> bool:
    """True for URLs served by the app itself (``blob:`` and ``data:`` never leave the page)."""
    if url.startswith("data:"):
        return True
    if url.startswith("blob:"):
        url = url[len("blob:") :]
    return urlparse(url).hostname == HOST


def test_open_filter_download(server: str, sample_db: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # a busy 2-core machine can take more than 5 s

    province, last_year = "Helmand", 2016
    want = _expected_figure_ids(sample_db, province, last_year)
    assert want, "the database should hold figures for the chosen filter"
    requested: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = _open(browser, server, requested)
            expect(page.get_by_test_id("stMetric").filter(has_text="People displaced")).to_be_visible()

            sidebar = page.get_by_test_id("stSidebar")
            # Province: type into the multiselect and pick the option.
            box = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Province")
            box.click()
            page.keyboard.type(province)
            page.get_by_role("option", name=province, exact=True).click()
            page.keyboard.press("Escape")

            # Period: a custom range, then the upper thumb of its years down to ``last_year``.
            sidebar.get_by_test_id("stSelectbox").filter(has_text="Period").click()
            page.get_by_role("option", name="Custom range", exact=True).click()
            upper = sidebar.get_by_test_id("stSlider").get_by_role("slider").last
            upper.focus()
            # Count the steps once: the value read back may lag behind the keys already pressed.
            for _ in range(int(upper.input_value()) - last_year):
                page.keyboard.press("ArrowLeft")

            # The years are one key: ?province=Helmand&preset=custom&period=2015-2016.
            expect(page).to_have_url(
                re.compile(rf"/\?province={province}&preset=custom&period=\d{{4}}-{last_year}$")
            )
            period = dict(_params(page.url))["period"]
            # The open tab joins the filters in the address.
            page.get_by_role("tab", name="Tables", exact=True).click()
            expect(page).to_have_url(re.compile(r"[?&]view=Tables"))
            assert _params(page.url) == [
                ("period", period), ("preset", "custom"), ("province", province), ("view", "Tables"),
            ]  # fmt: skip
            # The caption names the filters, so it shows only once the last rerun drew this tab.
            tab = page.get_by_role("tabpanel", name="Figures", exact=True)
            caption = re.compile(
                rf" {len(want)} row\(s\) for {province} · \d{{4}}–{last_year} · undated excluded\."
            )
            expect(tab.get_by_text(caption)).to_be_visible()

            with page.expect_download() as info:
                tab.get_by_role("button", name="Download CSV").click()
            download = info.value
            assert download.suggested_filename.startswith(f"sitrep-figures-events-{province}-")
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        finally:
            browser.close()

    with saved.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["figure_id"] for r in rows} == want
    assert len(rows) == len(want)
    assert {r["province"] for r in rows} == {province}
    assert all(r["sentence"] for r in rows)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    assert requested, "no requests were recorded"
    outside = sorted({u for u in requested if not _is_local(u)})
    assert outside == [], f"requests left {HOST}: {outside}"


# (outer tab, tab, view, id column, SQL selecting the rows the URL below should give, independent
# of the app)
DOWNLOADS = [
    (
        "Tables",
        "Figures",
        "figures",
        "figure_id",
        "SELECT figure_id FROM figures WHERE province = 'Badghis' AND year >= 2021",
    ),
    (
        "Tables",
        "Events",
        "events",
        "event_id",
        "SELECT event_id FROM events WHERE province = 'Badghis' AND year >= 2021",
    ),
    (
        "Tables",
        "Pressure mentions",
        "pressure",
        "pressure_id",
        "SELECT pressure_id FROM pressure WHERE province = 'Badghis' AND year >= 2021",
    ),
    (
        "Tables",
        "District events",
        "district_events",
        "district_event_id",
        "SELECT district_event_id FROM district_events WHERE province = 'Badghis' AND year >= 2021",
    ),
    (
        "Sources",
        "Articles",
        "articles",
        "article_id",
        "SELECT article_id FROM articles WHERE year(published) >= 2021 AND article_id IN "
        "(SELECT article_id FROM figures WHERE province = 'Badghis' "
        "UNION SELECT article_id FROM pressure WHERE province = 'Badghis')",
    ),
]


def _ids(path: Path, sql: str) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute(sql).fetchall()}


def test_address_evidence_and_every_download(server: str, sample_db: Path, tmp_path: Path) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # a busy 2-core machine can take more than 5 s

    address = f"{server}/?province=Badghis&preset=custom&period=2021&each_event=0"
    requested: list[str] = []
    saved: dict[str, Path] = {}
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with duckdb.connect(str(sample_db), read_only=True) as con:
        sentence, figure_id = con.execute(
            "SELECT sentence, figure_id FROM figures WHERE province = 'Badghis' AND kind = 'killed' LIMIT 1"
        ).fetchone()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # The dark theme, as a reader whose system prefers it sees the page.
            dark = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="dark")
            dark.on("request", lambda r: requested.append(r.url))
            page = dark.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(address)
            page.get_by_test_id("stPlotlyChart").first.wait_for()
            page.wait_for_timeout(1500)  # let the map finish drawing before the picture
            page.screenshot(path=str(shots / "top-dark.png"))
            dark.close()

            page = _open(browser, address, requested, color_scheme="light")
            expect(page.get_by_test_id("stMetric").filter(has_text="People displaced")).to_be_visible()
            # The filters came from the address, and stay in it.
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar.get_by_test_id("stMultiSelect").filter(has_text="Badghis")).to_be_visible()
            expect(page.get_by_text("Figures count every report.", exact=False).first).to_be_visible()
            expect(page).to_have_url(address)
            page.get_by_test_id("stPlotlyChart").first.wait_for()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(shots / "top-light.png"))

            # Evidence: pick the killed figure; its sentence shows highlighted, its article as text.
            page.get_by_role("tab", name="Evidence", exact=True).click()
            expect(page).to_have_url(re.compile(r"[?&]view=Evidence"))
            assert _params(page.url) == _params(address + "&view=Evidence")
            picker = page.get_by_test_id("stSelectbox").filter(has_text="Row (same filters as the tables)")
            option = page.get_by_role("option").filter(has_text="· killed ")
            for _ in range(3):  # a rerun still drawing the page can close the list as it opens
                picker.click()
                page.keyboard.type("killed")
                try:
                    option.first.wait_for(timeout=10_000)
                    break
                except PlaywrightTimeout:
                    page.keyboard.press("Escape")
            option.first.click()
            panel = page.get_by_test_id("stMarkdownContainer").filter(has_text=sentence[:40])
            expect(panel.locator("strong").filter(has_text=sentence[:40]).first).to_be_visible()
            page.get_by_text("Whole article, sentence marked").click()
            expect(page.get_by_text("⟦" + sentence[:30], exact=False).first).to_be_visible()
            page.get_by_text("Whole article, sentence marked").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "evidence.png"))

            for outer, tab_name, view, _, _ in DOWNLOADS:
                page.get_by_role("tab", name=outer, exact=True).click()
                page.get_by_role("tab", name=tab_name, exact=True).click()
                tab = page.get_by_role("tabpanel", name=tab_name, exact=True)
                # The caption names the filters: the tab shows the rows of this address.
                expect(tab.get_by_text("row(s) for Badghis · 2021")).to_be_visible()
                button = tab.get_by_role("button", name="Download CSV")
                if button.is_disabled():
                    continue  # an empty table: nothing to download, the table says so
                with page.expect_download() as info:
                    button.click()
                download = info.value
                saved[view] = tmp_path / download.suggested_filename
                download.save_as(saved[view])
            page.screenshot(path=str(shots / "tables.png"))
        finally:
            browser.close()

    assert saved["figures"].name == "sitrep-figures-every-report-Badghis-2021.csv"
    for _, _, view, id_column, sql in DOWNLOADS:
        want = _ids(sample_db, sql)
        if view not in saved:
            assert want == set(), view
            continue
        with saved[view].open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert {r[id_column] for r in rows} == want, view
        assert len(rows) == len(want), view
        if view == "figures":
            assert {r["view"] for r in rows} == {"every-report"}
            assert figure_id in want
    assert {"figures", "events", "pressure", "articles"} <= set(saved)
    for shot in ("top-light", "top-dark", "evidence", "tables"):
        assert (shots / f"{shot}.png").stat().st_size > 10_000, shot
    outside = sorted({u for u in requested if not _is_local(u)})
    assert requested and outside == [], f"requests left {HOST}: {outside}"


def test_a_custom_range_shows_whole_dates_on_a_laptop_screen(server: str) -> None:
    """At 1280x720 the sidebar's From and To show whole dates, and the headline its period."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1280, "height": 720})
            page = ctx.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{server}/?preset=custom&since=2016-10-10&until=2021-07-08")
            expect(
                page.get_by_text("2016-10-10 to 2021-07-08 · undated excluded", exact=False)
            ).to_be_visible()
            fields = page.get_by_test_id("stSidebar").get_by_test_id("stDateInput")
            expect(fields).to_have_count(2)
            for field, day in zip(fields.all(), ("2016-10-10", "2021-07-08"), strict=True):
                assert field.locator("input").input_value() == day
                # The day's segments scroll inside the field when it is too narrow for them.
                scroller = field.get_by_test_id("stDateInputFieldsScroller")
                shown, room = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
                assert shown <= room, f"{day} is cut off: {shown} px of text in {room} px"
        finally:
            browser.close()


def test_ten_sessions_changing_filters_at_once(server: str, tmp_path: Path) -> None:
    """A bounded load test on loopback: 10 pages, one per tab in turn, toggle a filter 3 times at once.

    Every rerun must finish, with no error on any page; the figures are written to ``load.json``
    beside the test (``make load`` measures them for the README). The bound asserted is a hang
    guard, not a speed target: speed lives in the benchmarks.
    """
    import json

    sessions = int(os.environ.get("SITREP_LOAD_SESSIONS", "10"))
    result = run_browsers(server, SERVER_PID[server], sessions, toggles=3, hang_ms=HANG_MS)
    figures = result.figures()
    (tmp_path / "load.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("load test:", figures)
    assert result.errors == []
    assert len(result.latencies) == sessions * 3
    assert max(result.latencies) < HANG_MS / 1000, figures
