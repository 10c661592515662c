"""The real-browser tests' marks: browser, slow, and skipped only where Chromium is missing outside CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.sessions import CHROMIUM

MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    # Skipped on a developer's machine without Chromium; never in CI, where `make test` installs it.
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is missing: `make browser` (or apt-get install chromium) installs it",
    ),
]
