"""The city layers are published: their tables move the data version.

WMS, tiles and features answer repeats from the data version
(``sigap_data_version``); a new blackspot run or indicator period must move it,
or a client would keep yesterday's blackspots.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

VERSIONED = (
    "kelurahan_indicators",
    "city_runs",
    "blackspot_segments",
    "blackspot_junctions",
    "blackspot_clusters",
    "accident_kelurahan",
)


def upgrade() -> None:
    for table in VERSIONED:
        op.execute(
            f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR"
            f" DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT"
            " EXECUTE FUNCTION sigap_bump_data_version()"
        )


def downgrade() -> None:
    for table in VERSIONED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}")
