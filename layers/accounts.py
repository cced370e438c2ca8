"""Staff accounts and API keys.

Passwords are hashed with scrypt (a memory-hard KDF, Python's standard library);
API keys are random 32-byte tokens stored only as SHA-256 hashes, shown once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import sqlalchemy as sa

from gis.db import Base
from gis.errors import Forbidden, InvalidParameter, NotFound
from gis.i18n import N_, bilingual
from gis.timeutil import now as clock

ROLES = ("operator", "opd_staff", "admin")
#: each role as staff pages name it (msgids)
ROLE_LABELS = {
    "operator": N_("Operator"),
    "opd_staff": N_("OPD staff"),
    "admin": N_("Administrator"),
}
SCRYPT = {"n": 2**14, "r": 8, "p": 1}

USERS = sa.Table(
    "users",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("username", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("opd_code", sa.Text, sa.ForeignKey("opd.code")),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column(
        "created_at",
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
    ),
    sa.CheckConstraint("role IN ('operator', 'opd_staff', 'admin')", name="users_role"),
    sa.CheckConstraint(
        "role <> 'opd_staff' OR opd_code IS NOT NULL", name="users_opd_staff_has_opd"
    ),
)
API_KEYS = sa.Table(
    "api_keys",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("prefix", sa.Text, nullable=False),
    sa.Column("key_hash", sa.Text, nullable=False, unique=True),
    sa.Column(
        "created_at",
        sa.DateTime(timezone=True),
        nullable=False,
        server_default=sa.func.now(),
    ),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a staff member (role, OPD) or the public."""

    name: str
    role: str  # "public", "operator", "opd_staff" or "admin"
    opd_code: str | None = None

    @property
    def label(self) -> str:
        """How the audit trail names the actor."""
        return self.name if self.role == "public" else f"{self.role}:{self.name}"


PUBLIC = Actor("warga", "public")


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64)."""
    if len(password) < 10:
        raise InvalidParameter(bilingual("Password must have at least 10 characters"))
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT, dklen=32)
    encode = base64.b64encode
    return (
        "scrypt${n}${r}${p}$".format(**SCRYPT)
        + f"{encode(salt).decode()}${encode(digest).decode()}"
    )


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of ``password`` against a :func:`hash_password` value."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def create_user(
    conn: sa.Connection,
    username: str,
    name: str,
    password: str,
    role: str,
    opd_code: str | None = None,
    now: datetime | None = None,
) -> int:
    """Add a staff account (made ``now``, the platform's clock by default);
    returns its id."""
    if role not in ROLES:
        raise InvalidParameter(bilingual("Unknown role {role}", role=role))
    if role == "opd_staff" and not opd_code:
        raise InvalidParameter(bilingual("OPD staff need their OPD (opd_code)"))
    try:
        with conn.begin_nested():
            return conn.execute(
                sa.text(
                    "INSERT INTO users (username, name, password_hash, role, opd_code,"
                    " created_at) VALUES (:u, :n, :h, :r, :o, :now) RETURNING id"
                ),
                {
                    "u": username,
                    "n": name,
                    "h": hash_password(password),
                    "r": role,
                    "o": opd_code,
                    "now": now or clock(),
                },
            ).scalar_one()
    except sa.exc.IntegrityError:
        raise InvalidParameter(
            bilingual(
                "The username {username} is taken or the OPD {opd} is unknown",
                username=username,
                opd=opd_code,
            )
        ) from None


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def check_credentials(
    conn: sa.Connection, username: str, password: str
) -> tuple[int, Actor] | None:
    """The user's id and actor for valid credentials of an active account, else
    None. An unknown username is checked against a dummy hash, so it takes as
    long as a known one and timing does not tell which usernames exist."""
    row = conn.execute(
        sa.text(
            "SELECT id, username, password_hash, role, opd_code FROM users"
            " WHERE username = :u AND active"
        ),
        {"u": username},
    ).one_or_none()
    matches = verify_password(password, row.password_hash if row else _dummy_hash())
    if row is None or not matches:
        return None
    return row.id, Actor(row.username, row.role, row.opd_code)


def authenticate(conn: sa.Connection, username: str, password: str) -> Actor:
    """The actor for valid credentials; :class:`Forbidden` otherwise (no
    throttling: web sign-ins go through :func:`layers.sessions.sign_in`)."""
    found = check_credentials(conn, username, password)
    if found is None:
        raise Forbidden(bilingual("Wrong username or password"))
    return found[1]


def _end_sessions(conn: sa.Connection, user_id: int, reason: str, now: datetime) -> int:
    return conn.execute(
        sa.text(
            "UPDATE staff_sessions SET ended_at = :now, end_reason = :why"
            " WHERE user_id = :u AND ended_at IS NULL"
        ),
        {"u": user_id, "why": reason, "now": now},
    ).rowcount


def _user_id(conn: sa.Connection, username: str) -> int:
    found = conn.execute(
        sa.text("SELECT id FROM users WHERE username = :u FOR UPDATE"),
        {"u": username},
    ).scalar()
    if found is None:
        raise NotFound(bilingual("No user {username}", username=username))
    return found


def set_active(conn: sa.Connection, username: str, active: bool, now: datetime) -> int:
    """(De)activate an account; deactivation ends its sessions (returns how many)."""
    user_id = _user_id(conn, username)
    conn.execute(
        sa.text("UPDATE users SET active = :a WHERE id = :id"),
        {"a": active, "id": user_id},
    )
    return 0 if active else _end_sessions(conn, user_id, "deactivated", now)


def set_role(
    conn: sa.Connection,
    username: str,
    role: str,
    opd_code: str | None,
    now: datetime,
) -> int:
    """Give an account another role (and OPD); ends its sessions."""
    if role not in ROLES:
        raise InvalidParameter(bilingual("Unknown role {role}", role=role))
    if role == "opd_staff" and not opd_code:
        raise InvalidParameter(bilingual("OPD staff need their OPD (opd_code)"))
    user_id = _user_id(conn, username)
    try:
        with conn.begin_nested():
            conn.execute(
                sa.text("UPDATE users SET role = :r, opd_code = :o WHERE id = :id"),
                {"r": role, "o": opd_code, "id": user_id},
            )
    except sa.exc.IntegrityError:
        raise InvalidParameter(bilingual("Unknown OPD {code}", code=opd_code)) from None
    return _end_sessions(conn, user_id, "role_changed", now)


def set_password(
    conn: sa.Connection, username: str, password: str, now: datetime
) -> int:
    """Give an account a new password; ends its sessions."""
    user_id = _user_id(conn, username)
    conn.execute(
        sa.text("UPDATE users SET password_hash = :h WHERE id = :id"),
        {"h": hash_password(password), "id": user_id},
    )
    return _end_sessions(conn, user_id, "password_changed", now)


def create_api_key(conn: sa.Connection, name: str, now: datetime | None = None) -> str:
    """A new API key (returned once; only its hash is kept), made ``now``."""
    key = secrets.token_urlsafe(32)
    conn.execute(
        sa.text(
            "INSERT INTO api_keys (name, prefix, key_hash, created_at)"
            " VALUES (:n, :p, :h, :now)"
        ),
        {
            "n": name,
            "p": key[:8],
            "h": hashlib.sha256(key.encode()).hexdigest(),
            "now": now or clock(),
        },
    )
    return key


def check_api_key(conn: sa.Connection, key: str | None) -> str:
    """Name of the client owning ``key``; :class:`Forbidden` if none or revoked."""
    if key:
        name = conn.execute(
            sa.text(
                "SELECT name FROM api_keys WHERE key_hash = :h AND revoked_at IS NULL"
            ),
            {"h": hashlib.sha256(key.encode()).hexdigest()},
        ).scalar()
        if name:
            return name
    raise Forbidden(bilingual("A valid api_key is required"))


def revoke_api_key(conn: sa.Connection, prefix: str, now: datetime) -> str:
    """Revoke the live key starting with ``prefix``; returns its client's name."""
    name = conn.execute(
        sa.text(
            "UPDATE api_keys SET revoked_at = :now WHERE prefix = :p"
            " AND revoked_at IS NULL RETURNING name"
        ),
        {"p": prefix, "now": now},
    ).scalar()
    if name is None:
        raise NotFound(bilingual("No live API key starts with {prefix}", prefix=prefix))
    return name


def require_role(actor: Actor, *roles: str) -> None:
    """:class:`Forbidden` unless ``actor`` has one of ``roles``."""
    if actor.role not in roles:
        raise Forbidden(
            bilingual("This needs the role {roles}", roles=" / ".join(roles))
        )


def change_account(
    conn: sa.Connection, username: str, changes: dict, now: datetime
) -> int:
    """Apply ``changes`` (``active``, ``role`` with ``opd_code``, ``password``)
    to an account; returns how many of its sessions ended."""
    unknown = sorted(set(changes) - {"active", "role", "opd_code", "password"})
    if unknown or not changes:
        raise InvalidParameter(
            bilingual(
                "Change active, role (with opd_code) or password; not {fields}",
                fields=", ".join(unknown) or "-",
            )
        )
    for key, kind in (("active", bool), ("role", str), ("password", str)):
        if key in changes and not isinstance(changes[key], kind):
            raise InvalidParameter(bilingual("Wrong type for {field}", field=key))
    if not isinstance(changes.get("opd_code"), str | None):
        raise InvalidParameter(bilingual("Wrong type for {field}", field="opd_code"))
    ended = 0
    if "password" in changes:
        ended += set_password(conn, username, changes["password"], now)
    if "role" in changes or "opd_code" in changes:
        role = changes.get("role") or _role_of(conn, username)
        ended += set_role(conn, username, role, changes.get("opd_code"), now)
    if "active" in changes:
        ended += set_active(conn, username, changes["active"], now)
    return ended


def _role_of(conn: sa.Connection, username: str) -> str:
    _user_id(conn, username)
    return conn.execute(
        sa.text("SELECT role FROM users WHERE username = :u"), {"u": username}
    ).scalar_one()
