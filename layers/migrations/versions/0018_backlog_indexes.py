"""The command room's backlog and flow read indexes, not the whole table.

``ix_complaints_backlog`` holds the open complaints (``layers.status.OPEN``) with
their deadline and report time, so "how many are waiting, how many past the SLA,
the oldest" counts only what is open; ``ix_complaints_resolved_at`` finds what was
handled or rejected today; ``ix_complaint_events_at`` finds the moves of the last
day, from which the backlog of yesterday is rebuilt.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-02
"""

from alembic import op

from layers import rules

revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        f"CREATE INDEX {rules.BACKLOG_INDEX} ON complaints (status, due_at,"
        f" reported_at) WHERE {rules.BACKLOG_PREDICATE}"
    )
    # with what the counts read, so they never visit the tables' rows
    op.create_index(
        "ix_complaints_resolved_at",
        "complaints",
        ["resolved_at"],
        postgresql_include=["status"],
    )
    op.create_index(
        "ix_complaint_events_at",
        "complaint_events",
        ["at"],
        postgresql_include=["id", "complaint_id", "from_status", "to_status"],
    )


def downgrade() -> None:
    op.drop_index("ix_complaint_events_at", "complaint_events")
    op.drop_index("ix_complaints_resolved_at", "complaints")
    op.drop_index(rules.BACKLOG_INDEX, "complaints")
