"""The data files extraction reads, and the one way it reads them.

Rules and places are tables under ``data/``; extraction reads them through ``read_csv``
only, and only from ``FOLDERS``, so the extractor's fingerprint (``fingerprint.py``) sees
every file that can change what it extracts.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("data/rules", "data/places", "data/world")
SUFFIX = ".csv"  # the tables; a folder's README is for people


def folder(name: str) -> Path:
    """The absolute path of one of ``FOLDERS``."""
    if name not in FOLDERS:
        raise ValueError(f"extraction reads data only from {FOLDERS}, not {name!r}: add it there")
    return ROOT / name


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV table in one of ``FOLDERS``, as dicts (the header gives the keys)."""
    with _open(path) as fh:
        return list(csv.DictReader(fh))


def read_header(path: Path) -> tuple[str, ...]:
    """The column names of a CSV table in one of ``FOLDERS``."""
    with _open(path) as fh:
        return tuple(next(csv.reader(fh), ()))


def _open(path: Path) -> TextIO:
    resolved = path.resolve()
    if resolved.suffix != SUFFIX or not any(resolved.is_relative_to(ROOT / f) for f in FOLDERS):
        raise ValueError(f"{path}: extraction reads only {SUFFIX} tables in {', '.join(FOLDERS)}")
    return resolved.open(encoding="utf-8", newline="")
