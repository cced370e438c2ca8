"""Emerging words in complaint texts: what residents started writing this week.

This week's complaint descriptions (WITA Monday 00:00 up to now) against the
eight weeks before, through :mod:`gis.terms` with the text model's
normalisation (``layers.ai.lexicon``: "aer" and "air" are one word), so a new
kind of trouble ("rob", "kebakaran", "air keruh") shows before anyone has a
category for it. Each term comes with example tickets for the operator.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from gis.formats import format_number
from gis.i18n import _
from gis.terms import emerging_terms
from layers.ai.forecast import _at, week_of
from layers.ai.lexicon import NORMAL_FORMS, STOP_WORDS

BASELINE_WEEKS = 8


def emerging_words(conn: sa.Connection, now: datetime, limit: int = 10) -> dict:
    """Terms whose share of this week's complaints jumped against the
    :data:`BASELINE_WEEKS` before, strongest first, with example tickets."""
    week = week_of(now)
    since, start = _at(week - timedelta(weeks=BASELINE_WEEKS)), _at(week)
    rows = conn.execute(
        sa.text(
            "SELECT c.ticket, c.description, c.reported_at >= :start AS current,"
            " c.category_code, k.nama FROM complaints c"
            " LEFT JOIN kelurahan k ON k.kode = c.kelurahan_kode"
            " WHERE c.reported_at >= :since AND c.reported_at < :now"
            " AND c.description <> '' ORDER BY c.reported_at DESC, c.id DESC"
        ),
        {"since": since, "start": start, "now": now},
    ).all()
    current = [r for r in rows if r.current]
    baseline = [r.description for r in rows if not r.current]
    found = emerging_terms(
        [r.description for r in current],
        baseline,
        lexicon=NORMAL_FORMS,
        stop_words=STOP_WORDS,
    )[:limit]
    return {
        "week_start": week.isoformat(),
        "current_tickets": len(current),
        "baseline_tickets": len(baseline),
        "baseline_weeks": BASELINE_WEEKS,
        "terms": [
            {
                "term": f["term"],
                "tickets": f["current"],
                "baseline_tickets": f["baseline"],
                "ratio": round(f["ratio"], 1),
                "p_value": f["p"],
                "text": _(
                    "“{term}”: {n} reports this week, {before} in the {weeks}"
                    " weeks before",
                    term=f["term"],
                    n=format_number(f["current"]),
                    before=format_number(f["baseline"]),
                    weeks=BASELINE_WEEKS,
                ),
                "examples": [
                    {
                        "ticket": current[i].ticket,
                        "category": current[i].category_code,
                        "kelurahan": current[i].nama,
                        "description": current[i].description,
                    }
                    for i in f["examples"]
                ],
            }
            for f in found
        ],
    }
