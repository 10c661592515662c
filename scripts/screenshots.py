"""Pictures of every view for the README (``make screenshots``): the sample data, served on
loopback, seen by headless Chromium at 1400x1000 in the light theme (and the map in the dark
one); written to ``docs/screenshots/``.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--width 1400 --height 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.sessions import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

# view -> what must be on the page before the picture is taken.
VIEWS = {
    "Map": "stPlotlyChart",
    "Charts": "stPlotlyChart",
    "Capitals": "stPlotlyChart",
    "Tables": "stDataFrame",
    "Evidence": "stMarkdownContainer",
    "Sources": "stDataFrame",
    "Brief": "stMarkdownContainer",
}
TIMEOUT_MS = 90_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sitrep.duckdb"
        subprocess.run(
            [sys.executable, "-m", "pipeline", "ingest", str(ROOT / "data" / "articles"), "--db", str(db),
             "--reviews", str(Path(tmp) / "reviews.sqlite")],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        with serve(db, Path(tmp) / "streamlit.log") as (url, _), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for scheme in ("light", "dark"):
                    page = browser.new_page(
                        viewport={"width": args.width, "height": args.height}, color_scheme=scheme
                    )
                    page.set_default_timeout(TIMEOUT_MS)
                    for view, ready in VIEWS.items() if scheme == "light" else [("Map", "stPlotlyChart")]:
                        page.goto(f"{url}/?view={view}")
                        page.get_by_test_id("stMetric").first.wait_for()
                        page.get_by_test_id(ready).first.wait_for()
                        page.wait_for_timeout(2500)  # let charts and maps finish drawing
                        if view != "Map":  # the map's picture keeps the headline above it
                            # The page scrolls inside Streamlit's main area: bring the view up.
                            page.get_by_role("tab", name=view, exact=True).scroll_into_view_if_needed()
                            page.mouse.move(args.width * 0.6, args.height * 0.5)
                            page.mouse.wheel(0, 480)
                            page.wait_for_timeout(800)
                        name = f"{view.lower()}{'-dark' if scheme == 'dark' else ''}.png"
                        page.screenshot(path=str(args.out / name))
                        print(f"wrote {args.out / name}")
                    page.close()
            finally:
                browser.close()


if __name__ == "__main__":
    main()
