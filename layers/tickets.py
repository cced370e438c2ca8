"""The ticket as residents read it.

* :func:`ticket_view` — one complaint for its page: photos, category, kelurahan,
  the OPD, the due date in working days, supporters and the **timeline** (one
  entry per audit event a resident may read, with the public note and the
  after-photo a move carries, then the steps still ahead). Staff notes and who
  acted by name never appear; the reporter's own contact only on the page the
  follow token opens (``reporter=True``).

The follow token that opens a reporter's own page, and their answer to "Sudah
diperbaiki?", are :mod:`layers.followers`; the public list of complaints
(``/laporan``) is :mod:`layers.public_reports`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from gis.errors import NotFound
from gis.i18n import N_, _, bilingual, current_language
from gis.timeutil import WITA, wita_day_sql, wita_today
from layers.followers import Follower, answer_of, contact_of
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
        view.contact = contact_of(conn, reader)
        view.answered = answer_of(conn, reader, row.resolved_at)
        view.ask_fixed = (
            row.status == State.SELESAI.value
            and row.resolved_at is not None
            and view.answered is None
        )
    return view
