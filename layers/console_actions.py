"""What a clerk does from the staff console: its moves, and the actions that are
more than one move.

* :func:`mark_duplicate` — the report becomes a supporter of another open ticket
  of its category and its reporter follows that one; the report itself is
  rejected as ``duplikat``.
* :func:`change_category` — re-routed (its OPD follows the new category unless an
  OPD is already working on it), new SLA deadline.
* :func:`dispatch` — bulk dispatch of a morning backlog: a new report is verified
  first, then sent to the OPD.
* :func:`console_move` — a move from the console's form: a stale page names who
  changed the ticket, finishing needs an after-photo, a rejection without a
  public note gets its reason's (:func:`layers.reference.rejection_choices`).
* :func:`move_with_photos` — a move carrying an after-photo, written to disk only
  once the move is accepted (the JSON staff API, :mod:`api.staff`, uses it too).

Every action writes an audit event naming the user and every field it changed.
The moves themselves are :func:`layers.workflow.transition`'s.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from gis.errors import Forbidden, InvalidParameter, NotFound
from gis.events import notify
from gis.i18n import _, bilingual
from gis.photos import PreparedPhoto, remove_saved
from layers.accounts import Actor
from layers.reference import rejection_choices
from layers.routing import OWNER_SQL
from layers.status import STAFF, State, is_open, values
from layers.workflow import Move, check_version, load_for, transition


def _event(
    conn: sa.Connection,
    complaint: int,
    actor: Actor,
    action: str,
    now: datetime,
    note: str | None = None,
    changes: dict | None = None,
    public_note: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO complaint_events (complaint_id, at, actor, action,"
            " from_status, to_status, note, changes, public_note) VALUES (:id, :now,"
            " :actor, :action, :from_, :to, :note, CAST(:changes AS jsonb),"
            " :public_note)"
        ),
        {
            "id": complaint,
            "now": now,
            "actor": actor.label,
            "action": action,
            "from_": from_status,
            "to": to_status,
            "note": note,
            "changes": json.dumps(changes) if changes is not None else None,
            "public_note": public_note,
        },
    )


def mark_duplicate(
    conn: sa.Connection,
    complaint: int,
    original_ticket: str,
    actor: Actor,
    now: datetime,
    *,
    version: int | None = None,
    public_note: str | None = None,
    note: str | None = None,
) -> sa.Row:
    """Merge a report into open ticket ``original_ticket`` of the same category.

    The report becomes a supporter of the original (its description, place,
    photos and contact move there), its reporter's follow token now opens the
    original, and the report itself is rejected as ``duplikat`` with a public
    note naming the original. Both tickets get an audit event naming the other.
    Returns the rejected report's row.
    """
    if actor.role not in STAFF:
        raise Forbidden(bilingual("Only the command centre may merge reports"))
    row = load_for(conn, complaint, actor, lock=True)
    check_version(conn, row, version)
    original = conn.execute(
        sa.text(
            "SELECT id, ticket, status, category_code FROM complaints"
            " WHERE ticket = :t FOR UPDATE"
        ),
        {"t": original_ticket},
    ).one_or_none()
    if original is None:
        raise NotFound(
            bilingual("Complaint {ticket} not found", ticket=original_ticket),
            field="original",
        )
    if original.id == row.id:
        raise InvalidParameter(
            bilingual("A report cannot duplicate itself"), field="original"
        )
    if not is_open(original.status):
        raise InvalidParameter(
            bilingual(
                "{ticket} is closed: a report can join an open ticket only",
                ticket=original.ticket,
            ),
            field="original",
        )
    if original.category_code != row.category_code:
        raise InvalidParameter(
            bilingual("{ticket} is of another category", ticket=original.ticket),
            field="original",
        )
    supporter = conn.execute(
        sa.text(
            "INSERT INTO complaint_supporters (complaint_id, at, channel,"
            " description, lon, lat, name, phone, email, photos)"
            " SELECT :original, c.reported_at, c.channel, c.description,"
            " ST_X(c.geom), ST_Y(c.geom), r.name, r.phone, r.email, c.photos"
            " FROM complaints c LEFT JOIN complaint_contacts r"
            " ON r.complaint_id = c.id WHERE c.id = :id RETURNING id"
        ),
        {"original": original.id, "id": row.id},
    ).scalar_one()
    conn.execute(
        sa.text(
            "UPDATE follow_tokens SET complaint_id = :original,"
            " supporter_id = coalesce(supporter_id, :supporter)"
            " WHERE complaint_id = :id"
        ),
        {"original": original.id, "supporter": supporter, "id": row.id},
    )
    shown = public_note or _(
        "Merged into ticket {ticket}, which handles the same problem",
        ticket=original.ticket,
    )
    updated = transition(
        conn,
        row.id,
        Move(
            State.DITOLAK,
            note=_("duplicate of {ticket}", "id", ticket=original.ticket)
            + (f": {note}" if note else ""),
            reason="duplikat",
            public_note=shown,
        ),
        actor,
        now,
    )
    _event(
        conn,
        original.id,
        actor,
        "merged",
        now,
        note=_("report {ticket} joined as a supporter", "id", ticket=row.ticket),
        changes={"supporters": [None, supporter]},
    )
    notify(
        conn,
        {
            "type": "supported",
            "id": original.id,
            "ticket": original.ticket,
            "category": original.category_code,
        },
    )
    return updated


def change_category(
    conn: sa.Connection,
    complaint: int,
    category: str,
    actor: Actor,
    now: datetime,
    *,
    version: int | None = None,
    note: str | None = None,
) -> sa.Row:
    """Give an open complaint another category: routed again (its OPD follows the
    new category's routing unless it is already with an OPD working on it), new
    SLA deadline; the audit event names every field that changed."""
    if actor.role not in STAFF:
        raise Forbidden(bilingual("Only the command centre may change the category"))
    row = load_for(conn, complaint, actor, lock=True)
    check_version(conn, row, version)
    if not is_open(row.status):
        raise InvalidParameter(
            bilingual("A closed complaint keeps its category"), field="category"
        )
    if category == row.category_code:
        raise InvalidParameter(
            bilingual("The complaint already has category {code}", code=category),
            field="category",
        )
    exists = conn.execute(
        sa.text("SELECT active FROM categories WHERE code = :c"), {"c": category}
    ).scalar()
    if not exists:
        raise InvalidParameter(
            bilingual("Unknown category {code}", code=category), field="category"
        )
    before = conn.execute(
        sa.text(
            "SELECT category_code, opd_code, due_at FROM complaints WHERE id = :id"
        ),
        {"id": row.id},
    ).one()
    updated = conn.execute(
        sa.text(
            "WITH p AS (SELECT geom FROM complaints WHERE id = :id)"
            " UPDATE complaints SET category_code = :category,"
            " opd_code = CASE WHEN status IN :unrouted THEN "
            + OWNER_SQL.format(category=":category", point="p.geom")
            + " ELSE opd_code END, version = version + 1 FROM p WHERE id = :id"
            " RETURNING id, ticket, status, category_code, opd_code, due_at, version,"
            " kelurahan_kode"
        ).bindparams(sa.bindparam("unrouted", expanding=True)),
        {
            "id": row.id,
            "category": category,
            "unrouted": values((State.BARU, State.DIVERIFIKASI)),
        },
    ).one()
    changes = {
        field: [getattr(before, field), getattr(updated, field)]
        for field in ("category_code", "opd_code", "due_at")
        if getattr(before, field) != getattr(updated, field)
    }
    if "due_at" in changes:
        changes["due_at"] = [v.isoformat() if v else None for v in changes["due_at"]]
    _event(conn, row.id, actor, "category", now, note=note, changes=changes)
    notify(
        conn,
        {
            "type": "category",
            "id": row.id,
            "ticket": updated.ticket,
            "category": category,
            "kelurahan": updated.kelurahan_kode,
            "opd": updated.opd_code,
        },
    )
    return updated


def console_move(
    conn: sa.Connection, complaint: int, move: Move, actor: Actor, now: datetime
) -> sa.Row:
    """A move from the console: a stale page names who changed the ticket."""
    row = load_for(conn, complaint, actor, lock=True)
    check_version(conn, row, move.expected_version)
    if move.to == State.SELESAI and not move.photos:
        raise InvalidParameter(
            bilingual("Finishing needs an after-photo of the site"), field="photo"
        )
    if move.to == State.DITOLAK and move.reason and not move.public_note:
        notes = {c["code"]: c["note"] for c in reversed(rejection_choices(conn))}
        move = replace(move, public_note=notes.get(move.reason))
    return transition(conn, complaint, move, actor, now)


def dispatch(
    conn: sa.Connection,
    complaint: int,
    opd_code: str,
    actor: Actor,
    now: datetime,
    *,
    version: int | None = None,
) -> sa.Row:
    """Send a ticket to ``opd_code`` (bulk dispatch of a morning backlog): a new
    report is verified first, each move its own audited event."""
    row = load_for(conn, complaint, actor, lock=True)
    check_version(conn, row, version)
    if row.status == State.BARU:
        transition(conn, complaint, Move(State.DIVERIFIKASI), actor, now)
    return transition(
        conn, complaint, Move(State.DIDISPOSISIKAN, opd_code=opd_code), actor, now
    )


def move_with_photos(
    transaction: Callable[[], AbstractContextManager[sa.Connection]],
    complaint: Callable[[sa.Connection], int],
    move: Move,
    actor: Actor,
    now: datetime,
    *,
    media_dir: Path,
    photos: Sequence[PreparedPhoto] = (),
    at: tuple[float, float] | None = None,
    apply: Callable[..., sa.Row] = console_move,
) -> sa.Row:
    """Make ``move`` carrying ``photos`` (checked, EXIF stripped, thumbnailed by
    :func:`gis.photos.prepare_photo`), taken at ``at`` (lon, lat; else the first
    photo's GPS). The files are written inside the transaction and deleted again
    when the move or its commit fails, so a refused move leaves nothing on disk."""
    saved: list[dict] = []
    where = at or next((p.gps for p in photos if p.gps is not None), None)
    try:
        with transaction() as conn:
            for photo in photos:
                saved.append(photo.save(media_dir, now))
            return apply(
                conn,
                complaint(conn),
                replace(move, photos=tuple(saved), photo_at=where),
                actor,
                now,
            )
    except BaseException:
        for reference in saved:
            remove_saved(media_dir, reference)
        raise
