"""The command centre's numbers: red flags and the OPD scoreboard. All
set-based SQL over ``complaints``; the explained priority list is
:mod:`layers.priority`.

* **Red flag** per kelurahan × category: *red* when a report there has been
  unhandled (:data:`layers.status.UNHANDLED`) for at least the
  category's ``red_flag_days`` (the mayor's rule: 7), *amber* within
  ``amber_days`` of it, otherwise *green*; with the tickets behind it.
* **Scoreboard** per OPD for a period: counts by state and by group (rejected
  apart from handled), median and p90 hours to
  first response and to resolution, share resolved within SLA, backlog by age,
  the previous period for trend, and a fair rank: the within-SLA share shrunk
  towards the city share with ``prior`` pseudo-reports, so an agency with a
  handful of tickets cannot top the table by luck; and the reopen rate: reopen
  moves (done → being worked on, by staff or by the reporter's "Belum") per
  finish move on the period's reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from layers.status import CLOSED, TRANSITIONS, Group, State, sql_in, states_of


def red_flags(
    conn: sa.Connection, now: datetime, amber_days: float = 2.0
) -> list[dict]:
    """Flags of every kelurahan × category with unhandled reports, worst first
    (the database's ``sigap_red_flags``, which the map layers read too)."""
    rows = conn.execute(
        sa.text(
            "SELECT f.*, k.nama FROM sigap_red_flags(:now, :amber) f"
            " JOIN kelurahan k ON k.kode = f.kelurahan_kode"
            " ORDER BY f.oldest_days DESC, f.kelurahan_kode, f.category_code"
        ),
        {"now": now, "amber": amber_days},
    ).all()
    return [
        {
            "kelurahan_kode": row.kelurahan_kode,
            "kelurahan": row.nama,
            "category_code": row.category_code,
            "flag": row.flag,
            "threshold_days": row.threshold_days,
            "unhandled": row.unhandled,
            # floored: an amber flag never reads as 7.00 days old
            "oldest_days": math.floor(float(row.oldest_days) * 100) / 100,
            "tickets": list(row.tickets),
        }
        for row in rows
    ]


@dataclass
class Scoreboard:
    """One row per OPD, ranked; ``city`` holds the city-wide share."""

    rows: list[dict]
    city_within_sla: float | None
    period: tuple[datetime, datetime]
    previous: dict[str, dict] = field(default_factory=dict)


SCORE_SQL = (
    "SELECT c.opd_code, min(o.short_name) AS short_name, count(*) AS total,"
    " {states},"
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY c.response_h) AS response_median_h,"
    " percentile_cont(0.9) WITHIN GROUP (ORDER BY c.response_h) AS response_p90_h,"
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY c.resolution_h)"
    "   AS resolution_median_h,"
    " percentile_cont(0.9) WITHIN GROUP (ORDER BY c.resolution_h) AS resolution_p90_h,"
    " count(*) FILTER (WHERE c.status IN {handled} AND c.resolved_at <= c.due_at)"
    "   AS within_sla,"
    " count(*) FILTER (WHERE c.status IN {handled} OR (c.status NOT IN {rejected}"
    "   AND c.due_at < CAST(:now AS timestamptz))) AS sla_decided,"
    " count(*) FILTER (WHERE c.status NOT IN {closed}"
    "   AND c.due_at < CAST(:now AS timestamptz)) AS overdue,"
    " {backlog}"
    " FROM (SELECT opd_code, status, reported_at, resolved_at, due_at,"
    "   extract(epoch FROM acknowledged_at - reported_at) / 3600 AS response_h,"
    "   CASE WHEN status IN {handled} THEN extract(epoch FROM resolved_at"
    "   - reported_at) / 3600 END AS resolution_h FROM complaints"
    "   WHERE reported_at > :start AND reported_at <= :end"
    "   AND (CAST(:kelurahan AS text) IS NULL OR kelurahan_kode = :kelurahan)) c"
    " JOIN opd o ON o.code = c.opd_code"
    " GROUP BY c.opd_code"
)
#: the state sets the scoreboard's SQL names
SETS = {
    "handled": sql_in(states_of(Group.HANDLED)),
    "rejected": sql_in(states_of(Group.REJECTED)),
    "closed": sql_in(CLOSED),
}
BACKLOG = {
    "backlog_0_3d": (0, 3),
    "backlog_3_7d": (3, 7),
    "backlog_7_14d": (7, 14),
    "backlog_14d_plus": (14, 100_000),
}


def _period_rows(
    conn: sa.Connection,
    start: datetime,
    end: datetime,
    now: datetime,
    kelurahan: str | None = None,
) -> list[dict]:
    # a column per state, then one per group (rejected is not handled)
    states = ", ".join(
        [f"count(*) FILTER (WHERE c.status = '{s}') AS {s}" for s in State]
        + [
            f"count(*) FILTER (WHERE c.status IN {sql_in(states_of(g))}) AS {g}"
            for g in Group
        ]
    )
    backlog = ", ".join(
        f"count(*) FILTER (WHERE c.status NOT IN {SETS['closed']} AND"
        f" CAST(:now AS timestamptz) - c.reported_at >= interval '{lo} days' AND"
        f" CAST(:now AS timestamptz) - c.reported_at < interval '{hi} days') AS {name}"
        for name, (lo, hi) in BACKLOG.items()
    )
    query = SCORE_SQL.format(states=states, backlog=backlog, **SETS)
    # the per-OPD percentiles sort every report of the period: keep that in memory
    conn.execute(sa.text("SELECT set_config('work_mem', '64MB', true)"))
    return [
        dict(r._mapping)
        for r in conn.execute(
            sa.text(query),
            {"start": start, "end": end, "now": now, "kelurahan": kelurahan},
        ).all()
    ]


def _previous(
    conn: sa.Connection, start: datetime, end: datetime, kelurahan: str | None = None
) -> dict[str, dict]:
    """Just what the trend needs from the period before."""
    rows = conn.execute(
        sa.text(
            f"SELECT opd_code, count(*) AS total, count(*) FILTER (WHERE status IN"
            f" {SETS['handled']} AND resolved_at <= due_at) AS within_sla,"
            f" count(*) FILTER (WHERE status IN {SETS['handled']} OR (status NOT IN"
            f" {SETS['rejected']} AND due_at < :end))"
            " AS sla_decided FROM complaints WHERE reported_at > :start"
            " AND reported_at <= :end AND (CAST(:kelurahan AS text) IS NULL"
            " OR kelurahan_kode = :kelurahan) GROUP BY opd_code"
        ),
        {"start": start, "end": end, "kelurahan": kelurahan},
    ).all()
    return {r.opd_code: dict(r._mapping) for r in rows}


#: fewer tickets with a decided SLA than this and an OPD is listed, not ranked
MIN_RANKED = 10


def _moves(name: str) -> str:
    """SQL matching the status events of the moves called ``name``."""
    return " OR ".join(
        f"(e.from_status = '{a.value}' AND e.to_status = '{b.value}')"
        for (a, b), move in TRANSITIONS.items()
        if move.name == name
    )


def _reopens(
    conn: sa.Connection,
    start: datetime,
    end: datetime,
    now: datetime,
    kelurahan: str | None = None,
) -> dict[str, sa.Row]:
    """Finish and reopen events per OPD on the reports made in (start, end]."""
    rows = conn.execute(
        sa.text(
            f"SELECT c.opd_code, count(*) FILTER (WHERE {_moves('finish')})"
            f" AS finishes, count(*) FILTER (WHERE {_moves('reopen')}) AS reopens"
            " FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id"
            " WHERE e.action = 'status' AND e.at <= :now"
            " AND c.reported_at > :start AND c.reported_at <= :end"
            " AND (CAST(:kelurahan AS text) IS NULL OR c.kelurahan_kode = :kelurahan)"
            " GROUP BY c.opd_code"
        ),
        {"start": start, "end": end, "now": now, "kelurahan": kelurahan},
    ).all()
    return {r.opd_code: r for r in rows}


def scoreboard(
    conn: sa.Connection,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
    prior: float = 20.0,
    kelurahan: str | None = None,
) -> Scoreboard:
    """Performance of every OPD on reports made in (start, end] (in one
    ``kelurahan`` if given): a period ending now includes a report made at this
    very instant.

    Every row carries its reopen rate (reopens among finishes) and, when fewer
    than :data:`MIN_RANKED` of its tickets have a decided SLA, ``few``: such an
    OPD is listed after the ranked ones with no rank, since one late ticket out
    of two says nothing about an agency.
    """
    now = now or end
    rows = _period_rows(conn, start, end, now, kelurahan)
    before = _previous(conn, start - (end - start), start, kelurahan)
    reopened = _reopens(conn, start, end, now, kelurahan)
    decided = sum(r["sla_decided"] for r in rows)
    city = sum(r["within_sla"] for r in rows) / decided if decided else None
    for row in rows:
        n = row["sla_decided"]
        row["within_sla_share"] = row["within_sla"] / n if n else None
        row["fair_share"] = (
            (row["within_sla"] + prior * city) / (n + prior)
            if city is not None
            else None
        )
        old = before.get(row["opd_code"])
        row["previous_within_sla_share"] = (
            old["within_sla"] / old["sla_decided"]
            if old and old["sla_decided"]
            else None
        )
        row["previous_total"] = old["total"] if old else 0
        moves = reopened.get(row["opd_code"])
        row["finishes"] = moves.finishes if moves else 0
        row["reopens"] = moves.reopens if moves else 0
        row["reopen_rate"] = (
            row["reopens"] / row["finishes"] if row["finishes"] else None
        )
        row["few"] = n < MIN_RANKED
    rows.sort(key=lambda r: (r["few"], -(r["fair_share"] or 0), r["opd_code"]))
    rank = 0
    for row in rows:
        if row["few"]:
            row["rank"] = None
        else:
            rank += 1
            row["rank"] = rank
    return Scoreboard(rows, city, (start, end), before)


def default_period(now: datetime, days: int = 30) -> tuple[datetime, datetime]:
    """The last ``days`` days up to ``now``."""
    return now - timedelta(days=days), now
