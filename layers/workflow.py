"""Moving a complaint from one state to another.

The rule book — which moves exist, who may make them, which fields each carries —
is :data:`layers.status.TRANSITIONS`. A move locks the row, bumps ``version``,
writes an audit event naming every field it changed (``changes``: field →
[before, after]) and a change notification, in the caller's transaction.
OPD staff act only on their own OPD's complaints; operators and admins may do
everything an OPD may; the reporter (whose follow token the caller checked) may
make the moves :data:`layers.status.TRANSITIONS` gives the reporter role. What
the reporter is told of the move goes into the outbox in the same transaction
(:mod:`layers.outbox`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.errors import Forbidden, IllegalTransition, InvalidParameter, NotFound
from gis.events import notify
from gis.i18n import bilingual
from layers import outbox
from layers.accounts import Actor
from layers.status import (
    INITIAL,
    REJECTION_REASONS,
    REPORTER_ROLE,
    State,
    Transition,
    is_open,
    transition_of,
)


class Conflict(IllegalTransition):
    """The complaint changed since the caller read it."""

    code = "conflict"


@dataclass(frozen=True)
class Move:
    """A requested change of state."""

    to: State
    note: str | None = None
    reason: str | None = None  # rejection reason (a reject move)
    opd_code: str | None = None  # target OPD (dispatch, reassign)
    expected_version: int | None = None
    #: told to the reporter and shown on the public ticket page (``note`` is not)
    public_note: str | None = None
    #: stored photos the move carries (the after-photo), as ``complaints.photos``
    photos: tuple[dict, ...] = ()
    #: where the photos were taken, (lon, lat)
    photo_at: tuple[float, float] | None = None


def load_for(
    conn: sa.Connection,
    complaint_id: int,
    actor: Actor,
    lock: bool = False,
    moving: bool = False,
) -> sa.Row:
    """The complaint if ``actor`` may see it (OPD staff: their OPD only); a move
    (``moving``) may also be the reporter's."""
    row = conn.execute(
        sa.text(
            "SELECT id, ticket, status, sub_status, opd_code, version, category_code,"
            " kelurahan_kode, acknowledged_at FROM complaints WHERE id = :id"
            + (" FOR UPDATE" if lock else "")
        ),
        {"id": complaint_id},
    ).one_or_none()
    if row is None:
        raise NotFound(bilingual("Complaint not found"))
    if actor.role == "opd_staff" and row.opd_code != actor.opd_code:
        raise Forbidden(bilingual("This complaint belongs to another OPD"))
    if actor.role not in ("opd_staff", "operator", "admin") and not (
        moving and actor.role == REPORTER_ROLE
    ):
        raise Forbidden(bilingual("Staff login required"))
    return row


def last_change(conn: sa.Connection, complaint_id: int) -> str | None:
    """Who changed a complaint last (the audit trail's newest entry)."""
    return conn.execute(
        sa.text(
            "SELECT actor FROM complaint_events WHERE complaint_id = :id"
            " ORDER BY at DESC, id DESC LIMIT 1"
        ),
        {"id": complaint_id},
    ).scalar()


def check_version(conn: sa.Connection, row: sa.Row, expected: int | None) -> None:
    """:class:`Conflict` naming who changed the complaint when the caller saw
    another version of it (the caller keeps what they typed and reloads)."""
    if expected is not None and expected != row.version:
        raise Conflict(
            bilingual(
                "This ticket was just changed by {actor}, reload"
                " (version {now}, not {seen})",
                actor=last_change(conn, row.id) or "-",
                now=row.version,
                seen=expected,
            )
        )


def _check(conn: sa.Connection, row: sa.Row, move: Move, actor: Actor) -> Transition:
    # a stale version first: the move was judged against a state that is gone
    check_version(conn, row, move.expected_version)
    current = State(row.status)
    allowed = transition_of(current, move.to)
    if allowed is None:
        raise IllegalTransition(
            bilingual(
                "Cannot move a complaint from {from_} to {to}",
                from_=current.value,
                to=move.to.value,
            )
        )
    if actor.role not in allowed.roles:
        raise Forbidden(
            bilingual(
                "Role {role} may not move {from_} to {to}",
                role=actor.role,
                from_=current.value,
                to=move.to.value,
            )
        )
    _check_fields(move, allowed)
    return allowed


def _check_fields(move: Move, allowed: Transition) -> None:
    """A move carries exactly the fields its transition takes."""
    if "reason" in allowed.carries and move.reason not in REJECTION_REASONS:
        raise InvalidParameter(
            bilingual(
                "A rejection needs a reason: {reasons}",
                reasons=", ".join(REJECTION_REASONS),
            )
        )
    if "opd_code" in allowed.carries and not move.opd_code:
        raise InvalidParameter(bilingual("Assignment needs the OPD"))
    for name in ("reason", "opd_code"):
        if getattr(move, name) is not None and name not in allowed.carries:
            raise InvalidParameter(
                bilingual(
                    "A move to {to} takes no {field}", to=move.to.value, field=name
                ),
                field=name,
            )


def _changes(before: sa.Row, after: sa.Row) -> dict[str, list]:
    return {
        field: [getattr(before, field), getattr(after, field)]
        for field in ("status", "sub_status", "opd_code")
        if getattr(before, field) != getattr(after, field)
    }


def transition(
    conn: sa.Connection, complaint_id: int, move: Move, actor: Actor, now: datetime
) -> sa.Row:
    """Apply ``move`` to a complaint at ``now``; returns the updated row."""
    row = load_for(conn, complaint_id, actor, lock=True, moving=True)
    allowed = _check(conn, row, move, actor)
    closing = not is_open(move.to)
    reopening = not is_open(row.status)
    try:
        with conn.begin_nested():
            updated = conn.execute(
                sa.text(
                    "UPDATE complaints SET status = :to, sub_status = :sub,"
                    " opd_code = coalesce(:opd, opd_code), version = version + 1,"
                    " acknowledged_at = coalesce(acknowledged_at, CASE WHEN :ack"
                    "   THEN CAST(:now AS timestamptz) END),"
                    " resolved_at = CASE WHEN :closing THEN CAST(:now AS timestamptz)"
                    "   WHEN :reopening"
                    "   THEN NULL ELSE resolved_at END"
                    " WHERE id = :id RETURNING id, ticket, status, sub_status,"
                    " opd_code,"
                    " version, kelurahan_kode, category_code"
                ),
                {
                    "to": move.to.value,
                    "sub": move.reason,
                    "opd": move.opd_code,
                    "ack": move.to != INITIAL,
                    "closing": closing,
                    "reopening": reopening,
                    "id": complaint_id,
                    "now": now,
                },
            ).one()
    except sa.exc.IntegrityError:
        raise InvalidParameter(
            bilingual("Unknown OPD {code}", code=move.opd_code)
        ) from None
    event_id = conn.execute(
        sa.text(
            "INSERT INTO complaint_events (complaint_id, at, actor, action,"
            " from_status, to_status, note, changes, public_note, photos,"
            " photo_geom)"
            " VALUES (:id, :now, :actor, 'status', :from_, :to, :note,"
            " CAST(:changes AS jsonb), :public_note, CAST(:photos AS jsonb),"
            " CASE WHEN CAST(:lon AS float8) IS NOT NULL"
            "  THEN ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) END)"
            " RETURNING id"
        ),
        {
            "id": complaint_id,
            "actor": actor.label,
            "from_": row.status,
            "to": move.to.value,
            "note": move.note or move.reason,
            "changes": json.dumps(_changes(row, updated)),
            "public_note": move.public_note,
            "photos": json.dumps(list(move.photos)),
            "lon": move.photo_at[0] if move.photo_at else None,
            "lat": move.photo_at[1] if move.photo_at else None,
            "now": now,
        },
    ).scalar_one()
    outbox.enqueue(conn, event_id, updated, allowed.name, move.public_note, now)
    notify(
        conn,
        {
            "type": "status",
            "id": updated.id,
            "ticket": updated.ticket,
            "from": row.status,
            "to": updated.status,
            "kelurahan": updated.kelurahan_kode,
            "category": updated.category_code,
            "opd": updated.opd_code,
        },
    )
    return updated
