"""What anyone may see of a complaint: the one query public publishers share.

No reporter contact, no staff notes. Open311 keeps its two statuses (``open`` and
``closed``, :func:`layers.status.open311_status`); SIGAP's finer state travels as
``sigap_status``/``sub_status`` and as a sentence in ``status_notes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.i18n import bilingual
from layers.status import (
    REJECTION_REASONS,
    STATES,
    State,
    open311_states,
    open311_status,
)


def status_notes(state: str, opd: str | None, sub_status: str | None) -> str:
    """The bilingual sentence explaining ``state``."""
    reason = REJECTION_REASONS.get(sub_status or "")
    return bilingual(
        STATES[State(state)].note,
        opd=opd or "OPD",
        reason=bilingual(reason) if reason else sub_status or "-",
    )


@dataclass(frozen=True)
class RequestFilter:
    """Filters of a public list; ``tickets`` overrides all others (Open311)."""

    tickets: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # open311 statuses: open, closed
    start: datetime | None = None
    end: datetime | None = None
    limit: int = 1000
    offset: int = 0


PUBLIC_SELECT = (
    "SELECT c.id, c.ticket, c.status, c.sub_status, c.category_code,"
    " g.name_id AS service_name, c.description, o.name AS agency,"
    " o.short_name AS agency_short, c.reported_at, c.updated_at, c.resolved_at,"
    " c.due_at, c.address, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,"
    " c.photos, c.kelurahan_kode, k.nama AS kelurahan, c.attributes,"
    " (SELECT count(*) FROM complaint_supporters s WHERE s.complaint_id = c.id"
    "   AND s.split_into IS NULL) AS supporters"
    " FROM complaints c JOIN categories g ON g.code = c.category_code"
    " JOIN kelurahan k ON k.kode = c.kelurahan_kode"
    " LEFT JOIN opd o ON o.code = c.opd_code"
)


def public_complaints(conn: sa.Connection, where: RequestFilter) -> list[sa.Row]:
    """Complaints matching ``where``, newest first."""
    clauses, params = [], {"limit": where.limit, "offset": where.offset}
    if where.tickets:
        clauses.append("c.ticket IN :tickets")
        params["tickets"] = list(where.tickets)
    else:
        if where.categories:
            clauses.append("c.category_code IN :categories")
            params["categories"] = list(where.categories)
        if where.statuses:
            clauses.append("c.status IN :states")
            params["states"] = open311_states(where.statuses)
        if where.start is not None:
            clauses.append("c.reported_at >= :start")
            params["start"] = where.start
        if where.end is not None:
            clauses.append("c.reported_at <= :end")
            params["end"] = where.end
    statement = sa.text(
        PUBLIC_SELECT
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + " ORDER BY c.reported_at DESC, c.id DESC LIMIT :limit OFFSET :offset"
    )
    for name in ("tickets", "categories", "states"):
        if name in params:
            statement = statement.bindparams(sa.bindparam(name, expanding=True))
    return conn.execute(statement, params).all()


def public_complaint(conn: sa.Connection, complaint_id: int) -> sa.Row | None:
    """One complaint's public row."""
    return conn.execute(
        sa.text(PUBLIC_SELECT + " WHERE c.id = :id"), {"id": complaint_id}
    ).one_or_none()


def public_history(conn: sa.Connection, complaint_id: int) -> list[sa.Row]:
    """The complaint's status changes (who acted is shown as a role, not a name)."""
    return conn.execute(
        sa.text(
            "SELECT at, action, from_status, to_status,"
            " split_part(actor, ':', 1) AS role FROM complaint_events"
            " WHERE complaint_id = :id ORDER BY at, id"
        ),
        {"id": complaint_id},
    ).all()


def last_event_id(conn: sa.Connection) -> int:
    """The newest audit event's id (0 when there is none)."""
    return conn.execute(
        sa.text("SELECT coalesce(max(id), 0) FROM complaint_events")
    ).scalar_one()


def events_after(conn: sa.Connection, last_id: int, limit: int = 500) -> list[dict]:
    """Public form of the audit events after ``last_id``, oldest first: what
    changed, on which ticket, where — never who reported or staff notes."""
    rows = conn.execute(
        sa.text(
            "SELECT e.id, e.at, e.action, e.from_status, e.to_status, c.ticket,"
            " c.status, c.category_code, c.kelurahan_kode, c.opd_code,"
            " ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat"
            " FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id"
            " WHERE e.id > :last ORDER BY e.id LIMIT :limit"
        ),
        {"last": last_id, "limit": limit},
    ).all()
    return [
        {**dict(r._mapping), "open311_status": open311_status(r.status)} for r in rows
    ]
