"""Server-side staff sessions, the sign-in audit trail, and what a move changed.

A signed cookie alone cannot be taken back: logout, deactivation, a role change or
a new password must end a session at once, so the cookie only carries a random
token whose hash is looked up here on every request. ``login_attempts`` records
every sign-in outcome; throttling and lockout count from it. A status event now
records every field its move changed (``changes``: field → [before, after]), so a
reassignment to another OPD is in the audit trail.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
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
    )
    op.create_index("staff_sessions_user", "staff_sessions", ["user_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("client_addr", sa.Text),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.CheckConstraint(
            "outcome IN ('success', 'failure', 'locked')",
            name="login_attempts_outcome",
        ),
    )
    op.create_index("login_attempts_user", "login_attempts", ["username", "at"])
    op.create_index("login_attempts_client", "login_attempts", ["client_addr", "at"])
    op.add_column("complaint_events", sa.Column("changes", JSONB))


def downgrade() -> None:
    op.drop_column("complaint_events", "changes")
    op.drop_table("login_attempts")
    op.drop_table("staff_sessions")
