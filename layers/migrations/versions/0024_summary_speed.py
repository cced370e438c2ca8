"""The command room's glance matches the day's moves to tickets by scanning.

Yesterday's Past-SLA tile undoes the moves of the last 24 hours made by tickets
whose deadline had passed by then; those are found among the open tickets and
the day's closings as their indexes are read, instead of looking each moved
ticket up in ``complaints``. So both indexes carry the ticket's id (and the
closings' its report time and deadline), and neither scan visits the table.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02
"""

from alembic import op

from layers import rules

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def _backlog(include: list[str] | None) -> None:
    op.drop_index(rules.BACKLOG_INDEX, "complaints")
    op.create_index(
        rules.BACKLOG_INDEX,
        "complaints",
        ["status", "due_at", "reported_at"],
        postgresql_where=rules.BACKLOG_PREDICATE,
        postgresql_include=include or [],
    )


def _resolved(include: list[str]) -> None:
    op.drop_index("ix_complaints_resolved_at", "complaints")
    op.create_index(
        "ix_complaints_resolved_at",
        "complaints",
        ["resolved_at"],
        postgresql_include=include,
    )


def upgrade() -> None:
    _backlog(["id"])
    _resolved(["status", "id", "reported_at", "due_at"])


def downgrade() -> None:
    _resolved(["status"])
    _backlog(None)
