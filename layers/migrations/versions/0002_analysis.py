"""Analysis runs and their result layers, with "latest" views for publishers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def run_id() -> sa.Column:
    return sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"),
        primary_key=True,
    )


def geometry(kind: str) -> Geometry:
    return Geometry(kind, srid=4326, nullable=False, spatial_index=False)


def significance(prefix: str) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}_p", sa.Float),
        sa.Column(f"{prefix}_p_adjusted", sa.Float),
    ]


LATEST = "(SELECT max(id) FROM analysis_runs WHERE status = 'done')"
VIEWS = {
    "latest_kelurahan_stats": "SELECT s.*, k.nama, k.geom FROM kelurahan_stats s"
    " JOIN kelurahan k ON k.kode = s.kelurahan_kode"
    f" WHERE s.run_id = {LATEST}",
    "latest_global_moran": f"SELECT * FROM global_moran WHERE run_id = {LATEST}",
    "latest_hex_hotspots": "SELECT h.*, c.kelurahan_kode, c.geom FROM hex_hotspots h"
    " JOIN hex_cells c ON c.run_id = h.run_id AND c.hex_id = h.hex_id"
    f" WHERE h.run_id = {LATEST}",
    "latest_emerging_hex": "SELECT e.*, c.kelurahan_kode, c.geom FROM emerging_hex e"
    " JOIN hex_cells c ON c.run_id = e.run_id AND c.hex_id = e.hex_id"
    f" WHERE e.run_id = {LATEST}",
    "latest_emerging_kelurahan": "SELECT e.*, k.nama, k.geom FROM emerging_kelurahan e"
    " JOIN kelurahan k ON k.kode = e.kelurahan_kode"
    f" WHERE e.run_id = {LATEST}",
    "latest_density_rasters": f"SELECT * FROM density_rasters WHERE run_id = {LATEST}",
    "latest_pole_outages": "SELECT o.*, s.geom FROM pole_outages o JOIN streetlights s"
    f" ON s.id = o.streetlight_id WHERE o.run_id = {LATEST}",
    "latest_road_segment_stats": "SELECT r.*, d.name, d.road_class, d.geom FROM"
    " road_segment_stats r"
    f" JOIN roads d ON d.id = r.road_id WHERE r.run_id = {LATEST}",
    "latest_road_corridors": f"SELECT * FROM road_corridors WHERE run_id = {LATEST}",
}


def upgrade() -> None:
    op.add_column(
        "categories",
        sa.Column("denominator", sa.Text, nullable=False, server_default="area_km2"),
    )
    op.create_check_constraint(
        "categories_denominator",
        "categories",
        "denominator IN ('area_km2', 'road_km', 'poles')",
    )
    op.create_table(
        "analysis_runs",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("started_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.Text, nullable=False, server_default="running"),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
        sa.Column("categories", ARRAY(sa.Text), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("versions", JSONB, nullable=False),
        sa.Column("timings", JSONB, nullable=False, server_default="{}"),
        sa.Column("messages", JSONB, nullable=False, server_default="[]"),
        sa.CheckConstraint(
            "status IN ('running', 'done', 'failed')", name="analysis_runs_status"
        ),
    )
    op.create_table(
        "kelurahan_stats",
        run_id(),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column(
            "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), primary_key=True
        ),
        sa.Column("complaints", sa.Integer, nullable=False),
        sa.Column("exposure", sa.Float, nullable=False),
        sa.Column("exposure_unit", sa.Text, nullable=False),
        sa.Column("rate", sa.Float, nullable=False),
        sa.Column("eb_rate", sa.Float, nullable=False),
        sa.Column("ranked", sa.Boolean, nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("lisa_i", sa.Float),
        sa.Column("lisa_quadrant", sa.Text),
        *significance("lisa"),
        sa.Column("lisa_class", sa.Text),
        sa.Column("gi_z", sa.Float),
        *significance("gi"),
        sa.Column("gi_bin", sa.Integer),
    )
    op.create_table(
        "global_moran",
        run_id(),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column("moran_i", sa.Float, nullable=False),
        sa.Column("expected_i", sa.Float, nullable=False),
        sa.Column("z_norm", sa.Float, nullable=False),
        sa.Column("p_sim", sa.Float, nullable=False),
    )
    op.create_table(
        "hex_cells",
        run_id(),
        sa.Column("hex_id", sa.BigInteger, primary_key=True),
        sa.Column("q", sa.Integer, nullable=False),
        sa.Column("r", sa.Integer, nullable=False),
        sa.Column("kelurahan_kode", sa.Text),
        sa.Column("geom", geometry("POLYGON")),
    )
    op.create_index(
        "idx_hex_cells_geom", "hex_cells", ["geom"], postgresql_using="gist"
    )
    op.create_table(
        "hex_hotspots",
        run_id(),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column("hex_id", sa.BigInteger, primary_key=True),
        sa.Column("complaints", sa.Integer, nullable=False),
        sa.Column("gi_z", sa.Float, nullable=False),
        *significance("gi"),
        sa.Column("gi_bin", sa.Integer, nullable=False),
        sa.Column("distance_band_m", sa.Float, nullable=False),
    )
    for table, key in (
        ("emerging_hex", sa.Column("hex_id", sa.BigInteger, primary_key=True)),
        (
            "emerging_kelurahan",
            sa.Column(
                "kelurahan_kode",
                sa.Text,
                sa.ForeignKey("kelurahan.kode"),
                primary_key=True,
            ),
        ),
    ):
        op.create_table(
            table,
            run_id(),
            sa.Column("category_code", sa.Text, primary_key=True),
            key,
            sa.Column("pattern", sa.Text, nullable=False),
            sa.Column("trend_tau", sa.Float, nullable=False),
            sa.Column("trend_z", sa.Float, nullable=False),
            sa.Column("trend_p", sa.Float, nullable=False),
            sa.Column("hot_bins", sa.Integer, nullable=False),
            sa.Column("cold_bins", sa.Integer, nullable=False),
            sa.Column("final_z", sa.Float, nullable=False),
        )
    op.create_table(
        "density_rasters",
        run_id(),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("cell_size_m", sa.Float, nullable=False),
        sa.Column("bandwidth_m", sa.Float, nullable=False),
        sa.Column("bandwidth_rule", sa.Text, nullable=False),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("max_density", sa.Float, nullable=False),
    )
    op.create_table(
        "pole_outages",
        run_id(),
        sa.Column(
            "streetlight_id",
            sa.Integer,
            sa.ForeignKey("streetlights.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("pole_id", sa.Text, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("weeks", sa.Integer, nullable=False),
        sa.Column("repeated", sa.Boolean, nullable=False),
        sa.Column("first_report", TS, nullable=False),
        sa.Column("last_report", TS, nullable=False),
    )
    op.create_table(
        "road_segment_stats",
        run_id(),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column(
            "road_id",
            sa.Integer,
            sa.ForeignKey("roads.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("expected", sa.Float, nullable=False),
        *significance("excess"),
        sa.Column("stands_out", sa.Boolean, nullable=False),
    )
    op.create_table(
        "road_corridors",
        run_id(),
        sa.Column("category_code", sa.Text, primary_key=True),
        sa.Column("corridor_id", sa.Integer, primary_key=True),
        sa.Column("road_ids", ARRAY(sa.Integer), nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("length_m", sa.Float, nullable=False),
        sa.Column("geom", geometry("MULTILINESTRING")),
    )
    for name, body in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {body}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table in (
        "road_corridors",
        "road_segment_stats",
        "pole_outages",
        "density_rasters",
        "emerging_kelurahan",
        "emerging_hex",
        "hex_hotspots",
        "hex_cells",
        "global_moran",
        "kelurahan_stats",
        "analysis_runs",
    ):
        op.drop_table(table)
    op.drop_constraint("categories_denominator", "categories")
    op.drop_column("categories", "denominator")
