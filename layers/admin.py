"""What the admin console changes about who may use SIGAP: staff accounts, API
keys and the demo's accounts, each change audited (:mod:`layers.audit`) field by
field. The city's own rules (categories, routing rules, holidays) are
:mod:`layers.settings`; response templates :mod:`layers.templates`.

The admin pages (``/staf/admin``) and the JSON admin API (``/api/admin``) call
these same functions; both need the ``admin`` role (:func:`require_admin`).
Account changes that take rights away — deactivation, a new role or OPD, a new
password — end the account's sessions at once (:mod:`layers.accounts`).
"""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa

from gis.db import records
from gis.errors import InvalidParameter, NotFound
from gis.i18n import bilingual
from layers import accounts
from layers.accounts import Actor, require_role
from layers.audit import record

USER_FIELDS = ("name", "role", "opd_code", "active")


def require_admin(actor: Actor) -> None:
    """:class:`~gis.errors.Forbidden` unless ``actor`` is an admin."""
    require_role(actor, "admin")


def opd_choices(conn: sa.Connection) -> list[sa.Row]:
    """``(code, short_name)`` of the agencies staff can belong to (not the
    per-kelurahan offices), by code."""
    return conn.execute(
        sa.text(
            "SELECT code, short_name FROM opd WHERE kind <> 'kelurahan' ORDER BY code"
        )
    ).all()


# -- staff accounts ---------------------------------------------------------------


def users(conn: sa.Connection) -> list[dict]:
    """Every staff account with its live sessions and last sign-in."""
    return records(
        conn.execute(
            sa.text(
                "SELECT u.username, u.name, u.role, u.opd_code, u.active,"
                " u.created_at, (SELECT count(*) FROM staff_sessions s"
                "   WHERE s.user_id = u.id AND s.ended_at IS NULL) AS sessions,"
                " (SELECT max(at) FROM login_attempts a WHERE a.username ="
                "   u.username AND a.outcome = 'success') AS last_sign_in"
                " FROM users u ORDER BY u.active DESC, u.role, u.username"
            )
        )
    )


def _user(conn: sa.Connection, username: str) -> dict:
    row = conn.execute(
        sa.text(
            "SELECT username, name, role, opd_code, active FROM users"
            " WHERE username = :u"
        ),
        {"u": username},
    ).one_or_none()
    if row is None:
        raise NotFound(bilingual("No user {username}", username=username))
    return dict(row._mapping)


def add_user(
    conn: sa.Connection,
    actor: Actor,
    username: str,
    name: str,
    password: str,
    role: str,
    opd_code: str | None,
    now: datetime,
) -> int:
    """A new staff account (audited, its password never written); its id."""
    require_admin(actor)
    if not username.strip() or not name.strip():
        raise InvalidParameter(
            bilingual("Missing fields: {fields}", fields="username, name")
        )
    opd_code = opd_code or None
    user_id = accounts.create_user(
        conn, username.strip(), name.strip(), password, role, opd_code, now
    )
    record(
        conn,
        actor,
        "user",
        username.strip(),
        "create",
        {},
        {
            "name": name.strip(),
            "role": role,
            "opd_code": opd_code,
            "active": True,
            "password": True,
        },
        now,
    )
    return user_id


def change_user(
    conn: sa.Connection, actor: Actor, username: str, changes: dict, now: datetime
) -> int:
    """Apply ``changes`` (``name``, ``active``, ``role`` with ``opd_code``,
    ``password``) to an account, audited; returns how many sessions ended."""
    require_admin(actor)
    changes = dict(changes)
    before = _user(conn, username)
    name = changes.pop("name", None)
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InvalidParameter(bilingual("Wrong type for {field}", field="name"))
    if changes.get("role") == before["role"] and "opd_code" not in changes:
        changes.pop("role")
    if "opd_code" in changes and changes["opd_code"] == "":
        changes["opd_code"] = None
    if "active" in changes and changes["active"] == before["active"]:
        changes.pop("active")
    if "role" in changes and "opd_code" not in changes:
        changes["opd_code"] = (
            before["opd_code"] if changes["role"] == "opd_staff" else None
        )
    if (
        "opd_code" in changes
        and changes["opd_code"] == before["opd_code"]
        and changes.get("role", before["role"]) == before["role"]
    ):
        changes.pop("opd_code")
        changes.pop("role", None)
    ended = accounts.change_account(conn, username, changes, now) if changes else 0
    if name is not None and name.strip() != before["name"]:
        conn.execute(
            sa.text("UPDATE users SET name = :n WHERE username = :u"),
            {"n": name.strip(), "u": username},
        )
    elif name is None and not changes:
        raise InvalidParameter(bilingual("Nothing to change"))
    after = _user(conn, username)
    audited_before = {f: before[f] for f in USER_FIELDS}
    audited_after = {f: after[f] for f in USER_FIELDS}
    if "password" in changes:
        audited_before["password"], audited_after["password"] = True, True
    record(conn, actor, "user", username, "change", audited_before, audited_after, now)
    if ended:
        record(
            conn,
            actor,
            "user",
            username,
            "end_sessions",
            {"sessions": None},
            {"sessions": ended},
            now,
        )
    return ended


# -- API keys ---------------------------------------------------------------------


def api_keys(conn: sa.Connection) -> list[dict]:
    """Every API key (prefix, client, made, revoked); never the key itself."""
    return records(
        conn.execute(
            sa.text(
                "SELECT prefix, name, created_at, revoked_at FROM api_keys"
                " ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC"
            )
        )
    )


def add_api_key(conn: sa.Connection, actor: Actor, name: str, now: datetime) -> str:
    """A new key for client ``name`` (returned once; audited by its prefix)."""
    require_admin(actor)
    if not isinstance(name, str) or not name.strip():
        raise InvalidParameter(bilingual("Missing fields: {fields}", fields="name"))
    key = accounts.create_api_key(conn, name.strip(), now)
    record(conn, actor, "api_key", key[:8], "create", {}, {"name": name.strip()}, now)
    return key


def revoke_api_key(
    conn: sa.Connection, actor: Actor, prefix: str, now: datetime
) -> str:
    """Revoke the live key ``prefix…`` (audited); the client's name."""
    require_admin(actor)
    name = accounts.revoke_api_key(conn, prefix, now)
    record(
        conn,
        actor,
        "api_key",
        prefix,
        "revoke",
        {"revoked": False},
        {"revoked": True},
        now,
    )
    return name


# -- demo accounts ----------------------------------------------------------------

#: the demo's staff, one per role and one clerk per OPD that owns a category
#: (or a routing rule): username, role, OPD, name
DEMO_ACCOUNTS = (
    ("demo-admin", "admin", None, "Admin Demo"),
    ("demo-operator", "operator", None, "Operator Command Center"),
    ("demo-dpupr", "opd_staff", "DPUPR", "Staf Dinas PUPR"),
    ("demo-dlhk", "opd_staff", "DLHK", "Staf DLHK"),
    ("demo-dishub", "opd_staff", "DISHUB", "Staf Dishub"),
    ("demo-bpbd", "opd_staff", "BPBD", "Staf BPBD"),
    ("demo-pdam", "opd_staff", "PDAM", "Staf Perumda Air Minum"),
    ("demo-satpolpp", "opd_staff", "SATPOLPP", "Staf Satpol PP"),
    ("demo-disperkim", "opd_staff", "DISPERKIM", "Staf Disperkim"),
    ("demo-pupr-ntt", "opd_staff", "DPUPR_NTT", "Staf PUPR Provinsi"),
)
#: who the audit trail names for the demo's own changes
DEMO_ACTOR = Actor("demo", "system")


def ensure_demo_accounts(
    conn: sa.Connection, known: dict[str, str], now: datetime
) -> dict[str, str]:
    """Make every demo account exist, active, with its role and OPD; returns
    username → password. ``known`` holds the passwords handed out before: an
    account whose password is known keeps it, a new one (or one whose password
    was lost) gets a fresh random one. Audited; running it again changes nothing."""
    passwords: dict[str, str] = {}
    for username, role, opd_code, name in DEMO_ACCOUNTS:
        row = conn.execute(
            sa.text(
                "SELECT password_hash, role, opd_code, active FROM users"
                " WHERE username = :u"
            ),
            {"u": username},
        ).one_or_none()
        password = known.get(username)
        if row is None:
            password = password or secrets.token_urlsafe(9)
            accounts.create_user(conn, username, name, password, role, opd_code, now)
            record(
                conn,
                DEMO_ACTOR,
                "user",
                username,
                "create",
                {},
                {
                    "name": name,
                    "role": role,
                    "opd_code": opd_code,
                    "active": True,
                    "password": True,
                },
                now,
            )
        else:
            changes: dict[str, object] = {}
            if password is None or not accounts.verify_password(
                password, row.password_hash
            ):
                password = secrets.token_urlsafe(9)
                changes["password"] = password
            if (row.role, row.opd_code) != (role, opd_code):
                changes.update(role=role, opd_code=opd_code)
            if not row.active:
                changes["active"] = True
            if changes:
                before = {
                    "role": row.role,
                    "opd_code": row.opd_code,
                    "active": row.active,
                }
                accounts.change_account(conn, username, changes, now)
                after = {"role": role, "opd_code": opd_code, "active": True}
                if "password" in changes:
                    before["password"] = after["password"] = True
                record(conn, DEMO_ACTOR, "user", username, "change", before, after, now)
        passwords[username] = password
    return passwords
