"""The city layers: accidents, population and poverty per kelurahan, blackspot runs.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
LATEST = "(SELECT max(id) FROM city_runs WHERE status = 'done' AND kind = 'blackspots')"
VIEWS = {
    "latest_blackspot_segments": "SELECT * FROM blackspot_segments"
    f" WHERE run_id = {LATEST}",
    "latest_blackspot_junctions": "SELECT * FROM blackspot_junctions"
    f" WHERE run_id = {LATEST}",
    "latest_blackspot_clusters": "SELECT * FROM blackspot_clusters"
    f" WHERE run_id = {LATEST}",
    # the newest period of each kelurahan: the denominators other analyses use
    "latest_kelurahan_indicators": "SELECT DISTINCT ON (kelurahan_kode) *"
    " FROM kelurahan_indicators ORDER BY kelurahan_kode, period DESC",
    "latest_accident_kelurahan": "SELECT a.*, k.nama, k.geom FROM accident_kelurahan a"
    f" JOIN kelurahan k ON k.kode = a.kelurahan_kode WHERE a.run_id = {LATEST}",
}


def run_id() -> sa.Column:
    return sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("city_runs.id", ondelete="CASCADE"),
        primary_key=True,
    )


def geometry(kind: str) -> Geometry:
    return Geometry(kind, srid=4326, nullable=False, spatial_index=False)


def site_columns() -> list[sa.Column]:
    return [
        sa.Column("accidents", sa.Integer, nullable=False),
        sa.Column("died", sa.Integer, nullable=False),
        sa.Column("serious_injuries", sa.Integer, nullable=False),
        sa.Column("minor_injuries", sa.Integer, nullable=False),
        sa.Column("pdo", sa.Integer, nullable=False),
        sa.Column("aek", sa.Float, nullable=False),
        sa.Column("exposure", sa.Float, nullable=False),
        sa.Column("rate", sa.Float, nullable=False),
        sa.Column("ucl", sa.Float, nullable=False),
        sa.Column("above_ucl", sa.Boolean, nullable=False),
        sa.Column("bka", sa.Float, nullable=False),
        sa.Column("above_bka", sa.Boolean, nullable=False),
        sa.Column("predicted", sa.Float, nullable=False),
        sa.Column("eb_expected", sa.Float, nullable=False),
        sa.Column("eb_excess", sa.Float, nullable=False),
        sa.Column("eb_rank", sa.Integer, nullable=False),
        sa.Column("blackspot", sa.Boolean, nullable=False),
    ]


def _accidents() -> None:
    op.create_table(
        "accidents",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("report_no", sa.Text, unique=True),
        sa.Column("occurred_at", TS, nullable=False),
        sa.Column("died", sa.Integer, nullable=False, server_default="0"),
        sa.Column("serious_injuries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("minor_injuries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pdo", sa.Boolean, nullable=False),
        sa.Column("severity", sa.Text),
        sa.Column("collision_type", sa.Text),
        sa.Column("vehicles", ARRAY(sa.Text)),
        sa.Column("road_name", sa.Text),
        sa.Column("km", sa.Float),
        sa.Column("cross_road", sa.Text),
        sa.Column("reference_place", sa.Text),
        sa.Column("light", sa.Text),
        sa.Column("weather", sa.Text),
        sa.Column("special_info", sa.Text),
        sa.Column("road_function", sa.Text),
        sa.Column("road_status", sa.Text),
        sa.Column("speed_limit", sa.Integer),
        sa.Column("loss_rp", sa.BigInteger),
        sa.Column("description", sa.Text),
        sa.Column("location_method", sa.Text, nullable=False),
        sa.Column(
            "road_id", sa.Integer, sa.ForeignKey("roads.id", ondelete="SET NULL")
        ),
        sa.Column("kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode")),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", geometry("POINT")),
        sa.CheckConstraint(
            "died >= 0 AND serious_injuries >= 0 AND minor_injuries >= 0",
            name="accidents_counts",
        ),
        sa.CheckConstraint(
            "NOT pdo OR died + serious_injuries + minor_injuries = 0",
            name="accidents_pdo_without_victims",
        ),
        sa.CheckConstraint(
            "severity IN ('ringan', 'sedang', 'berat')", name="accidents_severity"
        ),
        sa.CheckConstraint(
            "location_method IN ('coordinates', 'road_km', 'junction')",
            name="accidents_location_method",
        ),
        sa.CheckConstraint("km >= 0", name="accidents_km"),
    )
    op.create_index(
        "idx_accidents_geom", "accidents", ["geom"], postgresql_using="gist"
    )
    op.create_index("ix_accidents_occurred_at", "accidents", ["occurred_at"])
    op.create_index("ix_accidents_road", "accidents", ["road_id"])
    op.execute(
        "CREATE TRIGGER accidents_data_version AFTER INSERT OR UPDATE OR DELETE OR"
        " TRUNCATE ON accidents FOR EACH STATEMENT"
        " EXECUTE FUNCTION sigap_bump_data_version()"
    )


def _indicators() -> None:
    op.create_table(
        "kelurahan_indicators",
        sa.Column(
            "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), primary_key=True
        ),
        sa.Column("period", sa.Text, primary_key=True),
        sa.Column("population", sa.Integer, nullable=False),
        sa.Column("households", sa.Integer),
        sa.Column("area_km2", sa.Float),
        sa.Column("poor_people", sa.Integer),
        sa.Column("dtsen_d1_4_families", sa.Integer),
        sa.Column("pkh_families", sa.Integer),
        sa.Column("bpnt_families", sa.Integer),
        sa.Column("pbi_jk_people", sa.Integer),
        sa.Column("p3ke_extreme_families", sa.Integer),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_date", sa.Date),
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.CheckConstraint("population >= 0", name="kelurahan_indicators_population"),
        sa.CheckConstraint(
            "poor_people IS NULL OR poor_people <= population",
            name="kelurahan_indicators_poor_within_population",
        ),
    )


def _runs() -> None:
    op.create_table(
        "city_runs",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.Text, nullable=False, server_default="running"),
        sa.Column("window_start", TS, nullable=False),
        sa.Column("window_end", TS, nullable=False),
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("versions", JSONB, nullable=False),
        sa.Column("summary", JSONB, nullable=False, server_default="{}"),
        sa.Column("timings", JSONB, nullable=False, server_default="{}"),
        sa.Column("messages", JSONB, nullable=False, server_default="[]"),
        sa.CheckConstraint(
            "status IN ('running', 'done', 'failed')", name="city_runs_status"
        ),
    )
    op.create_table(
        "blackspot_segments",
        run_id(),
        sa.Column("road_id", sa.Integer, primary_key=True),
        sa.Column("road_name", sa.Text),
        sa.Column("road_class", sa.Text, nullable=False),
        *site_columns(),
        sa.Column("geom", geometry("LINESTRING")),
    )
    op.create_table(
        "blackspot_junctions",
        run_id(),
        sa.Column("junction_id", sa.Integer, primary_key=True),
        sa.Column("legs", sa.Integer, nullable=False),
        sa.Column("road_names", ARRAY(sa.Text), nullable=False),
        *site_columns(),
        sa.Column("geom", geometry("POINT")),
    )
    op.create_table(
        "blackspot_clusters",
        run_id(),
        sa.Column("cluster_id", sa.Integer, primary_key=True),
        sa.Column("accidents", sa.Integer, nullable=False),
        sa.Column("aek", sa.Float, nullable=False),
        sa.Column("died", sa.Integer, nullable=False),
        sa.Column("road_names", ARRAY(sa.Text), nullable=False),
        sa.Column("road_ids", ARRAY(sa.Integer), nullable=False),
        sa.Column("extent_m", sa.Float, nullable=False),
        sa.Column("geom", geometry("MULTIPOINT")),
    )
    op.create_table(
        "accident_kelurahan",
        run_id(),
        sa.Column(
            "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), primary_key=True
        ),
        sa.Column("accidents", sa.Integer, nullable=False),
        sa.Column("died", sa.Integer, nullable=False),
        sa.Column("serious_injuries", sa.Integer, nullable=False),
        sa.Column("minor_injuries", sa.Integer, nullable=False),
        sa.Column("population", sa.Integer),
        sa.Column("per_1000", sa.Float),
        sa.Column("road_km", sa.Float, nullable=False),
        sa.Column("per_road_km", sa.Float),
    )


def upgrade() -> None:
    _accidents()
    _indicators()
    _runs()
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW {name}")
    for table in (
        "accident_kelurahan",
        "blackspot_clusters",
        "blackspot_junctions",
        "blackspot_segments",
        "city_runs",
        "kelurahan_indicators",
        "accidents",
    ):
        op.drop_table(table)
