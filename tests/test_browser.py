"""One real visit: open the dashboard in headless Chromium, filter, download, stay on 127.0.0.1."""

from __future__ import annotations

import csv
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest

from pipeline.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST = "127.0.0.1"
TIMEOUT_MS = 60_000

pytestmark = [
    pytest.mark.browser,
    # Skipped on a developer's machine without Chromium; never in CI, where `make test` installs it.
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is missing: `make browser` (or apt-get install chromium) installs it",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(sample_db: Path, tmp_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free local port; always stopped afterwards."""
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("wb")
    env = {**os.environ, "SITREP_DB": str(sample_db)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", HOST, "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"streamlit did not start:\n{(tmp_path / 'streamlit.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _expected_figure_ids(path: Path, province: str, year_to: int) -> set[str]:
    sql = "SELECT figure_id FROM figures WHERE province = ? AND (year <= ? OR year IS NULL)"
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0] for r in con.execute(sql, [province, year_to]).fetchall()}


def _is_local(url: str) -> bool:
    """True for URLs served by the app itself (``blob:`` and ``data:`` never leave the page)."""
    if url.startswith("data:"):
        return True
    if url.startswith("blob:"):
        url = url[len("blob:") :]
    return urlparse(url).hostname == HOST


def test_open_filter_download(server: str, sample_db: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    province, year_to = "Helmand", 2016
    want = _expected_figure_ids(sample_db, province, year_to)
    assert want, "the database should hold figures for the chosen filter"
    requested: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
            context.on("request", lambda r: requested.append(r.url))
            page = context.new_page()
            page.on("websocket", lambda ws: requested.append(ws.url))
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(server)
            expect(page.get_by_text("People displaced", exact=True)).to_be_visible()

            sidebar = page.get_by_test_id("stSidebar")
            # Province: type into the multiselect and pick the option.
            box = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Province")
            box.click()
            page.keyboard.type(province)
            page.get_by_role("option", name=province, exact=True).click()
            page.keyboard.press("Escape")

            # Period: move the upper thumb of the year range down to ``year_to``.
            upper = sidebar.get_by_test_id("stSlider").get_by_role("slider").last
            upper.focus()
            while int(upper.input_value()) > year_to:
                page.keyboard.press("ArrowLeft")

            expect(page).to_have_url(f"{server}/?province={province}&to={year_to}")
            # The caption names the filters, so it shows only once the last rerun drew this tab.
            tab = page.get_by_role("tabpanel").filter(visible=True)
            caption = re.compile(
                rf" {len(want)} row\(s\) for {province} · \d{{4}}–{year_to} · undated included\."
            )
            expect(tab.get_by_text(caption)).to_be_visible()

            with page.expect_download() as info:
                tab.get_by_role("button", name="Download CSV").click()
            download = info.value
            assert download.suggested_filename.startswith(f"sitrep-figures-{province}-")
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
