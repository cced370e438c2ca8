"""Messages to reporters: a durable outbox and the worker that empties it.

Every move a reporter should hear about (:data:`TOLD`: verified, assigned, being
worked on, done, rejected with its reason, reopened) puts one ``outbox`` row per
reporter address and channel — the ticket's reporter and its supporters; email
for an email address, the webhook for a phone number — in the *same transaction*
as the move (:func:`enqueue`, called by :func:`layers.workflow.transition`): a
move that rolls back leaves no message, a committed one cannot lose its message.

``sigap notify --daemon`` (:func:`run`) delivers them. Each row is claimed with
``SELECT … FOR UPDATE SKIP LOCKED`` and marked sent in the transaction that
claimed it, so two workers never take the same row and a sent row is never
taken again, across restarts. A failure is stored with its reason and retried
after a doubling delay (:func:`gis.delivery.backoff_seconds`); after
``max_attempts`` failures, or once the message is older than ``max_age``, the
row is given up (``failed_at``). The one gap no outbox closes — a worker dying
between the receiver's "accepted" and its own commit — is left to the
receiver: every message carries its outbox id (``Message-ID``,
``X-SIGAP-Delivery``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from gis.config import Settings
from gis.db import Base
from gis.delivery import (
    DeliveryFailed,
    SmtpServer,
    backoff_seconds,
    post_webhook,
    send_email,
)
from gis.i18n import N_, _
from layers.status import REJECTION_REASONS

log = logging.getLogger(__name__)

CHANNELS = ("email", "webhook")

OUTBOX = sa.Table(
    "outbox",
    Base.metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column(
        "event_id",
        sa.BigInteger,
        sa.ForeignKey("complaint_events.id"),
        nullable=False,
    ),
    sa.Column(
        "complaint_id", sa.BigInteger, sa.ForeignKey("complaints.id"), nullable=False
    ),
    sa.Column("channel", sa.Text, nullable=False),
    #: an email address or a phone number: personal, never published
    sa.Column("recipient", sa.Text, nullable=False),
    #: what to say (ticket, kind of move, OPD, reason, public note), rendered when
    #: sent so the link follows the server's public address
    sa.Column("payload", JSONB, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("failed_at", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    sa.UniqueConstraint("event_id", "channel", "recipient", name="uq_outbox_event"),
    sa.CheckConstraint("channel IN ('email', 'webhook')", name="outbox_channel"),
    sa.Index(
        "ix_outbox_due",
        "next_attempt_at",
        postgresql_where=sa.text("sent_at IS NULL AND failed_at IS NULL"),
    ),
)

#: the moves (``layers.status.TRANSITIONS`` names) the reporter is told of → msgid
TOLD: dict[str, str] = {
    "verify": N_("Your report {ticket} has been verified by the command centre."),
    "dispatch": N_("Your report {ticket} has been passed to {opd}."),
    "start": N_("{opd} is working on your report {ticket}."),
    "finish": N_(
        "{opd} reports that your report {ticket} is done. Is it fixed?"
        " Please answer on your ticket page."
    ),
    "reject": N_("Your report {ticket} was rejected: {reason}."),
    "reopen": N_("Your report {ticket} has been reopened and is back with {opd}."),
}
SUBJECTS: dict[str, str] = {
    "verify": N_("Report {ticket}: verified"),
    "dispatch": N_("Report {ticket}: passed to {opd}"),
    "start": N_("Report {ticket}: being worked on"),
    "finish": N_("Report {ticket}: done"),
    "reject": N_("Report {ticket}: rejected"),
    "reopen": N_("Report {ticket}: reopened"),
}


def enqueue(
    conn: sa.Connection,
    event_id: int,
    complaint: sa.Row,
    move: str,
    public_note: str | None,
    now: datetime,
) -> int:
    """Queue what the reporters of ``complaint`` are told of ``move`` (audit event
    ``event_id``); returns how many messages were queued (0 for a move nobody is
    told of, or a ticket without contact details)."""
    if move not in TOLD:
        return 0
    opd = conn.execute(
        sa.text("SELECT short_name FROM opd WHERE code = :c"),
        {"c": complaint.opd_code},
    ).scalar()
    payload = {
        "ticket": complaint.ticket,
        "move": move,
        "status": complaint.status,
        "opd": opd,
        "reason": complaint.sub_status,
        "public_note": public_note,
    }
    return conn.execute(
        sa.text(
            "WITH people AS ("
            "  SELECT email, phone FROM complaint_contacts WHERE complaint_id = :id"
            "  UNION SELECT email, phone FROM complaint_supporters"
            "  WHERE complaint_id = :id AND split_into IS NULL),"
            " addresses AS ("
            "  SELECT 'email' AS channel, lower(btrim(email)) AS recipient FROM people"
            "  WHERE email LIKE '%_@_%'"
            "  UNION SELECT 'webhook', btrim(phone) FROM people"
            "  WHERE btrim(coalesce(phone, '')) <> '')"
            " INSERT INTO outbox (event_id, complaint_id, channel, recipient, payload,"
            " created_at, next_attempt_at)"
            " SELECT :event, :id, channel, recipient, CAST(:payload AS jsonb), :now,"
            " :now FROM addresses ORDER BY channel, recipient"
            " ON CONFLICT ON CONSTRAINT uq_outbox_event DO NOTHING"
        ),
        {
            "event": event_id,
            "id": complaint.id,
            "payload": json.dumps(payload),
            "now": now,
        },
    ).rowcount


def ticket_path(ticket: str) -> str:
    """The public ticket page a message links to."""
    return f"/aduan/{ticket}"


def render(payload: dict, public_url: str, language: str) -> tuple[str, str, str]:
    """(subject, text, link) of a message, in ``language``."""
    move, ticket = payload["move"], payload["ticket"]
    reason = REJECTION_REASONS.get(payload.get("reason") or "")
    values = {
        "ticket": ticket,
        "opd": payload.get("opd") or "OPD",
        "reason": _(reason, language) if reason else payload.get("reason") or "-",
    }
    link = public_url.rstrip("/") + ticket_path(ticket)
    lines = [_(TOLD[move], language, **values)]
    if payload.get("public_note"):
        lines.append(_("Note: {note}", language, note=payload["public_note"]))
    lines.append(_("Details: {url}", language, url=link))
    return _(SUBJECTS[move], language, **values), "\n".join(lines), link


@dataclass(frozen=True)
class Channels:
    """The configured ways out (from :class:`~gis.config.Settings`)."""

    smtp: SmtpServer | None
    webhook_url: str
    webhook_secret: str
    public_url: str
    language: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Channels:
        if settings.webhook_url and not settings.webhook_secret:
            raise ValueError("SIGAP_WEBHOOK_URL needs SIGAP_WEBHOOK_SECRET to sign")
        return cls(
            smtp=SmtpServer.from_url(settings.smtp_url) if settings.smtp_url else None,
            webhook_url=settings.webhook_url,
            webhook_secret=settings.webhook_secret,
            public_url=settings.public_url,
            language=settings.language,
        )

    @property
    def names(self) -> list[str]:
        """The channels this worker can deliver."""
        return [
            name
            for name, ready in (("email", self.smtp), ("webhook", self.webhook_url))
            if ready
        ]

    def send(self, row: sa.Row) -> None:
        """Deliver one outbox row (raises :class:`DeliveryFailed`)."""
        subject, text, link = render(row.payload, self.public_url, self.language)
        delivery_id = f"sigap-outbox-{row.id}"
        if row.channel == "email":
            assert self.smtp is not None
            domain = self.smtp.sender.rsplit("@", 1)[1]
            send_email(
                self.smtp, row.recipient, subject, text, f"<{delivery_id}@{domain}>"
            )
        else:
            post_webhook(
                self.webhook_url,
                self.webhook_secret,
                {
                    "id": delivery_id,
                    "event_id": row.event_id,
                    "ticket": row.payload["ticket"],
                    "move": row.payload["move"],
                    "status": row.payload["status"],
                    "to": row.recipient,
                    "subject": subject,
                    "text": text,
                    "url": link,
                },
                delivery_id,
            )


@dataclass(frozen=True)
class Policy:
    """How hard the worker tries."""

    retry_base_s: float = 30.0
    max_attempts: int = 10
    max_age: timedelta = timedelta(days=3)


def deliver_next(
    engine: sa.Engine, channels: Channels, now: datetime, policy: Policy = Policy()
) -> str | None:
    """Claim one due message, deliver it, record the outcome in the claiming
    transaction; ``"sent"``, ``"retry"``, ``"failed"`` or ``None`` (nothing due)."""
    names = channels.names
    if not names:
        return None
    with engine.begin() as conn:
        row = conn.execute(
            sa.text(
                "SELECT id, event_id, channel, recipient, payload, attempts,"
                " created_at FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
                " AND next_attempt_at <= :now AND channel IN :channels"
                " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED"
            ).bindparams(sa.bindparam("channels", expanding=True)),
            {"now": now, "channels": names},
        ).one_or_none()
        if row is None:
            return None
        attempts = row.attempts + 1
        if now - row.created_at > policy.max_age:
            outcome, error = "failed", "expired before it could be delivered"
        else:
            try:
                channels.send(row)
                outcome, error = "sent", None
            except DeliveryFailed as failure:
                error = str(failure)[:1000]
                outcome = "failed" if attempts >= policy.max_attempts else "retry"
        conn.execute(
            sa.text(
                "UPDATE outbox SET attempts = :attempts, last_error = :error,"
                " sent_at = CASE WHEN :sent THEN CAST(:now AS timestamptz) END,"
                " failed_at = CASE WHEN :failed THEN CAST(:now AS timestamptz) END,"
                " next_attempt_at = :next WHERE id = :id"
            ),
            {
                "id": row.id,
                "attempts": attempts,
                "error": error,
                "sent": outcome == "sent",
                "failed": outcome == "failed",
                "now": now,
                "next": now
                + timedelta(seconds=backoff_seconds(attempts, policy.retry_base_s)),
            },
        )
    if outcome != "sent":
        log.warning("outbox %s (%s): %s, %s", row.id, row.channel, outcome, error)
    return outcome


def run(
    engine: sa.Engine,
    channels: Channels,
    clock: Callable[[], datetime],
    *,
    policy: Policy = Policy(),
    interval_s: float = 2.0,
    once: bool = False,
    stop: threading.Event | None = None,
) -> int:
    """Deliver until ``stop`` is set (or, with ``once``, until nothing is due);
    returns how many messages were sent."""
    stop = stop or threading.Event()
    sent = 0
    while not stop.is_set():
        outcome = deliver_next(engine, channels, clock(), policy)
        sent += outcome == "sent"
        if outcome is None:
            if once:
                break
            stop.wait(interval_s)
    return sent


def pending(conn: sa.Connection) -> dict[str, int]:
    """Messages by state: sent, waiting (incl. retries), failed."""
    row = conn.execute(
        sa.text(
            "SELECT count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,"
            " count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)"
            " AS waiting, count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed"
            " FROM outbox"
        )
    ).one()
    return dict(row._mapping)
