"""The OPD queue ranks in SQL: each ticket keeps its points that do not age.

A ticket's priority is its age against the SLA (moves with the clock), its
supporters, its category's severity and cluster (read live), and two parts that
do not change while the ticket is open: the class of the road it lies on and the
danger its description tells of. Those two need the roads' index and the
Python reader of danger words, so ranking an OPD's queue used to pull every
open ticket into Python. ``complaints.fixed_points`` keeps their sum and
``fixed_points_basis`` what it was worked out with (the danger rules, the
roads); the queue works out the missing or outdated ones first, then orders and
cuts the page in SQL. ``ix_complaints_open_queue`` carries both, so the ranking
still reads the index alone.

Working them out is not a change to the complaint: with ``sigap.fixed_points``
set, ``updated_at`` stays as it was (``layers/sql/complaints_before_write.sql``,
applied through :func:`layers.rules.apply`).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from layers import rules
from layers.status import OPEN, sql_in

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

QUEUE_COLUMNS = "id, ticket, category_code, kelurahan_kode, reported_at, due_at"


def _queue_index(extra: str = "") -> str:
    return (
        "CREATE INDEX ix_complaints_open_queue ON complaints (opd_code) INCLUDE"
        f" ({QUEUE_COLUMNS}{extra}) WHERE status IN {sql_in(OPEN)}"
    )


def upgrade() -> None:
    op.add_column("complaints", sa.Column("fixed_points", sa.Float))
    op.add_column("complaints", sa.Column("fixed_points_basis", sa.Text))
    rules.apply(op.get_bind())
    op.execute("DROP INDEX ix_complaints_open_queue")
    op.execute(_queue_index(", fixed_points, fixed_points_basis"))


def downgrade() -> None:
    op.execute("DROP INDEX ix_complaints_open_queue")
    op.execute(_queue_index())
    # the trigger function stays: without the setting it bumps updated_at as before
    op.drop_column("complaints", "fixed_points_basis")
    op.drop_column("complaints", "fixed_points")
