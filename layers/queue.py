"""What staff see: their work queue and a complaint's full record.

OPD staff see only their OPD's complaints (the same rule as
:func:`layers.workflow.load_for`); operators and admins see every complaint. The
full record includes the reporter's contact — staff need it to call back — so it is
never served without a staff login.

These serve the JSON staff API (:mod:`api.staff`). The staff console's lists are
:mod:`layers.inbox` and :mod:`layers.opd_queue`; its record of one ticket,
:func:`layers.console_ticket.ticket`, is this :func:`record` as the console's
panel shows it (nearby tickets, priority, allowed moves).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from gis.errors import Forbidden, InvalidParameter, NotFound
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.ai.category import category_doubts
from layers.ai.photos import photo_repeats
from layers.status import CLOSED, OPEN, is_state, sql_in, values
from layers.workflow import load_for

QUEUE_SELECT = (
    "SELECT c.id, c.ticket, c.status, c.sub_status, c.category_code, c.opd_code,"
    " c.kelurahan_kode, k.nama AS kelurahan, c.reported_at, c.due_at, c.version,"
    " ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.description,"
    " c.due_at < CAST(:now AS timestamptz)"
    f" AND c.status NOT IN {sql_in(CLOSED)} AS overdue"
    " FROM complaints c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
)


def complaint_id(conn: sa.Connection, ticket: str) -> int:
    """The id of public ticket ``ticket``; 404 if there is none."""
    found = conn.execute(
        sa.text("SELECT id FROM complaints WHERE ticket = :t"), {"t": ticket}
    ).scalar()
    if found is None:
        raise NotFound(bilingual("Complaint {ticket} not found", ticket=ticket))
    return found


def queue(
    conn: sa.Connection,
    actor: Actor,
    statuses: tuple[str, ...] = (),
    limit: int = 100,
    offset: int = 0,
    *,
    now: datetime,
) -> list[dict]:
    """Open complaints (not finished; or those in ``statuses``) the actor works
    on, oldest due first."""
    if actor.role not in ("opd_staff", "operator", "admin"):
        raise Forbidden(bilingual("Staff login required"))
    for status in statuses:
        if not is_state(status):
            raise InvalidParameter(
                bilingual("Unknown status {status}", status=status), field="status"
            )
    clauses = ["c.status IN :states"]
    params: dict[str, object] = {
        "states": list(statuses) or values(OPEN),
        "limit": limit,
        "offset": offset,
        "now": now,
    }
    if actor.role == "opd_staff":
        clauses.append("c.opd_code = :opd")
        params["opd"] = actor.opd_code
    rows = conn.execute(
        sa.text(
            QUEUE_SELECT
            + " WHERE "
            + " AND ".join(clauses)
            + " ORDER BY c.due_at NULLS LAST, c.id LIMIT :limit OFFSET :offset"
        ).bindparams(sa.bindparam("states", expanding=True)),
        params,
    ).all()
    found = [dict(r._mapping) for r in rows]
    # the model's second opinion on the category, shown beside it, never applied
    doubts = category_doubts(conn, found)
    for row in found:
        if row["id"] in doubts:
            row["category_doubt"] = doubts[row["id"]]
    return found


def record(conn: sa.Connection, complaint: int, actor: Actor, *, now: datetime) -> dict:
    """Everything about one complaint the actor may see (403 for another OPD's)."""
    load_for(conn, complaint, actor)
    row = conn.execute(
        sa.text(QUEUE_SELECT + " WHERE c.id = :id"), {"id": complaint, "now": now}
    ).one()
    contact = conn.execute(
        sa.text(
            "SELECT name, phone, email FROM complaint_contacts WHERE complaint_id = :id"
        ),
        {"id": complaint},
    ).one_or_none()
    supporters = conn.execute(
        sa.text(
            "SELECT id, at, channel, description, lon, lat, name, phone, email,"
            " split_into FROM complaint_supporters WHERE complaint_id = :id"
            " ORDER BY id"
        ),
        {"id": complaint},
    ).all()
    events = conn.execute(
        sa.text(
            "SELECT id, at, actor, action, from_status, to_status, note, changes"
            " FROM complaint_events WHERE complaint_id = :id ORDER BY at, id"
        ),
        {"id": complaint},
    ).all()
    return {
        **dict(row._mapping),
        # the same picture on another ticket: a repeat, or a reused "done" photo
        "photo_matches": photo_repeats(conn, complaint),
        "contact": dict(contact._mapping) if contact else None,
        "supporters": [dict(s._mapping) for s in supporters],
        "events": [dict(e._mapping) for e in events],
    }
