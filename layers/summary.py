"""What is in the database, and the command room's numbers at a glance.

The command room reads backlog first: *now*, across every open ticket, how many
nobody has touched, how many are being worked on (Koordinasi among them), how many
are past their SLA deadline, each with the change since the same moment
yesterday and the age of the oldest; then the flow of today and of the last seven
WITA days (new, handled and rejected apart); then the red flags per kelurahan,
named, with the OPD responsible. Every number carries the filter of the ticket
list behind it (``filters``: the query parameters ``/laporan`` and ``/staf``
accept), so any of them can be clicked through.

Days are WITA days: "today" at 03:51 WITA began at 16:00 UTC the day before.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from gis.i18n import N_, _
from gis.timeutil import WITA, to_wita, wita_day_sql
from layers import LAYERS
from layers.backlog import BACKLOG_COLUMNS, backlog_tiles
from layers.categories import name_column
from layers.hot_spot_news import news_of_run
from layers.status import (
    CLOSED,
    OPEN,
    group_of,
    sql_group,
    sql_in,
)

#: the flow's columns (msgids)
FLOW: dict[str, str] = {
    "new": N_("New"),
    "handled": N_("Handled"),
    "rejected": N_("Rejected"),
}


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


# --- windows -------------------------------------------------------------------


def day_start(moment: datetime) -> datetime:
    """00:00 WITA of the WITA day ``moment`` falls in."""
    local = to_wita(moment)
    return datetime.combine(local.date(), datetime.min.time(), WITA)


def windows(now: datetime) -> dict[str, datetime]:
    """Where today and the last seven WITA days (today included) begin, and the
    moment "yesterday" the backlog is compared with (24 hours ago)."""
    today = day_start(now)
    return {
        "today": today,
        "week": today - timedelta(days=6),
        "yesterday": now - timedelta(days=1),
    }


# --- backlog and flow ----------------------------------------------------------

#: one round trip for the backlog and the flow: the latest analysis run (which
#: keys the hot spot cache), the backlog's counts (:mod:`layers.backlog`), and
#: the reports and closings of the windows
GLANCE_SQL = f"""
SELECT
 (SELECT max(id) FROM analysis_runs WHERE status = 'done') AS run,{BACKLOG_COLUMNS},
 (SELECT json_build_array(count(*) FILTER (WHERE reported_at >= :today), count(*))
  FROM complaints WHERE reported_at >= :week AND reported_at <= :now) AS new,
 (SELECT coalesce(json_agg(json_build_array(status, today, week)), '[]') FROM (
  SELECT status, count(*) FILTER (WHERE resolved_at >= :today) AS today,
   count(*) AS week
  FROM complaints WHERE status IN {sql_in(CLOSED)}
   AND resolved_at >= :week AND resolved_at <= :now GROUP BY 1) x) AS closed
"""


def _glance(conn: sa.Connection, now: datetime) -> sa.Row:
    return conn.execute(sa.text(GLANCE_SQL), {"now": now, **windows(now)}).one()


def _backlog_of(row: sa.Row) -> dict[str, dict]:
    return backlog_tiles(row.open, row.later, row.moves)


def _flow_of(row: sa.Row) -> dict[str, dict[str, int]]:
    out = {w: dict.fromkeys(FLOW, 0) for w in ("today", "week")}
    out["today"]["new"], out["week"]["new"] = row.new
    for status, today, week in row.closed:
        out["today"][group_of(status).value] += today
        out["week"][group_of(status).value] += week
    return out


def backlog(conn: sa.Connection, now: datetime) -> dict[str, dict]:
    """Open tickets now per tile, with yesterday's number and the oldest age
    (yesterday rebuilt as :mod:`layers.backlog` says)."""
    return _backlog_of(_glance(conn, now))


def flow(conn: sa.Connection, now: datetime) -> dict[str, dict[str, int]]:
    """Reports made, handled and rejected today and in the last seven WITA days
    (a handled or rejected ticket counts on the day it was closed)."""
    return _flow_of(_glance(conn, now))


def trend(conn: sa.Connection, now: datetime, days: int = 30) -> list[dict]:
    """Per WITA day of the last ``days`` (today included): reports made,
    handled and rejected."""
    start = day_start(now) - timedelta(days=days - 1)
    counts: dict[date, dict[str, int]] = {
        (start + timedelta(days=i)).date(): dict.fromkeys(FLOW, 0) for i in range(days)
    }
    params = {"start": start, "now": now}
    for day, n in conn.execute(
        sa.text(
            f"SELECT {wita_day_sql('reported_at')}, count(*) FROM complaints"
            " WHERE reported_at >= :start AND reported_at <= :now GROUP BY 1"
        ),
        params,
    ):
        counts[day]["new"] += n
    for day, g, n in conn.execute(
        sa.text(
            f"SELECT {wita_day_sql('resolved_at')}, {sql_group('status')}, count(*)"
            f" FROM complaints WHERE status IN {sql_in(CLOSED)}"
            " AND resolved_at >= :start AND resolved_at <= :now GROUP BY 1, 2"
        ),
        params,
    ):
        counts[day][g] += n
    return [{"day": d.isoformat(), **c} for d, c in counts.items()]


# --- red flags -----------------------------------------------------------------


FLAG_ORDER = {"red": 0, "amber": 1, "green": 2}


def flags_by_kelurahan(
    conn: sa.Connection, now: datetime, amber_days: float = 2.0
) -> list[dict]:
    """Red and amber flags per kelurahan, worst first: the categories that are
    red or amber (names), how many unhandled tickets, the oldest age in days and
    the OPD responsible (the category's owner), each with its ticket filter.

    The flags are the database's rule (``sigap_red_flags``, as every publisher)."""
    rows = conn.execute(
        sa.text(
            f"SELECT f.kelurahan_kode, k.nama, f.category_code, {name_column()}"
            " AS name, f.flag, f.threshold_days, f.unhandled, f.oldest_days,"
            " g.opd_code, coalesce(o.short_name, o.name, g.opd_code) AS opd"
            " FROM sigap_red_flags(:now, :amber) f"
            " JOIN kelurahan k ON k.kode = f.kelurahan_kode"
            " JOIN categories g ON g.code = f.category_code"
            " LEFT JOIN opd o ON o.code = g.opd_code WHERE f.flag <> 'green'"
        ),
        {"now": now, "amber": amber_days},
    ).all()
    areas: dict[str, dict] = {}
    for row in rows:
        area = areas.setdefault(
            row.kelurahan_kode,
            {
                "kelurahan_kode": row.kelurahan_kode,
                "kelurahan": row.nama,
                "flag": row.flag,
                "unhandled": 0,
                "oldest_days": 0.0,
                "categories": [],
                "filters": {"kelurahan": row.kelurahan_kode, "merah": "1"},
            },
        )
        # floored: an amber flag never reads as 7.00 days old
        oldest = math.floor(float(row.oldest_days) * 100) / 100
        area["categories"].append(
            {
                "code": row.category_code,
                "name": row.name,
                "flag": row.flag,
                "unhandled": row.unhandled,
                "oldest_days": oldest,
                "threshold_days": row.threshold_days,
                "opd_code": row.opd_code,
                "opd": row.opd,
                "filters": _flag_filters(row._mapping),
            }
        )
        area["unhandled"] += row.unhandled
        area["oldest_days"] = max(area["oldest_days"], oldest)
        if FLAG_ORDER[row.flag] < FLAG_ORDER[area["flag"]]:
            area["flag"] = row.flag
    for area in areas.values():
        area["categories"].sort(
            key=lambda c: (FLAG_ORDER[c["flag"]], -c["oldest_days"], c["code"])
        )
        area["opds"] = sorted({c["opd"] for c in area["categories"]})
        if area["flag"] != "red":
            area["filters"] = {"kelurahan": area["kelurahan_kode"]}
    return sorted(
        areas.values(),
        key=lambda a: (FLAG_ORDER[a["flag"]], -a["oldest_days"], a["kelurahan_kode"]),
    )


def _flag_filters(flag: dict) -> dict[str, str]:
    filters = {"kelurahan": flag["kelurahan_kode"], "kategori": flag["category_code"]}
    if flag["flag"] == "red":
        filters["merah"] = "1"
    return filters


def top_flags(areas: Iterable[dict], n: int = 5) -> list[dict]:
    """The ``n`` worst kelurahan × category flags (red before amber, oldest
    first), each with its kelurahan's name."""
    rows = [
        {
            **category,
            "kelurahan": area["kelurahan"],
            "kelurahan_kode": area["kelurahan_kode"],
        }
        for area in areas
        for category in area["categories"]
    ]
    rows.sort(key=lambda r: (FLAG_ORDER[r["flag"]], -r["oldest_days"], r["code"]))
    return rows[:n]


def rule_sentence(days: int = 7, amber_days: float = 2.0) -> str:
    """The mayor's rule in one sentence, in the current language."""
    return _(
        "Red: a report nobody has started work on for {days} days or more"
        " (road damage included). Amber: {amber} days before it turns red.",
        days=days,
        amber=int(amber_days),
    )


# --- the whole glance ----------------------------------------------------------


def latest_reports(conn: sa.Connection, now: datetime, limit: int = 20) -> list[dict]:
    """The newest reports (no personal data)."""
    rows = conn.execute(
        sa.text(
            f"SELECT c.ticket, c.category_code, {name_column()} AS category,"
            f" c.status, {sql_group('c.status')}"
            " AS status_group, c.reported_at, c.kelurahan_kode, k.nama AS kelurahan"
            " FROM complaints c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
            " JOIN categories g ON g.code = c.category_code"
            " WHERE c.reported_at <= :now ORDER BY c.reported_at DESC, c.id DESC"
            " LIMIT :limit"
        ),
        {"now": now, "limit": limit},
    ).all()
    return [dict(r._mapping) for r in rows]


def dashboard_summary(conn: sa.Connection, now: datetime) -> dict[str, object]:
    """The command room's numbers, public (no personal data): the backlog now
    with yesterday's, the flow today and over seven days, red and amber flags per
    kelurahan, rising hot spots and the newest reports."""
    glance = _glance(conn, now)
    flags = flags_by_kelurahan(conn, now)
    tiles = _backlog_of(glance)
    return {
        "now": now.isoformat(),
        "windows": {k: v.isoformat() for k, v in windows(now).items()},
        "backlog": tiles,
        "open": tiles["untouched"]["count"] + tiles["in_progress"]["count"],
        "flow": _flow_of(glance),
        "flags": flags,
        "hotspots": news_of_run(conn, glance.run),
        "latest": latest_reports(conn, now),
    }


def map_layers(conn: sa.Connection, now: datetime, limit: int = 5000) -> dict:
    """What the command room's map draws: every kelurahan (simplified outline,
    label point, name, open tickets, its worst flag) and the open tickets as
    points with their group (the ``limit`` oldest, which matter most)."""
    flags = {a["kelurahan_kode"]: a["flag"] for a in flags_by_kelurahan(conn, now)}
    areas = conn.execute(
        sa.text(
            "SELECT k.kode, k.nama, ST_AsGeoJSON(ST_SimplifyPreserveTopology(k.geom,"
            " 0.0002), 5) AS geom, ST_X(ST_PointOnSurface(k.geom)) AS lon,"
            " ST_Y(ST_PointOnSurface(k.geom)) AS lat,"
            " (SELECT count(*) FROM complaints c WHERE c.kelurahan_kode = k.kode"
            f"  AND c.status IN {sql_in(OPEN)} AND c.reported_at <= :now) AS open"
            " FROM kelurahan k ORDER BY k.kode"
        ),
        {"now": now},
    ).all()
    points = conn.execute(
        sa.text(
            f"SELECT round(ST_X(geom)::numeric, 5) AS lon, round(ST_Y(geom)::numeric,"
            f" 5) AS lat, {sql_group('status')} AS g FROM complaints"
            f" WHERE status IN {sql_in(OPEN)} AND reported_at <= :now"
            " ORDER BY reported_at LIMIT :limit"
        ),
        {"now": now, "limit": limit},
    ).all()
    return {
        "kelurahan": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": a.kode,
                    "geometry": json.loads(a.geom),
                    "properties": {
                        "kode": a.kode,
                        "nama": a.nama,
                        "open": a.open,
                        "flag": flags.get(a.kode),
                        "label": [a.lon, a.lat],
                    },
                }
                for a in areas
            ],
        },
        "open": [[float(p.lon), float(p.lat), p.g] for p in points],
    }
