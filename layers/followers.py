"""A reporter's follow token: the page it opens, and their answer.

* :func:`follower` — who a follow token belongs to (the reporter or a
  supporter); their own contact (:func:`contact_of`) shows only on that page.
* :func:`answer` — "Sudah diperbaiki?" after a ticket is done: *yes* (optional
  1–5 rating and comment) closes the loop with an audit event; *no* is the
  reporter's reopen move (:data:`layers.status.TRANSITIONS`), back to the OPD's
  queue and counted in the scoreboard's reopen rate. One answer per follow token
  and resolution (``complaint_feedback``).

The ticket page itself is :func:`layers.tickets.ticket_view`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gis.db import Base
from gis.errors import IllegalTransition, InvalidParameter, NotFound
from gis.i18n import _, bilingual
from layers.accounts import Actor
from layers.status import REPORTER_ROLE, State
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


def contact_of(conn: sa.Connection, reader: Follower) -> dict | None:
    """The follower's own contact, as they gave it (None if they left none)."""
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


def answer_of(
    conn: sa.Connection, reader: Follower, resolved_at: datetime | None
) -> dict | None:
    """This follower's answer to the resolution of ``resolved_at`` (or the last
    "no"); None when they have not answered it."""
    if resolved_at is None:
        return None
    found = conn.execute(
        sa.text(
            "SELECT at, fixed, rating, comment FROM complaint_feedback"
            " WHERE token_hash = :h AND resolved_at = :r"
        ),
        {"h": reader.token_hash, "r": resolved_at},
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
    if rating is not None:
        parse_rating(str(rating))
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
    if answer_of(conn, reader, current.resolved_at) is not None:
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
