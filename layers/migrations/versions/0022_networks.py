"""Angkot coverage and street lighting: the results of a networks run.

A ``city_runs`` row of kind ``networks`` stamps its rows: residents within a
walk of an angkot stop per kelurahan (``angkot_coverage``), complaints along
each angkot route (``angkot_route_complaints``), arterial and collector road
pieces lit by a working pole (``lit_road_pieces``) and their share per
kelurahan with the dead-lamp reports beside the poles recorded dead
(``street_lighting``). The ``latest_*`` views show the newest finished run;
every table moves the data version.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

LATEST = "(SELECT max(id) FROM city_runs WHERE status = 'done' AND kind = 'networks')"
TABLES = (
    "angkot_coverage",
    "angkot_route_complaints",
    "lit_road_pieces",
    "street_lighting",
)


def _run_id() -> sa.Column:
    return sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("city_runs.id", ondelete="CASCADE"),
        primary_key=True,
    )


def _kelurahan() -> sa.Column:
    return sa.Column(
        "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "angkot_coverage",
        _run_id(),
        _kelurahan(),
        sa.Column("population", sa.Integer),
        sa.Column("road_m", sa.Float, nullable=False),
        sa.Column("covered_m", sa.Float, nullable=False),
        sa.Column("residents_covered", sa.Integer),
        sa.Column("share", sa.Float),
        sa.Column("stops", sa.Integer, nullable=False),
        sa.Column("routes", ARRAY(sa.Text), nullable=False),
    )
    op.create_table(
        "angkot_route_complaints",
        _run_id(),
        sa.Column("route_code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("length_m", sa.Float, nullable=False),
        sa.Column("complaints", sa.Integer, nullable=False),
        sa.Column("open_complaints", sa.Integer, nullable=False),
        sa.Column("per_km", sa.Float, nullable=False),
        sa.Column("top_categories", ARRAY(sa.Text), nullable=False),
    )
    op.create_table(
        "lit_road_pieces",
        _run_id(),
        sa.Column("road_id", sa.Integer, primary_key=True),
        sa.Column("piece", sa.Integer, primary_key=True),
        sa.Column("road_name", sa.Text),
        sa.Column("road_class", sa.Text, nullable=False),
        sa.Column("kelurahan_kode", sa.Text),
        sa.Column("length_m", sa.Float, nullable=False),
        sa.Column("lit", sa.Boolean, nullable=False),
        sa.Column("nearest_working_m", sa.Float),
        sa.Column(
            "geom",
            Geometry("LINESTRING", srid=4326, nullable=False, spatial_index=False),
        ),
    )
    op.create_table(
        "street_lighting",
        _run_id(),
        _kelurahan(),
        sa.Column("road_m", sa.Float, nullable=False),
        sa.Column("lit_m", sa.Float, nullable=False),
        sa.Column("lit_share", sa.Float),
        sa.Column("poles", sa.Integer, nullable=False),
        sa.Column("dead", sa.Integer, nullable=False),
        sa.Column("damaged", sa.Integer, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("open_reports", sa.Integer, nullable=False),
    )
    for table in TABLES:
        op.execute(
            f"CREATE VIEW latest_{table} AS SELECT * FROM {table}"
            f" WHERE run_id = {LATEST}"
        )
        op.execute(
            f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR"
            f" DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT"
            " EXECUTE FUNCTION sigap_bump_data_version()"
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.execute(f"DROP VIEW IF EXISTS latest_{table}")
        op.drop_table(table)
