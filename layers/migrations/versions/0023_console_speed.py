"""The staff console reads its pages from indexes of the open complaints.

* ``ix_complaints_open_inbox``: the inbox's order (state in work order, newest
  first), so a page of the open work is the first entries of the index;
* ``ix_complaints_open_facets``: every column the counts beside the filters read,
  so they come from the index alone, grouped in its order (and a filtered page
  is sorted out of it alone);
* ``ix_complaints_open_text``: trigrams of the description (``pg_trgm``), so a
  text search finds its open tickets without reading every description;
* ``ix_complaints_open_queue``: an OPD's open tickets with what their priority
  needs, so the OPD queue scores them from the index alone.

The state set comes from :mod:`layers.status` (``OPEN``, ``WORK_ORDER``), as the
other rules' do.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02
"""

from alembic import op

from layers.status import OPEN, sql_in, sql_work_rank

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    where = f"status IN {sql_in(OPEN)}"
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE INDEX ix_complaints_open_inbox ON complaints"
        f" (({sql_work_rank()}), reported_at DESC, id DESC) WHERE {where}"
    )
    op.execute(
        "CREATE INDEX ix_complaints_open_facets ON complaints (category_code,"
        " kelurahan_kode, opd_code, channel, status) INCLUDE (due_at, reported_at, id)"
        f" WHERE {where}"
    )
    op.execute(
        "CREATE INDEX ix_complaints_open_text ON complaints USING gin"
        f" (description gin_trgm_ops) WHERE {where}"
    )
    op.execute(
        "CREATE INDEX ix_complaints_open_queue ON complaints (opd_code) INCLUDE (id,"
        " ticket, category_code, kelurahan_kode, reported_at, due_at)"
        f" WHERE {where}"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_complaints_open_queue")
    op.execute("DROP INDEX ix_complaints_open_text")
    op.execute("DROP INDEX ix_complaints_open_facets")
    op.execute("DROP INDEX ix_complaints_open_inbox")
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
