"""Response templates: the reasons and public notes operators pick when they
reject or answer a report, kept by the admin (``response_templates``).

A ``reject`` template names one of :data:`layers.status.REJECTION_REASONS` and
the note the reporter reads; an ``answer`` template is a public note for any
other move. The shipped ones come from ``data/reference/response_templates.csv``
(loaded once, never over an admin's edit). Every change is audited.

This folder also holds the morning brief's page (``brief.html``).
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from gis.db import Base, records
from gis.errors import InvalidParameter, NotFound
from gis.i18n import bilingual
from layers.accounts import Actor
from layers.audit import record
from layers.status import REJECTION_REASONS

KINDS = ("reject", "answer")

RESPONSE_TEMPLATES = sa.Table(
    "response_templates",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("code", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("public_note", sa.Text, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.CheckConstraint("kind IN ('reject', 'answer')", name="response_templates_kind"),
    sa.CheckConstraint(
        "kind = 'reject' OR reason IS NULL", name="response_templates_reason"
    ),
)
FIELDS = ("kind", "reason", "title", "public_note", "active")


def load_response_templates(conn: sa.Connection, reference_dir: Path) -> int:
    """Add the shipped templates that are missing (an admin's edits stay)."""
    path = reference_dir / "response_templates.csv"
    if not path.exists():
        return 0
    with open(path, encoding="utf-8") as handle:
        rows = [
            {**row, "reason": row["reason"] or None} for row in csv.DictReader(handle)
        ]
    if not rows:
        return 0
    return conn.execute(
        sa.text(
            "INSERT INTO response_templates (code, kind, reason, title, public_note)"
            " VALUES (:code, :kind, :reason, :title, :public_note)"
            " ON CONFLICT (code) DO NOTHING"
        ),
        rows,
    ).rowcount


def response_templates(
    conn: sa.Connection,
    kind: str | None = None,
    reason: str | None = None,
    include_inactive: bool = False,
) -> list[dict]:
    """Templates (of one ``kind`` / rejection ``reason``), by kind, reason, title:
    ``id``, ``code``, ``kind``, ``reason``, ``title``, ``public_note``, ``active``."""
    return records(
        conn.execute(
            sa.text(
                "SELECT id, code, kind, reason, title, public_note, active"
                " FROM response_templates WHERE (CAST(:kind AS text) IS NULL"
                " OR kind = :kind) AND (CAST(:reason AS text) IS NULL"
                " OR reason = :reason) AND (active OR :all)"
                " ORDER BY kind DESC, reason NULLS LAST, title, id"
            ),
            {"kind": kind, "reason": reason, "all": include_inactive},
        )
    )


def response_template(conn: sa.Connection, template_id: int) -> dict:
    """One template by id; :class:`NotFound` if there is none."""
    row = conn.execute(
        sa.text(
            "SELECT id, code, kind, reason, title, public_note, active"
            " FROM response_templates WHERE id = :id"
        ),
        {"id": template_id},
    ).one_or_none()
    if row is None:
        raise NotFound(bilingual("No response template {id}", id=template_id))
    return dict(row._mapping)


def _clean(values: dict) -> dict:
    clean = {}
    for field in ("title", "public_note"):
        if field in values:
            text = values[field]
            if not isinstance(text, str) or not text.strip():
                raise InvalidParameter(
                    bilingual("{field} must not be empty", field=field), field=field
                )
            clean[field] = text.strip()
    if "kind" in values:
        if values["kind"] not in KINDS:
            raise InvalidParameter(
                bilingual("kind must be one of {kinds}", kinds=", ".join(KINDS)),
                field="kind",
            )
        clean["kind"] = values["kind"]
    if "reason" in values:
        reason = values["reason"] or None
        if reason is not None and reason not in REJECTION_REASONS:
            raise InvalidParameter(
                bilingual(
                    "reason must be one of {reasons}",
                    reasons=", ".join(REJECTION_REASONS),
                ),
                field="reason",
            )
        clean["reason"] = reason
    if "active" in values:
        if not isinstance(values["active"], bool):
            raise InvalidParameter(
                bilingual("Wrong type for {field}", field="active"), field="active"
            )
        clean["active"] = values["active"]
    return clean


def _check_pair(kind: str, reason: str | None) -> None:
    if kind == "reject" and reason is None:
        raise InvalidParameter(
            bilingual("A rejection template needs its reason"), field="reason"
        )
    if kind == "answer" and reason is not None:
        raise InvalidParameter(
            bilingual("Only a rejection template has a reason"), field="reason"
        )


def add_response_template(
    conn: sa.Connection, actor: Actor, values: dict, now: datetime
) -> dict:
    """A new template (``kind``, ``reason`` for a rejection, ``title``,
    ``public_note``); audited. Returns it as stored."""
    missing = [f for f in ("kind", "title", "public_note") if not values.get(f)]
    if missing:
        raise InvalidParameter(
            bilingual("Missing fields: {fields}", fields=", ".join(missing))
        )
    clean = _clean({**values, "reason": values.get("reason")})
    _check_pair(clean["kind"], clean["reason"])
    next_id = conn.execute(
        sa.text("SELECT coalesce(max(id), 0) + 1 FROM response_templates")
    ).scalar_one()
    row = conn.execute(
        sa.text(
            "INSERT INTO response_templates (code, kind, reason, title, public_note)"
            " VALUES (:code, :kind, :reason, :title, :public_note)"
            " RETURNING id, code, kind, reason, title, public_note, active"
        ),
        {**clean, "code": f"admin-{next_id}-{now:%Y%m%d%H%M%S}"},
    ).one()
    created = dict(row._mapping)
    record(
        conn,
        actor,
        "response_template",
        created["id"],
        "create",
        {},
        {f: created[f] for f in FIELDS},
        now,
    )
    return created


def change_response_template(
    conn: sa.Connection, actor: Actor, template_id: int, changes: dict, now: datetime
) -> dict:
    """Change a template's kind, reason, title, note or ``active``; audited."""
    before = response_template(conn, template_id)
    clean = _clean(changes)
    if not clean:
        raise InvalidParameter(bilingual("Nothing to change"))
    after = {**before, **clean}
    if after["kind"] == "answer" and "reason" not in clean:
        after["reason"] = None
    _check_pair(after["kind"], after["reason"])
    conn.execute(
        sa.text(
            "UPDATE response_templates SET kind = :kind, reason = :reason,"
            " title = :title, public_note = :public_note, active = :active"
            " WHERE id = :id"
        ),
        after,
    )
    record(
        conn,
        actor,
        "response_template",
        template_id,
        "change",
        {f: before[f] for f in FIELDS},
        {f: after[f] for f in FIELDS},
        now,
    )
    return after
