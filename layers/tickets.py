"""The ticket as residents read it, the reporter's answer, and the public list.

* :func:`ticket_view` — one complaint for its page: photos, category, kelurahan,
  the OPD, the due date in working days, supporters and the **timeline** (one
  entry per audit event a resident may read, with the public note and the
  after-photo a move carries, then the steps still ahead). Staff notes and who
  acted by name never appear; the reporter's own contact only on the page the
  follow token opens (``reporter=True``).
* :func:`answer` — "Sudah diperbaiki?" after a ticket is done: *yes* (optional
  1–5 rating and comment) closes the loop with an audit event; *no* is the
  reporter's reopen move (:data:`layers.status.TRANSITIONS`), back to the OPD's
  queue and counted in the scoreboard's reopen rate. One answer per follow token
  and resolution.

The public list of complaints (``/laporan``) is :mod:`layers.public_reports`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from gis.db import Base
from gis.errors import IllegalTransition, InvalidParameter, NotFound
from gis.i18n import N_, _, bilingual, current_language
from gis.timeutil import WITA, wita_day_sql, wita_today
from layers.accounts import Actor
from layers.public_view import public_complaint
from layers.status import (
    REJECTION_REASONS,
    REPORTER_ROLE,
    State,
    group_label,
    group_of,
    is_open,
    label,
    transition_of,
)
from layers.workflow import Move, transition

MAX_COMMENT = 2000
#: the reporter, as the audit trail names them
REPORTER = Actor("pelapor", REPORTER_ROLE)

FEEDBACK = sa.Table(
    "complaint_feedback",
    Base.metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column(
        "complaint_id", sa.BigInteger, sa.ForeignKey("complaints.id"), nullable=False
    ),
    #: which follow token answered (the reporter or one supporter)
    sa.Column("token_hash", sa.Text, nullable=False),
    #: the resolution answered (a ticket done again may be asked again)
    sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("fixed", sa.Boolean, nullable=False),
    sa.Column("rating", sa.SmallInteger),
    sa.Column("comment", sa.Text),
    sa.Column(
        "event_id",
        sa.BigInteger,
        sa.ForeignKey("complaint_events.id"),
        nullable=False,
    ),
    sa.UniqueConstraint(
        "token_hash", "resolved_at", name="uq_complaint_feedback_answer"
    ),
    sa.CheckConstraint(
        "rating IS NULL OR rating BETWEEN 1 AND 5", name="complaint_feedback_rating"
    ),
    sa.Index("ix_complaint_feedback_complaint", "complaint_id"),
)

#: timeline wording per move (``layers.status.TRANSITIONS`` names)
MOVE_TITLES: dict[str, str] = {
    "verify": N_("Verified"),
    "dispatch": N_("Assigned to {opd}"),
    "reassign": N_("Passed on to {opd}"),
    "start": N_("Being worked on by {opd}"),
    "hand_off": N_("Coordination between agencies"),
    "finish": N_("Completed by {opd}"),
    "reject": N_("Rejected: {reason}"),
    "reopen": N_("Reopened"),
    "unreject": N_("Back for verification"),
}
#: the road a ticket normally travels, for the steps still ahead
PATH = (State.BARU, State.DIVERIFIKASI, State.DIDISPOSISIKAN, State.DIPROSES)
AHEAD_TITLES: dict[State, str] = {
    State.DIVERIFIKASI: N_("Verification by the command centre"),
    State.DIDISPOSISIKAN: N_("Assignment to the agency responsible"),
    State.DIPROSES: N_("Work by {opd}"),
    State.SELESAI: N_("Completed"),
}


def hash_token(token: str) -> str:
    """What ``follow_tokens`` keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Follower:
    """Who a follow token belongs to: the reporter or a supporter of the ticket."""

    complaint_id: int
    token_hash: str
    supporter_id: int | None


def follower(conn: sa.Connection, token: str) -> Follower:
    """The ticket and person behind a follow token; 404 otherwise."""
    digest = hash_token(token)
    row = conn.execute(
        sa.text(
            "SELECT complaint_id, supporter_id FROM follow_tokens WHERE token_hash = :h"
        ),
        {"h": digest},
    ).one_or_none()
    if row is None:
        raise NotFound(bilingual("No report has this tracking link"))
    return Follower(row.complaint_id, digest, row.supporter_id)


def ticket_id(conn: sa.Connection, ticket: str) -> int:
    """The complaint id of a public ticket number; 404 otherwise."""
    found = conn.execute(
        sa.text("SELECT id FROM complaints WHERE ticket = :t"), {"t": ticket.upper()}
    ).scalar()
    if found is None:
        raise NotFound(bilingual("Report {ticket} not found", ticket=ticket))
    return found


@dataclass
class Entry:
    """One line of the timeline."""

    at: datetime | None
    title: str
    state: str | None = None  # the state it reached (for its colour)
    note: str | None = None  # the public note, as staff wrote it
    photos: list[dict] = field(default_factory=list)
    done: bool = True  # False: a step still ahead
    #: ``created``, ``supported``, ``confirmed`` or the move's name (``finish``)
    kind: str = "status"


def _opd_names(conn: sa.Connection) -> dict[str, str]:
    return dict(conn.execute(sa.text("SELECT code, short_name FROM opd")).all())


def _reason(code: str | None) -> str:
    reason = REJECTION_REASONS.get(code or "")
    return _(reason) if reason else code or "-"


def timeline(conn: sa.Connection, row: sa.Row) -> list[Entry]:
    """What happened to the complaint ``row`` (a public row), oldest first, then
    the steps ahead while it is open."""
    opds = _opd_names(conn)
    events = conn.execute(
        sa.text(
            "SELECT e.id, e.at, e.action, e.from_status, e.to_status, e.public_note,"
            " e.photos, e.changes, split_part(e.actor, ':', 1) AS role,"
            " f.rating FROM complaint_events e"
            " LEFT JOIN complaint_feedback f ON f.event_id = e.id"
            " WHERE e.complaint_id = :id ORDER BY e.at, e.id"
        ),
        {"id": row.id},
    ).all()
    entries: list[Entry] = []
    opd_now = row.agency_short
    for event in events:
        if event.action == "created":
            entries.append(
                Entry(event.at, _("Received"), State.BARU.value, kind="created")
            )
        elif event.action == "supported":
            entries.append(
                Entry(
                    event.at,
                    _("Another resident reported the same problem"),
                    kind="supported",
                )
            )
        elif event.action == "confirmed":
            title = _("The reporter confirmed it is fixed")
            if event.rating:
                title += " · " + _("rating {n} of 5", n=event.rating)
            entries.append(Entry(event.at, title, kind="confirmed"))
        elif event.action == "status" and event.to_status:
            move = transition_of(event.from_status, event.to_status)
            name = move.name if move else None
            changes = event.changes or {}
            opd_code = (changes.get("opd_code") or [None, None])[1]
            opd = opds.get(opd_code) if opd_code else opd_now
            if name == "reopen" and event.role == REPORTER_ROLE:
                title = _("Reopened by the reporter: not fixed yet")
            elif name in MOVE_TITLES:
                title = _(
                    MOVE_TITLES[name],
                    opd=opd or "OPD",
                    reason=_reason((changes.get("sub_status") or [None, None])[1]),
                )
            else:
                title = label(event.to_status)
            entries.append(
                Entry(
                    event.at,
                    title,
                    event.to_status,
                    note=event.public_note,
                    photos=list(event.photos or []),
                    kind=name or "status",
                )
            )
    if is_open(row.status):
        current = State(row.status)
        reached = PATH.index(current) if current in PATH else PATH.index(State.DIPROSES)
        if current == State.KOORDINASI:
            reached = PATH.index(State.DIDISPOSISIKAN) - 1
        for state in (*PATH[reached + 1 :], State.SELESAI):
            entries.append(
                Entry(
                    None,
                    _(AHEAD_TITLES[state], opd=row.agency_short or "OPD"),
                    state.value,
                    done=False,
                )
            )
    return entries


@dataclass
class TicketView:
    """Everything a ticket page shows."""

    row: sa.Row
    status_label: str
    group: str
    group_label: str
    category: str
    sla_days: int
    due: dict
    entries: list[Entry]
    after_photos: list[dict]
    contact: dict | None = None  # the reporter's own (their page only)
    ask_fixed: bool = False  # show "Sudah diperbaiki?"
    answered: dict | None = None  # the answer this follow token gave


def _due(conn: sa.Connection, row: sa.Row, now: datetime) -> dict:
    """The deadline and the working days left (or past it)."""
    if row.due_at is None:
        return {"at": None, "left": None, "late": None}
    today = wita_today(now)
    due_day = wita_day_sql("CAST(:due AS timestamptz)")
    counted = conn.execute(
        sa.text(
            "SELECT count(*) FILTER (WHERE day >= :today AND day < " + due_day + ")"
            " AS left, count(*) FILTER (WHERE day >= " + due_day + " AND day <= :today)"
            " AS late FROM workdays WHERE is_workday"
        ),
        {"today": today, "due": row.due_at},
    ).one()
    finished = not is_open(row.status)
    until = row.resolved_at if finished and row.resolved_at else now
    return {
        # the last working day (the deadline is the midnight after it)
        "day": (row.due_at.astimezone(WITA) - timedelta(microseconds=1)).date(),
        "at": row.due_at,
        "left": None if finished or until >= row.due_at else counted.left,
        "late": counted.late if not finished and until >= row.due_at else None,
        "met": (row.resolved_at <= row.due_at)
        if finished and row.resolved_at
        else None,
    }


def ticket_view(
    conn: sa.Connection,
    complaint_id: int,
    now: datetime,
    reader: Follower | None = None,
) -> TicketView:
    """The page of one complaint; ``reader`` is the follower whose page it is
    (their contact and the "Sudah diperbaiki?" question), None for the public."""
    row = public_complaint(conn, complaint_id)
    if row is None:
        raise NotFound(bilingual("Complaint not found"))
    category = conn.execute(
        sa.text("SELECT sla_days, name_id, name_en FROM categories WHERE code = :c"),
        {"c": row.category_code},
    ).one()
    entries = timeline(conn, row)
    # the proof of the fix heads the page while the ticket stands as done
    after = (
        [p for e in entries if e.kind == "finish" for p in e.photos]
        if row.status == State.SELESAI.value
        else []
    )
    view = TicketView(
        row=row,
        status_label=label(row.status),
        group=group_of(row.status).value,
        group_label=group_label(group_of(row.status)),
        category=category.name_en
        if current_language.get() == "en"
        else category.name_id,
        sla_days=category.sla_days,
        due=_due(conn, row, now),
        entries=entries,
        after_photos=after,
    )
    if reader is not None:
        view.contact = _contact(conn, reader)
        view.answered = _answer_of(conn, reader, row)
        view.ask_fixed = (
            row.status == State.SELESAI.value
            and row.resolved_at is not None
            and view.answered is None
        )
    return view


def _contact(conn: sa.Connection, reader: Follower) -> dict | None:
    if reader.supporter_id is not None:
        found = conn.execute(
            sa.text(
                "SELECT name, phone, email FROM complaint_supporters WHERE id = :s"
            ),
            {"s": reader.supporter_id},
        ).one_or_none()
    else:
        found = conn.execute(
            sa.text(
                "SELECT name, phone, email FROM complaint_contacts"
                " WHERE complaint_id = :id"
            ),
            {"id": reader.complaint_id},
        ).one_or_none()
    if found is None or not any(found):
        return None
    return dict(found._mapping)


def _answer_of(conn: sa.Connection, reader: Follower, row: sa.Row) -> dict | None:
    """This follower's answer to the current resolution (or the last "no")."""
    if row.resolved_at is None:
        return None
    found = conn.execute(
        sa.text(
            "SELECT at, fixed, rating, comment FROM complaint_feedback"
            " WHERE token_hash = :h AND resolved_at = :r"
        ),
        {"h": reader.token_hash, "r": row.resolved_at},
    ).one_or_none()
    return dict(found._mapping) if found else None


def parse_rating(text: str | None) -> int | None:
    """A rating 1–5 from a form (empty: none); 400 otherwise."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 5:
        raise InvalidParameter(
            bilingual("The rating must be a whole number from 1 to 5"),
            field="rating",
        )
    return int(value)


def answer(
    conn: sa.Connection,
    reader: Follower,
    fixed: bool,
    now: datetime,
    rating: int | None = None,
    comment: str | None = None,
) -> sa.Row:
    """The reporter's answer to "Sudah diperbaiki?"; returns the feedback row.

    *Yes* writes a ``confirmed`` audit event; *no* reopens the ticket as the
    reporter (a status event from done back to being worked on, the OPD's queue).
    """
    comment = (comment or "").strip() or None
    if comment and len(comment) > MAX_COMMENT:
        raise InvalidParameter(
            bilingual("The note is too long: at most {n} characters", n=MAX_COMMENT),
            field="comment",
        )
    if rating is not None and not 1 <= rating <= 5:
        raise InvalidParameter(
            bilingual("The rating must be a whole number from 1 to 5"),
            field="rating",
        )
    if not fixed and rating is not None:
        raise InvalidParameter(
            bilingual("A rating is given only for a fixed problem"), field="rating"
        )
    current = conn.execute(
        sa.text("SELECT status, resolved_at FROM complaints WHERE id = :id FOR UPDATE"),
        {"id": reader.complaint_id},
    ).one()
    if current.status != State.SELESAI.value or current.resolved_at is None:
        raise IllegalTransition(
            bilingual("This report is not marked as completed: nothing to confirm")
        )
    answered = conn.execute(
        sa.text(
            "SELECT 1 FROM complaint_feedback WHERE token_hash = :h"
            " AND resolved_at = :r"
        ),
        {"h": reader.token_hash, "r": current.resolved_at},
    ).scalar()
    if answered:
        raise IllegalTransition(bilingual("You have already answered for this report"))
    if fixed:
        event_id = conn.execute(
            sa.text(
                "INSERT INTO complaint_events (complaint_id, at, actor, action, note)"
                " VALUES (:id, :now, :actor, 'confirmed', :note) RETURNING id"
            ),
            {
                "id": reader.complaint_id,
                "now": now,
                "actor": REPORTER.label,
                "note": comment,
            },
        ).scalar_one()
    else:
        transition(
            conn,
            reader.complaint_id,
            Move(State.DIPROSES, note=comment or _("Not fixed yet", "id")),
            REPORTER,
            now,
        )
        event_id = conn.execute(
            sa.text("SELECT max(id) FROM complaint_events WHERE complaint_id = :id"),
            {"id": reader.complaint_id},
        ).scalar_one()
    return conn.execute(
        sa.text(
            "INSERT INTO complaint_feedback (complaint_id, token_hash, resolved_at, at,"
            " fixed, rating, comment, event_id) VALUES (:id, :h, :r, :now, :fixed,"
            " :rating, :comment, :event) RETURNING *"
        ),
        {
            "id": reader.complaint_id,
            "h": reader.token_hash,
            "r": current.resolved_at,
            "now": now,
            "fixed": fixed,
            "rating": rating,
            "comment": comment,
            "event": event_id,
        },
    ).one()
