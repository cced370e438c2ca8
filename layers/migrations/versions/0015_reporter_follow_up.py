"""Following up with the reporter: the message outbox and the reporter's answer.

``outbox`` holds every message a move owes a reporter, written in the move's own
transaction and emptied by ``sigap notify --daemon`` (claimed with ``FOR UPDATE
SKIP LOCKED``; sent, retried with a growing delay, or given up with its reason).
``complaint_feedback`` is the reporter's answer to "Sudah diperbaiki?" once a
ticket is done: fixed (with an optional 1–5 rating and comment) or not, which
reopens the ticket. One answer per follow token and resolution.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "event_id",
            sa.BigInteger,
            sa.ForeignKey("complaint_events.id"),
            nullable=False,
        ),
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id"),
            nullable=False,
        ),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("failed_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("event_id", "channel", "recipient", name="uq_outbox_event"),
        sa.CheckConstraint("channel IN ('email', 'webhook')", name="outbox_channel"),
    )
    op.create_index(
        "ix_outbox_due",
        "outbox",
        ["next_attempt_at"],
        postgresql_where=sa.text("sent_at IS NULL AND failed_at IS NULL"),
    )
    op.create_table(
        "complaint_feedback",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fixed", sa.Boolean, nullable=False),
        sa.Column("rating", sa.SmallInteger),
        sa.Column("comment", sa.Text),
        sa.Column(
            "event_id",
            sa.BigInteger,
            sa.ForeignKey("complaint_events.id"),
            nullable=False,
        ),
        sa.UniqueConstraint(
            "token_hash", "resolved_at", name="uq_complaint_feedback_answer"
        ),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 5",
            name="complaint_feedback_rating",
        ),
    )
    op.create_index(
        "ix_complaint_feedback_complaint", "complaint_feedback", ["complaint_id"]
    )


def downgrade() -> None:
    op.drop_table("complaint_feedback")
    op.drop_table("outbox")
