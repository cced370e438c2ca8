"""The explainable priority of open tickets, and of kelurahan × category.

* **Priorities**: a score per open ticket from age against its SLA, supporters,
  severity, road class, immediate danger described in its text
  (:mod:`layers.ai.urgency`, quoted) and the latest cluster analysis, every point
  explained in Indonesian.
* **Area priorities**: per kelurahan × category, its most urgent ticket's score
  and reasons plus points for the further open tickets there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.formats import format_days, format_number, format_percent
from gis.i18n import N_, _
from layers.ai import urgency
from layers.status import CLOSED, sql_in


@dataclass(frozen=True)
class Priority:
    """An open ticket's score and, for every point, the reason."""

    ticket: str
    kelurahan_kode: str
    category_code: str
    score: float
    reasons: list[tuple[float, str]]


def priorities(
    conn: sa.Connection,
    now: datetime,
    limit: int | None = 50,
    opd_code: str | None = None,
    ids: list[int] | None = None,
) -> list[Priority]:
    """Open tickets by explainable priority, highest first (all with ``None``);
    only those assigned to ``opd_code`` when it is given, only complaints
    ``ids`` (open or not) when those are."""
    rows = conn.execute(
        sa.text(
            "SELECT c.ticket, c.kelurahan_kode, k.nama, c.category_code,"
            " g.name_id, g.severity, g.sla_days, c.reported_at, c.due_at,"
            " (SELECT count(*) FROM complaint_supporters s WHERE s.complaint_id = c.id"
            "   AND s.split_into IS NULL)"
            "   AS supporters,"
            # the box lets the roads' GIST index find the candidates (30 m is
            # under 0.0003 degrees at Kupang's latitude)
            " (SELECT r.road_class FROM roads r WHERE r.geom && ST_Expand(c.geom,"
            "   0.0003) AND ST_DWithin(r.geom::geography,"
            "   c.geom::geography, 30) ORDER BY r.geom <-> c.geom LIMIT 1) AS"
            " road_class,"
            " st.lisa_class, st.gi_bin, c.description"
            " FROM complaints c JOIN categories g ON g.code = c.category_code"
            " JOIN kelurahan k ON k.kode ="
            " c.kelurahan_kode"
            " LEFT JOIN latest_kelurahan_stats st ON st.kelurahan_kode ="
            " c.kelurahan_kode"
            "   AND st.category_code = c.category_code"
            + (
                " WHERE c.id = ANY(:ids)"
                if ids is not None
                else f" WHERE c.status NOT IN {sql_in(CLOSED)}"
            )
            + "   AND (CAST(:opd AS text) IS NULL OR c.opd_code = :opd)"
        ),
        {"opd": opd_code, "ids": ids},
    ).all()
    ranked = [_score(row, now) for row in rows]
    ranked.sort(key=lambda p: (-p.score, p.ticket))
    return ranked if limit is None else ranked[:limit]


def _score(row: sa.Row, now: datetime) -> Priority:
    reasons: list[tuple[float, str]] = []
    age_days = (now - row.reported_at).total_seconds() / 86400
    if row.due_at is not None:
        span = max((row.due_at - row.reported_at).total_seconds() / 86400, 0.5)
        used = age_days / span
        points = 40 * min(used, 2.0)
        reason = (
            N_("Age {days} = {share}, past the SLA deadline ({sla} working days)")
            if now > row.due_at
            else N_("Age {days} = {share} of the SLA time ({sla} working days)")
        )
        reasons.append(
            (
                points,
                _(
                    reason,
                    days=format_days(age_days),
                    share=format_percent(used),
                    sla=row.sla_days,
                ),
            )
        )
    if row.supporters:
        reasons.append(
            (
                min(5 * row.supporters, 25),
                _(
                    "{n} other residents reported the same problem",
                    n=format_number(row.supporters),
                ),
            )
        )
    reasons.append(
        (
            5 * row.severity,
            _(
                "Severity of {category}: {severity}",
                category=row.name_id,
                severity=format_number(row.severity),
            ),
        )
    )
    if row.road_class in ("arteri", "kolektor"):
        reasons.append(
            (
                15 if row.road_class == "arteri" else 8,
                _("On a road of class {road_class}", road_class=row.road_class),
            )
        )
    for danger in urgency.assess(row.description):
        reasons.append(
            (
                urgency.POINTS,
                _(
                    "Immediate danger in the report ({kind}): “{quote}”",
                    kind=_(urgency.LABELS[danger.kind]),
                    quote=danger.quote,
                ),
            )
        )
    if row.lisa_class == "HH" or (row.gi_bin or 0) >= 2:
        label = _("HH cluster") if row.lisa_class == "HH" else _("Gi* hot spot")
        reasons.append(
            (
                20,
                _(
                    "Kelurahan {name} is a significant {label} for this category",
                    name=row.nama,
                    label=label,
                ),
            )
        )
    return Priority(
        row.ticket,
        row.kelurahan_kode,
        row.category_code,
        round(sum(p for p, _ in reasons), 1),
        [(round(p, 1), text) for p, text in reasons],
    )


@dataclass(frozen=True)
class AreaPriority:
    """A kelurahan × category's score: its most urgent ticket plus the pile-up."""

    kelurahan_kode: str
    category_code: str
    score: float
    open_tickets: int
    tickets: list[str]
    reasons: list[tuple[float, str]]


def area_priorities(
    conn: sa.Connection, now: datetime, limit: int = 50, opd_code: str | None = None
) -> list[AreaPriority]:
    """Kelurahan × category by priority: the top ticket's score and reasons, plus
    5 points per further open ticket there (at most 25), highest first (only
    ``opd_code``'s tickets when it is given)."""
    groups: dict[tuple[str, str], list[Priority]] = {}
    for ticket in priorities(conn, now, limit=None, opd_code=opd_code):
        groups.setdefault((ticket.kelurahan_kode, ticket.category_code), []).append(
            ticket
        )
    ranked = []
    for (kelurahan, category), tickets in groups.items():
        top = tickets[0]  # priorities() is sorted, so is every group
        reasons = [(p, f"{top.ticket}: {text}") for p, text in top.reasons]
        if len(tickets) > 1:
            reasons.append(
                (
                    min(5.0 * (len(tickets) - 1), 25.0),
                    _(
                        "{n} open complaints of this category in the same kelurahan",
                        n=format_number(len(tickets)),
                    ),
                )
            )
        ranked.append(
            AreaPriority(
                kelurahan,
                category,
                round(sum(p for p, _ in reasons), 1),
                len(tickets),
                [t.ticket for t in tickets],
                reasons,
            )
        )
    ranked.sort(key=lambda a: (-a.score, a.kelurahan_kode, a.category_code))
    return ranked[:limit]
