"""What is in the database: per-layer feature counts, for the landing page and CLI."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from gis.timeutil import wita_day_sql
from layers import LAYERS
from layers.status import Group, sql_group


def layer_counts(conn: sa.Connection) -> list[dict[str, object]]:
    """Name, title msgid, feature count and synthetic count of every layer."""
    rows = []
    for layer in LAYERS.values():
        has_synthetic = layer.table not in (
            "kota",
            "kecamatan",
            "kelurahan",
            "opd",
            "categories",
        )
        synthetic = "count(*) FILTER (WHERE synthetic)" if has_synthetic else "0"
        total, fake = conn.execute(
            sa.text(f"SELECT count(*), {synthetic} FROM {layer.table}")
        ).one()
        rows.append(
            {
                "name": layer.name,
                "title": layer.title,
                "features": total,
                "synthetic": fake,
                "geometry": layer.geometry_type,
            }
        )
    return rows


def complaint_status_counts(conn: sa.Connection) -> dict[str, int]:
    """Number of complaints in each state."""
    return dict(
        conn.execute(
            sa.text("SELECT status, count(*) FROM complaints GROUP BY status")
        ).all()
    )


def dashboard_summary(conn: sa.Connection, now: datetime) -> dict[str, object]:
    """The command room's numbers, public (no personal data).

    Counts per status group (:class:`layers.status.Group`: untouched, in
    progress, handled, rejected) among reports made today and in the
    last seven days (WITA days), a 30-day daily series by group, kelurahan ×
    category with new or intensifying hot spots (latest analysis run), and the 20
    newest reports.
    """
    group = sql_group("c.status")
    day = wita_day_sql("c.reported_at")
    today = wita_day_sql("CAST(:now AS timestamptz)")
    counts = {
        window: dict.fromkeys([g.value for g in Group], 0)
        for window in ("today", "week")
    }
    for window, g, n in conn.execute(
        sa.text(
            f"SELECT CASE WHEN {day} = {today} THEN 'today' ELSE 'week' END, {group},"
            f" count(*) FROM complaints c WHERE {day} > {today} - 7"
            f" AND c.reported_at <= :now GROUP BY 1, 2"
        ),
        {"now": now},
    ):
        counts[window][g] += n
        if window == "today":
            counts["week"][g] += n
    series = [
        {"day": d.isoformat(), "group": g, "count": n}
        for d, g, n in conn.execute(
            sa.text(
                f"SELECT {day} AS d, {group}, count(*) FROM complaints c"
                f" WHERE {day} > {today} - 30 AND c.reported_at <= :now"
                " GROUP BY 1, 2 ORDER BY 1, 2"
            ),
            {"now": now},
        )
    ]
    emerging = [
        dict(r._mapping)
        for r in conn.execute(
            sa.text(
                "SELECT e.kelurahan_kode, e.nama AS kelurahan, e.category_code,"
                " g.name_id AS category, e.pattern FROM latest_emerging_kelurahan e"
                " JOIN categories g ON g.code = e.category_code WHERE e.pattern IN"
                " ('new hot spot', 'intensifying hot spot', 'consecutive hot spot')"
                " ORDER BY e.pattern, e.kelurahan_kode"
            )
        )
    ]
    latest = [
        dict(r._mapping)
        for r in conn.execute(
            sa.text(
                f"SELECT c.ticket, c.category_code, g.name_id AS category, c.status,"
                f" {group} AS status_group, c.reported_at, k.nama AS kelurahan"
                " FROM complaints c JOIN categories g ON g.code = c.category_code"
                " JOIN kelurahan k ON k.kode = c.kelurahan_kode WHERE c.reported_at <="
                " :now"
                " ORDER BY c.reported_at DESC, c.id DESC LIMIT 20"
            ),
            {"now": now},
        )
    ]
    return {"counts": counts, "series": series, "emerging": emerging, "latest": latest}
