"""Waste collection: points (TPS, depo, bak sampah, kontainer), routes with their
schedule, and the results of the coverage and schedule analysis.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
DAYS = "ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]"
TABLES = ("waste_routes", "waste_points", "waste_schedule_checks", "waste_coverage")


def geometry(kind: str) -> Geometry:
    return Geometry(kind, srid=4326, nullable=False, spatial_index=False)


def upgrade() -> None:
    op.create_table(
        "waste_routes",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("collection_days", ARRAY(sa.SmallInteger), nullable=False),
        sa.Column("shift", sa.Text, nullable=False),
        sa.Column("opd_code", sa.Text),
        sa.Column("vehicle", sa.Text),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("MULTILINESTRING")),
        sa.CheckConstraint(
            "shift IN ('pagi', 'siang', 'malam')", name="waste_routes_shift"
        ),
        sa.CheckConstraint(
            f"cardinality(collection_days) > 0 AND collection_days <@ {DAYS}",
            name="waste_routes_days",
        ),
    )
    op.create_table(
        "waste_points",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("capacity_m3", sa.Float),
        sa.Column("status", sa.Text, nullable=False, server_default="aktif"),
        sa.Column(
            "route_code",
            sa.Text,
            sa.ForeignKey("waste_routes.code", ondelete="SET NULL", onupdate="CASCADE"),
        ),
        sa.Column("collection_days", ARRAY(sa.SmallInteger)),
        sa.Column("kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode")),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("POINT")),
        sa.CheckConstraint(
            "kind IN ('tps', 'tps3r', 'depo', 'bak_sampah', 'kontainer')",
            name="waste_points_kind",
        ),
        sa.CheckConstraint(
            "status IN ('aktif', 'penuh', 'rusak', 'nonaktif')",
            name="waste_points_status",
        ),
        sa.CheckConstraint(
            "capacity_m3 IS NULL OR capacity_m3 > 0", name="waste_points_capacity"
        ),
        sa.CheckConstraint(
            "collection_days IS NULL OR (cardinality(collection_days) > 0 AND"
            f" collection_days <@ {DAYS})",
            name="waste_points_days",
        ),
    )
    for table in ("waste_routes", "waste_points"):
        op.create_index(f"idx_{table}_geom", table, ["geom"], postgresql_using="gist")
    op.create_table(
        "waste_schedule_checks",
        sa.Column(
            "point_id",
            sa.Integer,
            sa.ForeignKey("waste_points.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("off_day_reports", sa.Integer, nullable=False),
        sa.Column("expected_off_share", sa.Float, nullable=False),
        sa.Column("p_value", sa.Float),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
    )
    op.create_table(
        "waste_coverage",
        sa.Column(
            "kelurahan_kode",
            sa.Text,
            sa.ForeignKey("kelurahan.kode"),
            primary_key=True,
        ),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("capacity_m3", sa.Float, nullable=False),
        sa.Column("population", sa.Integer),
        sa.Column("residents_covered", sa.Integer),
        sa.Column("covered_share", sa.Float),
        sa.Column("rubbish_reports", sa.Integer, nullable=False),
        sa.Column("reports_covered", sa.Integer, nullable=False),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
    )
    # published: a change must move the data version the caches answer from
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR"
            f" DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT"
            " EXECUTE FUNCTION sigap_bump_data_version()"
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
