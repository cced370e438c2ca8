"""Status rules from one place: the SQL rules read ``layers/sql/*.sql``.

The red flag and the SLA deadline are (re)created from ``layers/sql/`` through
:func:`layers.rules.apply`, their state sets filled in from ``layers.status``; the
texts run are the ones 0003 and 0005 created, so nothing changes but where they are
read. The partial index of unhandled complaints is renamed after what it holds
(``ix_complaints_open`` → ``ix_complaints_unhandled``): "open" means not finished.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from alembic import op

from layers import rules

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(f"ALTER INDEX ix_complaints_open RENAME TO {rules.UNHANDLED_INDEX}")
    rules.apply(op.get_bind())


def downgrade() -> None:
    # the functions' bodies are those 0003/0005 made: their own downgrades drop them
    op.execute(f"ALTER INDEX {rules.UNHANDLED_INDEX} RENAME TO ix_complaints_open")
