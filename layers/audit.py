"""The admin audit trail: every change made in the console or the admin API,
one row per changed field, naming who, when, which record, before and after.

The table is append-only (the database refuses UPDATE and DELETE). Secrets are
never written: a new password or API key is recorded as changed, not as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import sqlalchemy as sa

from gis.db import Base
from layers.accounts import Actor

ADMIN_AUDIT = sa.Table(
    "admin_audit",
    Base.metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("entity", sa.Text, nullable=False),
    sa.Column("entity_key", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("field", sa.Text),
    sa.Column("before", sa.Text),
    sa.Column("after", sa.Text),
    sa.Index("admin_audit_entity", "entity", "entity_key"),
)
#: written instead of a secret's value
HIDDEN = "••••••"
SECRET_FIELDS = frozenset({"password", "api_key"})


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record(
    conn: sa.Connection,
    actor: Actor,
    entity: str,
    key: object,
    action: str,
    before: Mapping[str, object],
    after: Mapping[str, object],
    now: datetime,
) -> int:
    """Write one audit row per field whose value differs between ``before`` and
    ``after`` (a field missing on one side is None there); an action that changed
    no field (a revocation, a deletion) still gets one row. Returns rows written."""
    rows = []
    for field in sorted(set(before) | set(after)):
        old, new = _text(before.get(field)), _text(after.get(field))
        if field in SECRET_FIELDS:
            old, new = (HIDDEN if old else None), (HIDDEN if new else None)
        elif old == new:
            continue
        rows.append({"field": field, "before": old, "after": new})
    if not rows:
        rows.append({"field": None, "before": None, "after": None})
    conn.execute(
        sa.text(
            "INSERT INTO admin_audit (at, actor, entity, entity_key, action, field,"
            " before, after) VALUES (:at, :actor, :entity, :key, :action, :field,"
            " :before, :after)"
        ),
        [
            {
                **row,
                "at": now,
                "actor": actor.label,
                "entity": entity,
                "key": str(key),
                "action": action,
            }
            for row in rows
        ],
    )
    return len(rows)


def audit_log(
    conn: sa.Connection,
    limit: int = 200,
    entity: str | None = None,
    key: str | None = None,
) -> list[dict]:
    """The newest audit rows (optionally of one entity, or one record of it)."""
    return [
        dict(r._mapping)
        for r in conn.execute(
            sa.text(
                "SELECT id, at, actor, entity, entity_key, action, field, before,"
                " after FROM admin_audit WHERE (CAST(:entity AS text) IS NULL"
                " OR entity = :entity) AND (CAST(:key AS text) IS NULL"
                " OR entity_key = :key) ORDER BY id DESC LIMIT :limit"
            ),
            {"entity": entity, "key": key, "limit": limit},
        ).all()
    ]
