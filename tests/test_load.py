"""Ten sessions at once on one server, over Streamlit's own protocol: every rerun completes, right.

Speed is measured by ``make load`` (figures in the README); here only a hang guard is asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sessions import run_protocol, serve

pytestmark = pytest.mark.slow  # ten sessions against a served app

HANG_S = 120  # past this a rerun is stuck, not slow


@pytest.fixture(scope="module")
def server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("load") / "streamlit.log"
    with serve(sample_db, log) as (url, pid):
        yield url, pid, log


def test_ten_sessions_on_every_tab_toggle_a_filter(server) -> None:
    url, pid, log = server
    result = run_protocol(url, pid, sessions=10, toggles=3, timeout=600)
    # Each rerun is checked to show the filter it asked for, on each of the six tabs.
    assert result.errors == []
    assert len(result.latencies) == 30
    assert max(result.latencies) < HANG_S, result.figures()
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
