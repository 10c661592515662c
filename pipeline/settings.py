"""One settings object for the batch step and the dashboard.

Each setting has a default and a help text; the environment (``SITREP_<NAME>``)
overrides the default and the command line overrides the environment.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# OCHA Afghanistan's displacement figures count 7 people per family.
HOUSEHOLD_SIZE = 7.0


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    choices: tuple[str, ...] = ()  # the values a text setting may take


SETTINGS = (
    Setting(
        "db", str(ROOT / "data" / "sitrep.duckdb"), "DuckDB file the batch step writes and the app reads"
    ),
    Setting("articles", str(ROOT / "data" / "articles"), "folder read when no input path is given"),
    Setting(
        "reviews",
        str(ROOT / "data" / "reviews.sqlite"),
        "SQLite file of analysts' reviews (kept apart from the database, which every ingest rebuilds)",
    ),
    Setting(
        "readonly",
        False,
        "serve the dashboard without review controls (for publishing a view); SITREP_READONLY=1",
    ),
    Setting(
        "household_size",
        HOUSEHOLD_SIZE,
        "people per family used for people_estimate when a figure counts families "
        "(OCHA Afghanistan's displacement figures use 7)",
    ),
    Setting("workers", 0, "processes that extract in parallel (0: one per core)"),
    Setting("max_file_mb", 20.0, "input files larger than this are rejected, not read"),
    Setting("date_window_days", 3, "reports of one happening may differ by this many days"),
    Setting(
        "toll_window_days",
        14,
        'a running count ("since Sunday", "the toll rose to") this many days after an earlier, '
        "smaller report of the same kind, place and incident updates it instead of adding to it",
    ),
    Setting(
        "choose_by",
        "latest",
        "which report of an event is counted first: 'latest' (the most recent report, then the "
        "most trusted kind of source) or 'trusted' (the most trusted kind of source, then the most "
        "recent); either way a party's count of the other side's losses only when no other exists",
        ("latest", "trusted"),
    ),
    Setting(
        "episode_gap_days", 14, "mentions of one capital this many days apart start a new pressure episode"
    ),
)


@dataclasses.dataclass(frozen=True)
class Settings:
    db: str
    articles: str
    reviews: str
    readonly: bool
    household_size: float
    workers: int
    max_file_mb: float
    date_window_days: int
    toll_window_days: int
    choose_by: str
    episode_gap_days: int

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Defaults, then ``SITREP_*`` environment variables, then non-None ``overrides``."""
        values = {}
        for s in SETTINGS:
            raw = os.environ.get(f"SITREP_{s.name.upper()}")
            value = s.default if raw is None else _parse(s, raw)
            if overrides.get(s.name) is not None:
                value = type(s.default)(overrides[s.name])
            if s.choices and value not in s.choices:
                raise ValueError(f"setting {s.name}={value!r}: use one of {', '.join(s.choices)}")
            values[s.name] = value
        return cls(**values)


def _parse(setting: Setting, raw: str) -> object:
    """A setting's value from its environment variable: ``1``/``true``/``yes``/``on`` for a switch."""
    if isinstance(setting.default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return type(setting.default)(raw)


def app_arguments(argv: list[str]) -> dict[str, str]:
    """``--db FILE`` and ``--reviews FILE`` given to the dashboard
    (``streamlit run app.py -- --db FILE``); other arguments are not the app's and are left."""
    parser = argparse.ArgumentParser(prog="streamlit run app.py --", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--reviews")
    known, _ = parser.parse_known_args(argv)
    return {k: v for k, v in vars(known).items() if v is not None}
