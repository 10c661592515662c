"""Pressure on one capital over time: mentions grouped per capital into episodes.

A pure polars transform over every pressure mention the database will hold, run by the batch
step after extraction.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from pipeline import vocab
from pipeline.group.spans import day_span
from pipeline.store.schema import tables


def pressure_episodes(pressure: pl.DataFrame, window: int) -> pl.DataFrame:
    """Pressure mentions grouped per capital into episodes of mentions no more than ``window`` apart.

    A month- or year-precision mention covers its whole month or year, so it joins any
    episode it overlaps. Each episode says its first and last date, the highest level
    reached (retaken aside), the latest level and how many reports it rests on.
    """
    rows = [r for r in pressure.iter_rows(named=True) if day_span(r["event_date"], r["date_precision"])]
    out = []
    gap = dt.timedelta(days=window)
    for capital in sorted({r["capital"] for r in rows}):
        mine = sorted(
            (r for r in rows if r["capital"] == capital),
            key=lambda r: day_span(r["event_date"], r["date_precision"]),
        )
        episode: list[dict] = []
        end = None
        for r in mine + [None]:
            span = day_span(r["event_date"], r["date_precision"]) if r else None
            if episode and (r is None or span[0] > end + gap):
                out.append(_episode(capital, episode))
                episode, end = [], None
            if r is not None:
                episode.append(r)
                end = max(end, span[1]) if end else span[1]
    return pl.DataFrame(out, schema=tables()["raw_pressure_episodes"])


def _episode(capital: str, rows: list[dict]) -> dict:
    highest = max(rows, key=lambda r: vocab.LEVEL_RANK[r["level"]])["level"]
    # On one day a retaking comes after whatever it undid.
    latest = max(rows, key=lambda r: (r["event_date"], vocab.LEVEL_SEQUENCE[r["level"]]))
    ids = sorted(r["pressure_id"] for r in rows)
    # The episode's dates come from its most precise mentions: a mention dated only "2016"
    # belongs to it without stretching it back to January. Known only to the month or the year,
    # it spans that month or year, as an event does: never a first day read as a day.
    finest = min(vocab.PRECISION_RANK[r["date_precision"]] for r in rows)
    spans = [day_span(r["event_date"], r["date_precision"]) for r in rows]
    dated = [
        d
        for r, span in zip(rows, spans, strict=True)
        if vocab.PRECISION_RANK[r["date_precision"]] == finest
        for d in span
    ]
    return {
        "episode_id": "p" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12],
        "capital": capital,
        "province": rows[0]["province"],
        "country": rows[0]["country"],
        "first_date": min(dated),
        "last_date": max(dated),
        "highest_level": highest,
        "latest_level": latest["level"],
        "n_reports": len({r["article_id"] for r in rows}),
        "n_mentions": len(rows),
        "is_background": all(r["is_background"] for r in rows),
    }
