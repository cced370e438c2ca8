"""One ticket's record as the staff console shows it.

:func:`ticket` — everything the console's ticket panel shows of one complaint:
photos, category answers, reporter contact, supporters and history, the nearby
open tickets of the same category (:func:`nearby`), the explained priority,
routing's suggested OPD, the text model's doubt about the category and the moves
the status model allows the clerk (:func:`allowed_moves`, from
:data:`layers.status.TRANSITIONS`). 403 for another OPD's ticket.

The JSON staff API serves the same record (:func:`layers.queue.record`, which
adds the photos the ticket shares with other tickets). The actions the panel's
forms post are :mod:`layers.console_actions`.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from gis.errors import NotFound
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.ai.category import category_doubts
from layers.inbox import LIST_SELECT, require_staff
from layers.priority import priorities
from layers.routing import owner_of
from layers.status import OPEN, STAFF, TRANSITIONS, State, is_open, values
from layers.workflow import load_for

#: nearby open tickets of the same category: at least this far (metres), or the
#: category's duplicate radius times :data:`NEARBY_FACTOR`
NEARBY_MIN_M = 300.0
NEARBY_FACTOR = 3.0
NEARBY_LIMIT = 8


def allowed_moves(status: str, role: str) -> list[dict]:
    """The moves from ``status`` that ``role`` may make, in the model's order."""
    return [
        {
            "to": target.value,
            "name": move.name,
            "carries": sorted(move.carries),
        }
        for (source, target), move in TRANSITIONS.items()
        if source.value == status and role in move.roles
    ]


def nearby(conn: sa.Connection, complaint: int, limit: int = NEARBY_LIMIT) -> list:
    """Open tickets of the same category near a complaint, nearest first."""
    rows = conn.execute(
        sa.text(
            "SELECT o.id, o.ticket, o.status, o.reported_at, o.version,"
            " left(o.description, 120) AS description,"
            " ST_X(o.geom) AS lon, ST_Y(o.geom) AS lat,"
            " round(ST_Distance(o.geom::geography, c.geom::geography)) AS metres"
            " FROM complaints c JOIN categories g ON g.code = c.category_code,"
            " LATERAL (SELECT GREATEST(:floor, g.duplicate_radius_m * :factor) AS r) d,"
            " complaints o"
            " WHERE c.id = :id AND o.id <> c.id AND o.category_code = c.category_code"
            " AND o.status IN :open"
            " AND o.geom && ST_Expand(c.geom, d.r / 100000.0)"
            " AND ST_DWithin(o.geom::geography, c.geom::geography, d.r)"
            " ORDER BY o.geom <-> c.geom, o.id LIMIT :limit"
        ).bindparams(sa.bindparam("open", expanding=True)),
        {
            "id": complaint,
            "open": values(OPEN),
            "floor": NEARBY_MIN_M,
            "factor": NEARBY_FACTOR,
            "limit": limit,
        },
    ).all()
    return [dict(r._mapping) for r in rows]


def ticket(conn: sa.Connection, ticket_number: str, actor: Actor, *, now: datetime):
    """Everything the console shows about one ticket (403 for another OPD's)."""
    require_staff(actor)
    row = conn.execute(
        sa.text(
            LIST_SELECT.replace(
                "left(c.description, 200) AS description", "c.description"
            ).replace(
                " FROM complaints c",
                ", c.attributes, c.photos AS all_photos, c.address,"
                " c.acknowledged_at, c.resolved_at FROM complaints c",
            )
            + " WHERE c.ticket = :t"
        ),
        {"t": ticket_number, "now": now},
    ).one_or_none()
    if row is None:
        raise NotFound(bilingual("Complaint {ticket} not found", ticket=ticket_number))
    load_for(conn, row.id, actor)
    found = dict(row._mapping)
    attributes = conn.execute(
        sa.text(
            'SELECT code, description, "values" FROM service_attributes'
            ' WHERE service_code = :c ORDER BY "order", code'
        ),
        {"c": row.category_code},
    ).all()
    answers = []
    for definition in attributes:
        if definition.code not in (row.attributes or {}):
            continue
        answer = row.attributes[definition.code]
        names = {
            str(v.get("key")): v.get("name")
            for v in (definition.values or [])
            if isinstance(v, dict)
        }
        shown = answer if isinstance(answer, list) else [answer]
        answers.append(
            {
                "question": definition.description,
                "answer": ", ".join(str(names.get(str(a), a)) for a in shown),
            }
        )
    contact = conn.execute(
        sa.text(
            "SELECT name, phone, email FROM complaint_contacts WHERE complaint_id = :id"
        ),
        {"id": row.id},
    ).one_or_none()
    supporters = conn.execute(
        sa.text(
            "SELECT id, at, channel, description, lon, lat, name, phone, email, photos,"
            " split_into, (SELECT ticket FROM complaints x WHERE x.id = s.split_into)"
            " AS split_ticket FROM complaint_supporters s WHERE complaint_id = :id"
            " ORDER BY id"
        ),
        {"id": row.id},
    ).all()
    events = conn.execute(
        sa.text(
            "SELECT id, at, actor, action, from_status, to_status, note, changes,"
            " public_note, photos, ST_X(photo_geom) AS photo_lon,"
            " ST_Y(photo_geom) AS photo_lat FROM complaint_events"
            " WHERE complaint_id = :id ORDER BY at, id"
        ),
        {"id": row.id},
    ).all()
    [score] = priorities(conn, now, None, ids=[row.id]) or [None]
    # the text model's second opinion on the category: shown, never applied
    doubt = category_doubts(conn, [found]).get(row.id) if is_open(row.status) else None
    found.update(
        category_doubt=doubt,
        answers=answers,
        contact=dict(contact._mapping) if contact else None,
        supporters=[dict(s._mapping) for s in supporters],
        events=[dict(e._mapping) for e in events],
        photos=[p for p in row.all_photos or [] if "path" in p],
        after_photos=[
            {**p, "at": e.at, "lon": e.photo_lon, "lat": e.photo_lat}
            for e in events
            for p in e.photos or []
            if "path" in p
        ],
        nearby=nearby(conn, row.id) if is_open(row.status) else [],
        priority=score,
        moves=allowed_moves(row.status, actor.role),
        suggested_opd=owner_of(conn, row.category_code, row.lon, row.lat),
        can_merge=actor.role in STAFF
        and (State(row.status), State.DITOLAK) in TRANSITIONS,
        can_recategorise=actor.role in STAFF and is_open(row.status),
    )
    return found
