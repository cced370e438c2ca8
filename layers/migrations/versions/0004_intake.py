"""Intake: routing rules, follow tokens, duplicate windows, supporter details.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column(
        "categories",
        sa.Column("duplicate_days", sa.Integer, nullable=False, server_default="14"),
    )
    op.create_check_constraint(
        "categories_duplicate_days", "categories", "duplicate_days >= 0"
    )
    op.add_column("complaints", sa.Column("address", sa.Text))
    op.add_column(
        "complaints",
        sa.Column(
            "attributes", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")
        ),
    )
    op.create_table(
        "service_attributes",
        sa.Column(
            "service_code", sa.Text, sa.ForeignKey("categories.code"), primary_key=True
        ),
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("datatype", sa.Text, nullable=False),
        sa.Column("required", sa.Boolean, nullable=False),
        sa.Column("order", sa.Integer, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column(
            "values", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
        sa.CheckConstraint(
            "datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist',"
            " 'multivaluelist')",
            name="service_attributes_datatype",
        ),
    )
    op.create_table(
        "routing_rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "category_code", sa.Text, sa.ForeignKey("categories.code"), nullable=False
        ),
        sa.Column("road_class", sa.Text, nullable=False),
        sa.Column("within_m", sa.Float, nullable=False),
        sa.Column("opd_code", sa.Text, sa.ForeignKey("opd.code"), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint(
            "within_m > 0 AND within_m <= 500", name="routing_rules_within"
        ),
    )
    for column in ("name", "phone", "email"):
        op.add_column("complaint_supporters", sa.Column(column, sa.Text))
    op.add_column(
        "complaint_supporters",
        sa.Column(
            "photos", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
    )
    op.add_column(
        "complaint_supporters",
        sa.Column("split_into", sa.BigInteger, sa.ForeignKey("complaints.id")),
    )
    op.create_table(
        "follow_tokens",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column(
            "complaint_id",
            sa.BigInteger,
            sa.ForeignKey("complaints.id"),
            nullable=False,
        ),
        sa.Column(
            "supporter_id", sa.BigInteger, sa.ForeignKey("complaint_supporters.id")
        ),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_follow_tokens_complaint", "follow_tokens", ["complaint_id"])


def downgrade() -> None:
    op.drop_table("follow_tokens")
    for column in ("split_into", "photos", "email", "phone", "name"):
        op.drop_column("complaint_supporters", column)
    op.drop_table("routing_rules")
    op.drop_table("service_attributes")
    op.drop_column("complaints", "attributes")
    op.drop_column("complaints", "address")
    op.drop_constraint("categories_duplicate_days", "categories")
    op.drop_column("categories", "duplicate_days")
