"""The admin console: its audit trail, response templates, and admin edits that
survive a reload of the reference data.

``admin_audit`` is append-only: one row per changed field (who, when, which
record, before and after). ``response_templates`` are the reasons and public notes
operators pick when they reject or answer a report. Categories, routing rules and
holidays come from ``data/reference/`` until an admin changes them; from then on
the admin's version wins over the file (``categories.edited_at``, ``source``), and
a rule or holiday the admin switched off stays off (``active``).

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_audit",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("entity", sa.Text, nullable=False),
        sa.Column("entity_key", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("field", sa.Text),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
    )
    op.create_index("admin_audit_entity", "admin_audit", ["entity", "entity_key"])
    op.execute(
        "CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON"
        " admin_audit FOR EACH ROW EXECUTE FUNCTION sigap_append_only();"
        " CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit"
        " FOR EACH STATEMENT EXECUTE FUNCTION sigap_append_only();"
    )
    op.create_table(
        "response_templates",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("public_note", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.CheckConstraint(
            "kind IN ('reject', 'answer')", name="response_templates_kind"
        ),
        sa.CheckConstraint(
            "kind = 'reject' OR reason IS NULL", name="response_templates_reason"
        ),
    )
    op.add_column("categories", sa.Column("edited_at", sa.DateTime(timezone=True)))
    for table in ("routing_rules", "holidays"):
        op.add_column(
            table,
            sa.Column("source", sa.Text, nullable=False, server_default="reference"),
        )
        op.add_column(
            table,
            sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        )
    op.add_column(
        "holidays",
        sa.Column("kind", sa.Text, nullable=False, server_default="national"),
    )
    op.create_check_constraint(
        "holidays_kind", "holidays", "kind IN ('national', 'cuti_bersama')"
    )
    # the shipped calendar already names its collective leave days
    op.execute(
        "UPDATE holidays SET kind = 'cuti_bersama' WHERE name ILIKE 'cuti bersama%'"
    )


def downgrade() -> None:
    op.drop_constraint("holidays_kind", "holidays")
    op.drop_column("holidays", "kind")
    for table in ("routing_rules", "holidays"):
        op.drop_column(table, "active")
        op.drop_column(table, "source")
    op.drop_column("categories", "edited_at")
    op.drop_table("response_templates")
    op.drop_table("admin_audit")
