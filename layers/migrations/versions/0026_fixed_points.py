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
set for the statement, ``updated_at`` stays as it was.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from layers.status import OPEN, sql_in

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

BEFORE_WRITE = """
CREATE OR REPLACE FUNCTION sigap_complaints_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk import that assigned kelurahan set-based (same rule) sets
  -- sigap.kelurahan_assigned for its own transaction; everything else is looked up.
  IF TG_OP = 'INSERT' AND NEW.kelurahan_kode IS NOT NULL
     AND current_setting('sigap.kelurahan_assigned', true) = 'on' THEN
    NULL;
  ELSIF TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom) THEN
    NEW.kelurahan_kode := sigap_kelurahan_at(NEW.geom);
    IF NEW.kelurahan_kode IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'SG001',
        MESSAGE = format('location %s is outside Kota Kupang', ST_AsText(NEW.geom));
    END IF;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.ticket IS NULL THEN
    NEW.ticket := sigap_ticket(NEW.id, NEW.reported_at);
  END IF;
  IF TG_OP = 'UPDATE'{unless} THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
"""
#: the queue storing a ticket's fixed points is no change to the complaint
UNLESS_FIXED_POINTS = (
    "\n     AND current_setting('sigap.fixed_points', true) IS DISTINCT FROM 'on'"
)
QUEUE_COLUMNS = "id, ticket, category_code, kelurahan_kode, reported_at, due_at"


def _queue_index(extra: str = "") -> str:
    return (
        "CREATE INDEX ix_complaints_open_queue ON complaints (opd_code) INCLUDE"
        f" ({QUEUE_COLUMNS}{extra}) WHERE status IN {sql_in(OPEN)}"
    )


def upgrade() -> None:
    op.add_column("complaints", sa.Column("fixed_points", sa.Float))
    op.add_column("complaints", sa.Column("fixed_points_basis", sa.Text))
    op.execute(BEFORE_WRITE.format(unless=UNLESS_FIXED_POINTS))
    op.execute("DROP INDEX ix_complaints_open_queue")
    op.execute(_queue_index(", fixed_points, fixed_points_basis"))


def downgrade() -> None:
    op.execute("DROP INDEX ix_complaints_open_queue")
    op.execute(_queue_index())
    op.execute(BEFORE_WRITE.format(unless=""))
    op.drop_column("complaints", "fixed_points_basis")
    op.drop_column("complaints", "fixed_points")
