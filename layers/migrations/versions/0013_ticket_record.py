"""What a move tells the reporter: a public note and the proof of the fix.

A status event's ``note`` is staff-only (it never leaves the console). The public
note is what the reporter and the public ticket page read; ``photos`` are the
photos a move carries (the after-photo when an OPD finishes), stored by the same
photo pipeline as a report's, and ``photo_geom`` is where they were taken.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import JSONB

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaint_events", sa.Column("public_note", sa.Text))
    op.add_column(
        "complaint_events",
        sa.Column(
            "photos", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
    )
    op.add_column(
        "complaint_events",
        sa.Column(
            "photo_geom",
            Geometry("POINT", srid=4326, spatial_index=False),
        ),
    )


def downgrade() -> None:
    for column in ("photo_geom", "photos", "public_note"):
        op.drop_column("complaint_events", column)
