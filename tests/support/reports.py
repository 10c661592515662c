"""Reports written for the tests that review what the batch step extracted from them."""

from __future__ import annotations

from pathlib import Path


def two_reports(folder: Path) -> Path:
    """Two reports written for the tests (40 killed in Kunduz, 2,000 displaced in Baghlan) and
    their manifest, in a new ``folder``."""
    folder.mkdir()
    (folder / "kunduz.txt").write_text(
        "Officials said 40 people were killed in Kunduz city.\n", encoding="utf-8"
    )
    (folder / "baghlan.txt").write_text(
        "About 2,000 people fled their homes in Baghlan province.\n", encoding="utf-8"
    )
    (folder / "manifest.csv").write_text(
        "file,published,title,source,url\nkunduz.txt,2021-07-06,,,\nbaghlan.txt,2021-07-06,,,\n",
        encoding="utf-8",
    )
    return folder
