"""What staff see: their work queue and a complaint's full record.

OPD staff see only their OPD's complaints (the same rule as
:func:`layers.workflow.load_for`); operators and admins see every complaint. The
full record includes the reporter's contact — staff need it to call back — so it is
never served without a staff login.

These serve the JSON staff API (:mod:`api.staff`). The staff console's lists are
:mod:`layers.inbox` and :mod:`layers.opd_queue`; :func:`record` is its record of
one ticket, :func:`layers.console_ticket.ticket`, with the repeated photos.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from gis.errors import Forbidden, InvalidParameter, NotFound
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.ai.category import category_doubts
from layers.ai.photos import photo_repeats
from layers.console_ticket import ticket
from layers.status import CLOSED, OPEN, is_state, sql_in, values

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


def record(
    conn: sa.Connection, ticket_number: str, actor: Actor, *, now: datetime
) -> dict:
    """The JSON staff API's record of one complaint: the console's
    (:func:`layers.console_ticket.ticket`, 403 for another OPD's) plus the photos
    it shares with other tickets (``photo_matches``), which the console asks for
    on its own once the page is shown."""
    found = ticket(conn, ticket_number, actor, now=now)
    # the same picture on another ticket: a repeat, or a reused "done" photo
    found["photo_matches"] = photo_repeats(conn, found["id"])
    return found
