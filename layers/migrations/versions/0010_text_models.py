"""Text models: the complaint-category classifier, versioned like analysis runs.

Each row is one training: the window of confirmed tickets it learnt from, its
parameters and seed, metrics on a held-out split of those tickets, the library
versions, and the fitted model itself (``artefact``, with its SHA-256).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "text_models",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("trained_at", TS, nullable=False),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
        sa.Column("trained_on", sa.Integer, nullable=False),
        sa.Column("held_out", sa.Integer, nullable=False),
        sa.Column("labels", ARRAY(sa.Text), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("metrics", JSONB, nullable=False),
        sa.Column("versions", JSONB, nullable=False),
        sa.Column("timings", JSONB, nullable=False),
        sa.Column("artefact", sa.LargeBinary, nullable=False),
        sa.Column("artefact_sha256", sa.Text, nullable=False),
        sa.CheckConstraint("kind IN ('category')", name="text_models_kind"),
    )
    op.create_index("text_models_kind_id", "text_models", ["kind", "id"])


def downgrade() -> None:
    op.drop_table("text_models")
