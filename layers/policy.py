"""The week's policy priorities: which kelurahan × issue the city should act on.

Each kelurahan × category gets a score out of 100 from seven signals, each
scaled to 0–1 and multiplied by its weight in :data:`WEIGHTS` (configuration:
change the numbers, not the code; they need not sum to 100):

* ``volume`` — reports in the last four WITA weeks, against the busiest pair;
* ``trend`` — those four weeks against the eight before (a doubling scores 0.5,
  a tripling or more 1; a fall 0);
* ``cluster`` — the kelurahan is a significant hot spot of the category in the
  newest analysis run (Gi*, positive z, adjusted p < 0.05);
* ``backlog`` — its open tickets, against the pair with most;
* ``sla`` — open tickets past their SLA deadline, against the pair with most;
* ``severity`` — the category's severity (``categories.severity``, out of 5);
* ``poverty`` — the kelurahan's share of poor residents (newest
  ``kelurahan_indicators``, when loaded), against the poorest kelurahan.

Every entry says why in plain Indonesian and links to its tickets.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from gis.formats import format_number, format_percent
from gis.i18n import _
from layers.ai.forecast import SHORT_NAMES, _at, week_of
from layers.status import OPEN, sql_in

#: weight of each signal (points it gives at its strongest)
WEIGHTS = {
    "volume": 25.0,
    "trend": 20.0,
    "cluster": 15.0,
    "backlog": 15.0,
    "sla": 15.0,
    "severity": 5.0,
    "poverty": 5.0,
}
RECENT_WEEKS, BEFORE_WEEKS = 4, 8
#: a signal adds a reason when it gives at least this many points
REASON_POINTS = 2.0


def _rows(conn: sa.Connection, now: datetime) -> list:
    week = week_of(now)
    recent = _at(week - timedelta(weeks=RECENT_WEEKS - 1))
    before = _at(week - timedelta(weeks=RECENT_WEEKS - 1 + BEFORE_WEEKS))
    indicators = conn.execute(
        sa.text("SELECT to_regclass('latest_kelurahan_indicators') IS NOT NULL")
    ).scalar()
    poverty = (
        "(SELECT kelurahan_kode, poor_people::float / NULLIF(population, 0) AS poor"
        " FROM latest_kelurahan_indicators)"
        if indicators
        else "(SELECT NULL::text AS kelurahan_kode, NULL::float AS poor)"
    )
    return conn.execute(
        sa.text(
            "WITH c AS (SELECT kelurahan_kode, category_code,"
            "  count(*) FILTER (WHERE reported_at >= :recent) AS recent,"
            "  count(*) FILTER (WHERE reported_at < :recent) AS before,"
            "  count(*) FILTER (WHERE status IN " + sql_in(OPEN) + ") AS open,"
            "  count(*) FILTER (WHERE status IN " + sql_in(OPEN) + " AND due_at < :now)"
            "   AS late"
            " FROM complaints WHERE kelurahan_kode IS NOT NULL AND reported_at < :now"
            " AND (reported_at >= :before OR status IN " + sql_in(OPEN) + ")"
            " GROUP BY 1, 2)"
            " SELECT c.*, k.nama, cat.severity,"
            "  coalesce(s.gi_z > 0 AND s.gi_p_adjusted < 0.05, false) AS cluster,"
            "  s.gi_z, p.poor"
            " FROM c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
            " JOIN categories cat ON cat.code = c.category_code"
            " LEFT JOIN latest_kelurahan_stats s"
            "  ON s.kelurahan_kode = c.kelurahan_kode"
            "  AND s.category_code = c.category_code"
            f" LEFT JOIN {poverty} p ON p.kelurahan_kode = c.kelurahan_kode"
        ),
        {"recent": recent, "before": before, "now": now},
    ).all()


def policy_priorities(
    conn: sa.Connection,
    now: datetime,
    limit: int = 10,
    weights: dict[str, float] = WEIGHTS,
) -> dict:
    """The ``limit`` highest-scoring kelurahan × category pairs, with reasons."""
    rows = _rows(conn, now)
    top = {
        key: max([getattr(r, key) or 0 for r in rows], default=0) or 1
        for key in ("recent", "open", "late")
    }
    poorest = max([r.poor or 0 for r in rows], default=0) or 1
    ranked = []
    for r in rows:
        before_rate = r.before * RECENT_WEEKS / BEFORE_WEEKS
        rise = r.recent / max(before_rate, 1.0)
        signals = {
            "volume": r.recent / top["recent"],
            "trend": min(max(rise - 1.0, 0.0) / 2.0, 1.0) if r.recent >= 3 else 0.0,
            "cluster": 1.0 if r.cluster else 0.0,
            "backlog": r.open / top["open"],
            "sla": r.late / top["late"],
            "severity": min(r.severity / 5.0, 1.0),
            "poverty": (r.poor or 0) / poorest,
        }
        points = {k: weights.get(k, 0.0) * v for k, v in signals.items()}
        said = {
            "volume": _(
                "{n} reports in the last {weeks} weeks",
                n=format_number(r.recent),
                weeks=RECENT_WEEKS,
            ),
            # the count is said once: by the volume reason when it is given
            "trend": _(
                "up from {before} in the {weeks} weeks before",
                before=format_number(r.before),
                weeks=BEFORE_WEEKS,
            )
            if points["volume"] >= REASON_POINTS
            else _(
                "{n} reports in the last {recent} weeks, up from {before} in the"
                " {weeks} weeks before",
                n=format_number(r.recent),
                recent=RECENT_WEEKS,
                before=format_number(r.before),
                weeks=BEFORE_WEEKS,
            ),
            "cluster": _(
                "a significant hot spot in the latest analysis (Gi* z = {z})",
                z=format_number(r.gi_z or 0, 1),
            ),
            "backlog": _("{n} reports not yet resolved", n=format_number(r.open)),
            "sla": _("{n} reports past their SLA deadline", n=format_number(r.late)),
            "severity": _(
                "a category of severity {severity} out of 5",
                severity=format_number(r.severity, 1),
            ),
            "poverty": _(
                "{share} of its residents are poor", share=format_percent(r.poor or 0)
            ),
        }
        reasons = [
            {"signal": k, "points": round(p, 1), "reason": said[k]}
            for k, p in sorted(points.items(), key=lambda kv: -kv[1])
            if p >= REASON_POINTS
        ]
        name = SHORT_NAMES.get(r.category_code, r.category_code)
        ranked.append(
            {
                "kelurahan": r.kelurahan_kode,
                "kelurahan_name": r.nama,
                "category": r.category_code,
                "title": f"{name} di {r.nama}",
                "score": round(sum(points.values()), 1),
                "reasons": reasons,
                "link": f"/laporan?kelurahan={r.kelurahan_kode}"
                f"&kategori={r.category_code}",
                "filters": {"kelurahan": r.kelurahan_kode, "kategori": r.category_code},
            }
        )
    ranked.sort(key=lambda e: (-e["score"], e["title"]))
    return {
        "week_start": week_of(now).isoformat(),
        "weights": dict(weights),
        "priorities": ranked[:limit],
    }
