"""Forecasts of weekly complaint counts per kelurahan × category.

A run (``forecast_runs``, the shared run-log shape) records the complete WITA
weeks the model learnt from, its parameters and library versions; its rows
(``forecast_weeks``) hold the expected count, the negative-binomial dispersion
and the 95 % interval of each kelurahan × category in the weeks it forecasts.
The early warning compares the week's reports with them.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "forecast_runs",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.Text, nullable=False, server_default="running"),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
        sa.Column("week_start", sa.Date, nullable=False),
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("versions", JSONB, nullable=False),
        sa.Column("timings", JSONB, nullable=False, server_default="{}"),
        sa.Column("messages", JSONB, nullable=False, server_default="[]"),
        sa.CheckConstraint(
            "status IN ('running', 'done', 'failed')", name="forecast_runs_status"
        ),
    )
    op.create_table(
        "forecast_weeks",
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("forecast_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("week_start", sa.Date, primary_key=True),
        sa.Column("kelurahan_kode", sa.Text, primary_key=True),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column("expected", sa.Float, nullable=False),
        sa.Column("alpha", sa.Float, nullable=False),
        sa.Column("lower", sa.Integer, nullable=False),
        sa.Column("upper", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("forecast_weeks")
    op.drop_table("forecast_runs")
