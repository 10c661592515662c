"""A served dashboard and sessions against it, for the load, crash and browser tests and ``make load``.

``serve`` runs ``streamlit run app.py`` on a free loopback port over a database. Protocol
sessions speak Streamlit's own websocket protocol, as the page's script does; browser sessions
are pages in one headless Chromium (Debian's, driven by Playwright). Each session opens one of
the app's tabs and toggles "Include undated", timing every rerun.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
VIEWS = ("Map", "Charts", "Capitals", "Tables", "Evidence", "Sources")
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
# What each tab draws last, and how many of it: a session starts toggling once its tab is drawn.
DRAWN = {
    "Map": (".maplibregl-canvas", 1),
    "Charts": (".js-plotly-plot .main-svg", 4),
    "Capitals": ("[data-testid=stDataFrame]", 2),
    "Tables": ("[data-testid=stDataFrame]", 1),
    "Evidence": ("[data-testid=stExpander]", 1),
    "Sources": ("[data-testid=stDataFrame]", 1),
}
UNDATED = "Include undated"
SHOWN = {True: "undated included", False: "undated excluded"}  # what the headline caption says


@dataclass
class Result:
    """Latencies of every rerun (seconds) and whatever went wrong."""

    kind: str
    sessions: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    server_peak_mb: float = 0.0

    def figures(self) -> dict[str, float | int | str]:
        """Median, 90th percentile and slowest rerun, and the run's wall and server CPU time."""
        ordered = sorted(self.latencies) or [float("nan")]
        return {
            "kind": self.kind,
            "sessions": self.sessions,
            "reruns": len(self.latencies),
            "median_s": round(ordered[len(ordered) // 2], 2),
            "p90_s": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], 2),
            "slowest_s": round(ordered[-1], 2),
            "wall_s": round(self.wall_s, 1),
            "server_cpu_s": round(self.server_cpu_s, 1),
            "server_peak_mb": round(self.server_peak_mb),
            "errors": len(self.errors),
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, log: Path, timeout: float = 60) -> Iterator[tuple[str, int]]:
    """``streamlit run app.py`` on a free loopback port over ``db``; yields (url, pid); always stopped."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", HOST, "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        # Reviews go beside the log, never into the project's data/ folder.
        env = {**os.environ, "SITREP_DB": str(db), "SITREP_REVIEWS": str(log.with_suffix(".reviews.sqlite"))}
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    out.flush()
                    raise RuntimeError(f"streamlit did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
            yield url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def peak_mb(pid: int) -> float:
    """The most resident memory process ``pid`` has used so far (Linux), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- protocol sessions -------------------------------------------------------------------


async def script_run(ws, payload: bytes, errors: list[str]) -> dict[str, list]:
    """Send one rerun; collect the new elements by type until the script has finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await ws.send(payload)
    elements: dict[str, list] = {}
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            elements.setdefault(element.WhichOneof("type"), []).append(element)
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                errors.append(f"script finished with status {msg.script_finished}")
            for exc in elements.get("exception", []):
                errors.append(f"{exc.exception.type}: {exc.exception.message}")
            return elements


def rerun_message(view: str, states: dict[str, bool]) -> bytes:
    """The BackMsg a page sends to rerun the script with these checkbox values."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = f"view={view}"
    for widget_id, value in states.items():
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.bool_value = value
    return msg.SerializeToString()


def _says(elements: dict[str, list], text: str) -> bool:
    return any(text in e.markdown.body for e in elements.get("markdown", []))


def metrics(elements: dict[str, list]) -> dict[str, str]:
    """The headline numbers a run drew, by label."""
    return {e.metric.label: e.metric.body for e in elements.get("metric", [])}


def connect(url: str):
    """A websocket to the app at ``url``, opened as its page opens it (use with ``async with``)."""
    from websockets.asyncio.client import connect as ws_connect

    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    return ws_connect(stream, subprotocols=["streamlit"], origin=url, max_size=None)


async def _protocol_session(
    url: str, view: str, toggles: int, start: asyncio.Barrier, result: Result
) -> None:
    async with connect(url) as ws:
        elements = await script_run(ws, rerun_message(view, {}), result.errors)
        (box,) = [e.checkbox for e in elements.get("checkbox", []) if e.checkbox.label == UNDATED]
        await start.wait()
        value = True
        for _ in range(toggles):
            value = not value
            began = time.perf_counter()
            elements = await script_run(ws, rerun_message(view, {box.id: value}), result.errors)
            result.latencies.append(time.perf_counter() - began)
            if not _says(elements, SHOWN[value]):
                result.errors.append(f"{view}: the rerun did not show {SHOWN[value]!r}")


def run_protocol(url: str, pid: int, sessions: int, toggles: int, timeout: float = 600) -> Result:
    """``sessions`` protocol sessions at once; every rerun timed until its script finished."""
    result = Result("protocol", sessions)

    async def run() -> None:
        start = asyncio.Barrier(sessions)
        views = [VIEWS[i % len(VIEWS)] for i in range(sessions)]
        jobs = [_protocol_session(url, view, toggles, start, result) for view in views]
        await asyncio.wait_for(asyncio.gather(*jobs), timeout)

    cpu, began = cpu_seconds(pid), time.perf_counter()
    asyncio.run(run())
    result.wall_s, result.server_cpu_s = time.perf_counter() - began, cpu_seconds(pid) - cpu
    result.server_peak_mb = peak_mb(pid)
    return result


# --- browser sessions --------------------------------------------------------------------


async def _browser_session(
    browser, url: str, view: str, toggles: int, start: asyncio.Barrier, result: Result, hang_ms: int
) -> None:
    page = await browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(hang_ms)
    page.on("pageerror", lambda e: result.errors.append(f"{view}: {e}"))
    await page.goto(f"{url}/?view={view}")
    await page.get_by_text(SHOWN[True]).first.wait_for()
    await page.get_by_role("tab", name=view, exact=True).and_(page.locator("[aria-selected=true]")).wait_for()
    selector, count = DRAWN[view]
    await page.locator(selector).nth(count - 1).wait_for()
    box = page.get_by_test_id("stSidebar").get_by_text(UNDATED, exact=True)
    await start.wait()
    value = True
    for _ in range(toggles):
        value = not value
        began = time.perf_counter()
        await box.click()
        await page.get_by_text(SHOWN[value]).first.wait_for()
        result.latencies.append(time.perf_counter() - began)
    await page.close()


def run_browsers(url: str, pid: int, sessions: int, toggles: int, hang_ms: int = 150_000) -> Result:
    """``sessions`` pages in one headless Chromium at once; every rerun timed from click to text."""
    from playwright.async_api import async_playwright

    result = Result("browser", sessions)
    marks: dict[str, float] = {}

    async def run() -> None:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            start = asyncio.Barrier(sessions + 1)
            jobs = [
                _browser_session(browser, url, VIEWS[i % len(VIEWS)], toggles, start, result, hang_ms)
                for i in range(sessions)
            ]

            async def clock() -> None:
                await start.wait()  # every page is loaded: time the toggling only
                marks["cpu"], marks["began"] = cpu_seconds(pid), time.perf_counter()

            await asyncio.wait_for(asyncio.gather(clock(), *jobs), 900)
            marks["wall"], marks["cpu_end"] = time.perf_counter() - marks["began"], cpu_seconds(pid)
            await browser.close()

    asyncio.run(run())
    result.wall_s, result.server_cpu_s = marks["wall"], marks["cpu_end"] - marks["cpu"]
    result.server_peak_mb = peak_mb(pid)
    return result
