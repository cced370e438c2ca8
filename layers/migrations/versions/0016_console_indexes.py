"""The staff console's lists: open complaints by report time, and by OPD.

The inbox and the OPD queue read the open complaints only (a few per cent of the
table once a city has years of history); these partial indexes let them skip the
closed ones instead of scanning every complaint. The state set comes from
:mod:`layers.status` (``OPEN``), as the other rules' do.

Revision ID: 0016
Revises: 0017
Create Date: 2026-12-02
"""

from alembic import op

from layers.status import OPEN, sql_in

revision = "0016"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    where = f"status IN {sql_in(OPEN)}"
    op.execute(
        "CREATE INDEX ix_complaints_open_reported ON complaints"
        f" (reported_at, id) WHERE {where}"
    )
    op.execute(
        "CREATE INDEX ix_complaints_open_opd ON complaints (opd_code, reported_at)"
        f" WHERE {where}"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_complaints_open_opd")
    op.execute("DROP INDEX ix_complaints_open_reported")
