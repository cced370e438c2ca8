"""Who may move a complaint from which state to which, and the move itself.

``TRANSITIONS`` is the whole rule book (FixMyStreet keeps it in prose; here it is
data the code and the tests read):

========================  ==============  ========================================
from → to                 who             notes
========================  ==============  ========================================
baru → diverifikasi       operator        command centre checks the report
baru → ditolak            operator        reason: bukan_wewenang/duplikat/tidak_valid
diverifikasi → didisposisikan operator    assigned to an OPD
diverifikasi → ditolak    operator        reason required
didisposisikan → diproses opd_staff*      the assigned OPD starts work
didisposisikan → koordinasi opd_staff*    hand-off: another OPD's job
diproses → koordinasi     opd_staff*      hand-off during work
koordinasi → didisposisikan operator      re-assigned
diproses → selesai        opd_staff*      done
selesai → diproses        operator        reopened
ditolak → baru            operator        rejection withdrawn
========================  ==============  ========================================

``*`` OPD staff act only on their own OPD's complaints; operators and admins may
do everything an OPD may. Besides a note, a move may carry only the fields
``MOVE_FIELDS`` lists for it, set only by the roles listed there (OPD staff can
neither reassign a complaint to another OPD nor give it a rejection reason).
Every move locks the row, bumps ``version``, writes an audit event naming each
field it changed (``changes``: field → [before, after]) and a change
notification, in the caller's transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.errors import Forbidden, IllegalTransition, InvalidParameter, NotFound
from gis.events import notify
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.complaints import CATEGORY, REJECTION_REASONS, State

STAFF = frozenset({"operator", "admin"})
OPD = frozenset({"opd_staff", "operator", "admin"})
TRANSITIONS: dict[tuple[State, State], frozenset[str]] = {
    (State.BARU, State.DIVERIFIKASI): STAFF,
    (State.BARU, State.DITOLAK): STAFF,
    (State.DIVERIFIKASI, State.DIDISPOSISIKAN): STAFF,
    (State.DIVERIFIKASI, State.DITOLAK): STAFF,
    (State.DIDISPOSISIKAN, State.DIPROSES): OPD,
    (State.DIDISPOSISIKAN, State.KOORDINASI): OPD,
    (State.DIPROSES, State.KOORDINASI): OPD,
    (State.KOORDINASI, State.DIDISPOSISIKAN): STAFF,
    (State.DIPROSES, State.SELESAI): OPD,
    (State.SELESAI, State.DIPROSES): STAFF,
    (State.DITOLAK, State.BARU): STAFF,
}

#: the fields a move may carry besides its note: (from, to) → field → roles that
#: may set it; a field on any other move is refused
MOVE_FIELDS: dict[tuple[State, State], dict[str, frozenset[str]]] = {
    (State.BARU, State.DITOLAK): {"reason": STAFF},
    (State.DIVERIFIKASI, State.DITOLAK): {"reason": STAFF},
    (State.DIVERIFIKASI, State.DIDISPOSISIKAN): {"opd_code": STAFF},
    (State.KOORDINASI, State.DIDISPOSISIKAN): {"opd_code": STAFF},
}


class Conflict(IllegalTransition):
    """The complaint changed since the caller read it."""

    code = "conflict"


@dataclass(frozen=True)
class Move:
    """A requested change of state."""

    to: State
    note: str | None = None
    reason: str | None = None  # rejection reason (ditolak)
    opd_code: str | None = None  # target OPD (didisposisikan)
    expected_version: int | None = None


def load_for(
    conn: sa.Connection, complaint_id: int, actor: Actor, lock: bool = False
) -> sa.Row:
    """The complaint if ``actor`` may see it (OPD staff: their OPD only)."""
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
    if actor.role not in ("opd_staff", "operator", "admin"):
        raise Forbidden(bilingual("Staff login required"))
    return row


def _check(row: sa.Row, move: Move, actor: Actor) -> None:
    # a stale version first: the move was judged against a state that is gone
    if move.expected_version is not None and move.expected_version != row.version:
        raise Conflict(
            bilingual(
                "The complaint was changed by someone else (version {now}, not {seen})",
                now=row.version,
                seen=move.expected_version,
            )
        )
    current = State(row.status)
    roles = TRANSITIONS.get((current, move.to))
    if roles is None:
        raise IllegalTransition(
            bilingual(
                "Cannot move a complaint from {from_} to {to}",
                from_=current.value,
                to=move.to.value,
            )
        )
    if actor.role not in roles:
        raise Forbidden(
            bilingual(
                "Role {role} may not move {from_} to {to}",
                role=actor.role,
                from_=current.value,
                to=move.to.value,
            )
        )
    _check_fields(current, move, actor)
    if move.to == State.DITOLAK and move.reason not in REJECTION_REASONS:
        raise InvalidParameter(
            bilingual(
                "A rejection needs a reason: {reasons}",
                reasons=", ".join(REJECTION_REASONS),
            )
        )
    if move.to == State.DIDISPOSISIKAN and not move.opd_code:
        raise InvalidParameter(bilingual("Assignment needs the OPD"))


def _check_fields(current: State, move: Move, actor: Actor) -> None:
    allowed = MOVE_FIELDS.get((current, move.to), {})
    for field in ("reason", "opd_code"):
        if getattr(move, field) is None:
            continue
        if field not in allowed:
            raise InvalidParameter(
                bilingual(
                    "A move from {from_} to {to} cannot set {field}",
                    from_=current.value,
                    to=move.to.value,
                    field=field,
                ),
                field=field,
            )
        if actor.role not in allowed[field]:
            raise Forbidden(
                bilingual(
                    "Role {role} may not set {field}", role=actor.role, field=field
                )
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
    row = load_for(conn, complaint_id, actor, lock=True)
    _check(row, move, actor)
    closing = CATEGORY[move.to] == "closed"
    reopening = CATEGORY[State(row.status)] == "closed"
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
                    "ack": move.to != State.BARU,
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
    conn.execute(
        sa.text(
            "INSERT INTO complaint_events (complaint_id, at, actor, action,"
            " from_status, to_status, note, changes)"
            " VALUES (:id, :now, :actor, 'status', :from_, :to, :note,"
            " CAST(:changes AS jsonb))"
        ),
        {
            "id": complaint_id,
            "actor": actor.label,
            "from_": row.status,
            "to": move.to.value,
            "note": move.note or move.reason,
            "changes": json.dumps(_changes(row, updated)),
            "now": now,
        },
    )
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
