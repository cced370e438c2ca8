"""The citizen app's report counter: one row per report it took in, so the
per-device and per-address hourly limits are counted by the database.

Only hashes of the device cookie and the client address are kept (no address in
the clear), and only as long as the limits look back (older rows are deleted as
new ones come in).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizen_submissions",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_hash", sa.Text, nullable=False),
        sa.Column("address_hash", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_citizen_submissions_device", "citizen_submissions", ["device_hash", "at"]
    )
    op.create_index(
        "ix_citizen_submissions_address",
        "citizen_submissions",
        ["address_hash", "at"],
    )


def downgrade() -> None:
    op.drop_table("citizen_submissions")
