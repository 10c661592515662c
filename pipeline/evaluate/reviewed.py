"""The extractor measured by its reviewers: on the figures analysts reviewed, how many were right.

A confirmed figure was right; a corrected one was read but got a field wrong; a rejected one
should not have been extracted. Precision is the confirmed share of the reviewed figures,
counted by kind and by the rule that placed each figure (``place_basis``) and by its
confidence, so every correction an analyst makes becomes a measured case. Reviews taken since
the last ingest count after the next one.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

GROUPINGS = (("kind", "kind"), ("place rule", "place_basis"), ("confidence", "confidence"))


def reviewed_table(db: Path) -> str:
    """The precision of reviewed figures as a fixed-width table (and the rejection reasons)."""
    if not db.exists():
        return f"no database at {db}: run python -m pipeline ingest first"
    lines = []
    with duckdb.connect(str(db), read_only=True) as con:
        total = con.execute("SELECT count(*) FROM figures WHERE review_status <> 'unreviewed'").fetchone()[0]
        if not total:
            return "no reviewed figures yet: review them in the dashboard, or import a review file"
        counts = f"{'reviewed':>8} {'confirmed':>9} {'corrected':>9} {'rejected':>8} {'precision':>9}"
        lines.append(f"{'':<12} {'':<14} {counts}")
        for label, column in GROUPINGS:
            rows = con.execute(
                f"""
                SELECT {column} AS key, count(*) AS n,
                       count(*) FILTER (WHERE review_status = 'confirmed') AS confirmed,
                       count(*) FILTER (WHERE review_status = 'corrected') AS corrected,
                       count(*) FILTER (WHERE review_status = 'rejected') AS rejected
                FROM figures WHERE review_status IN ('confirmed', 'corrected', 'rejected')
                GROUP BY {column} ORDER BY {column}
                """  # noqa: S608 (column names are the constants above)
            ).fetchall()
            for key, n, confirmed, corrected, rejected in rows:
                lines.append(
                    f"{label:<12} {str(key):<14} {n:8d} {confirmed:9d} {corrected:9d} {rejected:8d} "
                    f"{confirmed / n:9.3f}"
                )
        reasons = con.execute(
            "SELECT review_reason, count(*) FROM figures WHERE review_status = 'rejected' "
            "GROUP BY review_reason ORDER BY count(*) DESC"
        ).fetchall()
    if reasons:
        lines += ["", "rejected because: " + ", ".join(f"{r or 'no reason'} {n}" for r, n in reasons)]
    return "\n".join(lines)
