"""Staff sessions kept in the database, and sign-in throttling.

A browser holds only a random token; its SHA-256 hash names a ``staff_sessions``
row that every request checks, so a session ends the moment its row does: on
logout, when the account is deactivated, deleted, given another role or a new
password, after ``session_idle`` without use, and ``session_lifetime`` after
sign-in. The actor is read from ``users`` each time, never from the cookie.

Every sign-in outcome is a row of ``login_attempts`` (the audit trail); a username
with ``login_failures`` wrong passwords, or a client address with
``client_failures``, within ``login_window`` is refused until the oldest of them
leaves the window. All times come from the caller's clock.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from gis.config import Settings
from gis.db import Base
from gis.errors import Forbidden, InvalidParameter, SigapError
from gis.i18n import bilingual
from layers.accounts import Actor, check_credentials

#: a session's last use is written at most this often (not on every request)
TOUCH_EVERY = timedelta(minutes=1)

STAFF_SESSIONS = sa.Table(
    "staff_sessions",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("token_hash", sa.Text, nullable=False, unique=True),
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("client_addr", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ended_at", sa.DateTime(timezone=True)),
    sa.Column("end_reason", sa.Text),
    sa.Index("staff_sessions_user", "user_id"),
)
LOGIN_ATTEMPTS = sa.Table(
    "login_attempts",
    Base.metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("username", sa.Text, nullable=False),
    sa.Column("client_addr", sa.Text),
    sa.Column("outcome", sa.Text, nullable=False),
    sa.CheckConstraint(
        "outcome IN ('success', 'failure', 'locked')", name="login_attempts_outcome"
    ),
    sa.Index("login_attempts_user", "username", "at"),
    sa.Index("login_attempts_client", "client_addr", "at"),
)


class TooManyAttempts(SigapError):
    """Sign-in refused for a while after repeated wrong passwords."""

    code, status = "too_many_attempts", 429

    @property
    def retry_after(self) -> int:
        """Seconds until a new attempt may succeed."""
        return int(self.details.get("retry_after", 60))


@dataclass(frozen=True)
class Session:
    """A live session: its actor and its row."""

    id: int
    actor: Actor


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _record(
    conn: sa.Connection, username: str, client: str | None, outcome: str, now: datetime
) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO login_attempts (at, username, client_addr, outcome)"
            " VALUES (:now, :u, :c, :o)"
        ),
        {"now": now, "u": username, "c": client, "o": outcome},
    )


def _locked_for(
    conn: sa.Connection,
    username: str,
    client: str | None,
    now: datetime,
    settings: Settings,
) -> int:
    """Seconds ``username`` or ``client`` stay locked out (0: not locked)."""
    since = now - settings.login_window
    waits = [0]
    for column, value, limit in (
        ("username", username, settings.login_failures),
        ("client_addr", client, settings.client_failures),
    ):
        if value is None:
            continue
        oldest = conn.execute(
            sa.text(
                # failures since the last success (by id: a pinned clock gives
                # them all one time), the newest ``limit`` of them
                "SELECT min(at) FROM (SELECT at FROM login_attempts"
                f" WHERE {column} = :v AND outcome = 'failure' AND at > :since"
                "   AND id > coalesce((SELECT max(id) FROM login_attempts"
                f"     WHERE {column} = :v AND outcome = 'success'), 0)"
                " ORDER BY id DESC LIMIT :limit) recent"
                " HAVING count(*) >= :limit"
            ),
            {"v": value, "since": since, "limit": limit},
        ).scalar()
        if oldest is not None:
            remaining = oldest + settings.login_window - now
            waits.append(max(1, math.ceil(remaining.total_seconds())))
    return max(waits)


@dataclass(frozen=True)
class Attempt:
    """The outcome of one sign-in attempt (already recorded)."""

    user_id: int | None
    actor: Actor | None
    refusal: SigapError | None = None

    def accepted(self) -> tuple[int, Actor]:
        """The user's id and actor; raises the refusal if there was one."""
        if self.refusal is not None:
            raise self.refusal
        return self.user_id, self.actor


def sign_in(
    conn: sa.Connection,
    username: str,
    password: str,
    client: str | None,
    now: datetime,
    settings: Settings,
    record_success: bool = True,
) -> Attempt:
    """Check a sign-in attempt under throttling and record its outcome in
    ``conn``'s transaction (commit it, then call :meth:`Attempt.accepted`).

    While the username or the client is locked out the refusal is
    :class:`TooManyAttempts`; wrong credentials are :class:`~gis.errors.Forbidden`
    (an unknown username costs one password hash, as a known one). HTTP Basic
    checks every request, so it passes ``record_success=False``.
    """
    if "\x00" in username or "\x00" in password:
        raise InvalidParameter(bilingual("Username and password cannot hold NUL"))
    wait = _locked_for(conn, username, client, now, settings)
    if wait:
        _record(conn, username, client, "locked", now)
        refusal = TooManyAttempts(
            bilingual(
                "Too many wrong passwords: try again in {minutes} minutes",
                minutes=max(1, -(-wait // 60)),
            ),
            retry_after=wait,
        )
        return Attempt(None, None, refusal)
    found = check_credentials(conn, username, password)
    if found is None:
        _record(conn, username, client, "failure", now)
        return Attempt(None, None, Forbidden(bilingual("Wrong username or password")))
    if record_success:
        _record(conn, username, client, "success", now)
    return Attempt(*found)


def open_session(
    conn: sa.Connection, user_id: int, client: str | None, now: datetime
) -> str:
    """A new session for ``user_id``; returns the token the browser keeps."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        sa.text(
            "INSERT INTO staff_sessions (token_hash, user_id, client_addr,"
            " created_at, last_seen_at) VALUES (:h, :u, :c, :now, :now)"
        ),
        {"h": _hash(token), "u": user_id, "c": client, "now": now},
    )
    return token


def resolve(
    conn: sa.Connection, token: str, now: datetime, settings: Settings
) -> Session | None:
    """The live session of ``token`` (its use noted), or None if it has ended."""
    row = conn.execute(
        sa.text(
            "SELECT s.id, s.last_seen_at, u.username, u.role, u.opd_code"
            " FROM staff_sessions s JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = :h AND s.ended_at IS NULL AND u.active"
            "   AND s.created_at > :born_after AND s.last_seen_at > :seen_after"
            "   AND s.created_at <= :now"
        ),
        {
            "h": _hash(token),
            "now": now,
            "born_after": now - settings.session_lifetime,
            "seen_after": now - settings.session_idle,
        },
    ).one_or_none()
    if row is None:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        conn.execute(
            sa.text("UPDATE staff_sessions SET last_seen_at = :now WHERE id = :id"),
            {"now": now, "id": row.id},
        )
    return Session(row.id, Actor(row.username, row.role, row.opd_code))


def end_session(conn: sa.Connection, token: str, now: datetime) -> None:
    """End the session of ``token`` (logout); nothing if it already ended."""
    conn.execute(
        sa.text(
            "UPDATE staff_sessions SET ended_at = :now, end_reason = 'logout'"
            " WHERE token_hash = :h AND ended_at IS NULL"
        ),
        {"h": _hash(token), "now": now},
    )
