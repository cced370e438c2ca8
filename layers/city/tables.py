"""Tables of the city layers (created by migration 0010).

``accidents`` holds police accident records (never names or identity numbers),
``accident_days`` their counts per WITA day (migration 0025);
``kelurahan_indicators`` population and poverty aggregates per kelurahan and
period; ``city_runs`` and the ``blackspot_*`` tables the results of each blackspot
run, every row stamped with its ``run_id`` (the ``latest_blackspot_*`` views show
the newest finished run).
"""

from __future__ import annotations

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from gis.db import Base
from gis.runs import TS, result_geometry, run_id_column, runs_table
from layers.boundaries import kelurahan_key

metadata = Base.metadata

#: how a record got its point
LOCATION_METHODS = ("coordinates", "road_km", "junction")
SEVERITIES = ("ringan", "sedang", "berat")


ACCIDENTS = sa.Table(
    "accidents",
    metadata,
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
    sa.Column("road_id", sa.Integer, sa.ForeignKey("roads.id", ondelete="SET NULL")),
    sa.Column("kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode")),
    sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("source", sa.Text),
    sa.Column("geom", Geometry("POINT", srid=4326, nullable=False)),
    sa.CheckConstraint(
        "died >= 0 AND serious_injuries >= 0 AND minor_injuries >= 0",
        name="accidents_counts",
    ),
    sa.CheckConstraint(
        "NOT pdo OR died + serious_injuries + minor_injuries = 0",
        name="accidents_pdo_without_victims",
    ),
    sa.CheckConstraint(f"severity IN {SEVERITIES}", name="accidents_severity"),
    sa.CheckConstraint(
        f"location_method IN {LOCATION_METHODS}", name="accidents_location_method"
    ),
    sa.CheckConstraint("km >= 0", name="accidents_km"),
    sa.Index("ix_accidents_occurred_at", "occurred_at"),
    sa.Index("ix_accidents_road", "road_id"),
)
KELURAHAN_INDICATORS = sa.Table(
    "kelurahan_indicators",
    metadata,
    kelurahan_key(),
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
CITY_RUNS = runs_table(
    "city_runs",
    metadata,
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("summary", JSONB, nullable=False, server_default="{}"),
)


def run_outcome(conn: sa.Connection, run_id: int) -> tuple[dict, dict]:
    """The ``summary`` and step ``timings`` of the city run ``run_id``."""
    summary, timings = conn.execute(
        sa.select(CITY_RUNS.c.summary, CITY_RUNS.c.timings).where(
            CITY_RUNS.c.id == run_id
        )
    ).one()
    return summary, timings


def _victim_counts() -> list[sa.Column]:
    """How many accidents a result counts and their dead and injured."""
    return [
        sa.Column("accidents", sa.Integer, nullable=False),
        sa.Column("died", sa.Integer, nullable=False),
        sa.Column("serious_injuries", sa.Integer, nullable=False),
        sa.Column("minor_injuries", sa.Integer, nullable=False),
    ]


#: accidents per WITA calendar day (migration 0025), kept in step with
#: ``accidents`` by its statement-level triggers: what the panel's windows sum
ACCIDENT_DAYS = sa.Table(
    "accident_days",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),
    *_victim_counts(),
    sa.Column("pdo", sa.Integer, nullable=False),
)


def _site_columns() -> list[sa.Column]:
    """What a segment and a junction result share: counts, AEK, the three tests."""
    return [
        *_victim_counts(),
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


BLACKSPOT_SEGMENTS = sa.Table(
    "blackspot_segments",
    metadata,
    run_id_column("city_runs"),
    sa.Column("road_id", sa.Integer, primary_key=True),
    sa.Column("road_name", sa.Text),
    sa.Column("road_class", sa.Text, nullable=False),
    *_site_columns(),
    result_geometry("LINESTRING"),
)
BLACKSPOT_JUNCTIONS = sa.Table(
    "blackspot_junctions",
    metadata,
    run_id_column("city_runs"),
    sa.Column("junction_id", sa.Integer, primary_key=True),
    sa.Column("legs", sa.Integer, nullable=False),
    sa.Column("road_names", ARRAY(sa.Text), nullable=False),
    *_site_columns(),
    result_geometry("POINT"),
)
BLACKSPOT_CLUSTERS = sa.Table(
    "blackspot_clusters",
    metadata,
    run_id_column("city_runs"),
    sa.Column("cluster_id", sa.Integer, primary_key=True),
    sa.Column("accidents", sa.Integer, nullable=False),
    sa.Column("aek", sa.Float, nullable=False),
    sa.Column("died", sa.Integer, nullable=False),
    sa.Column("road_names", ARRAY(sa.Text), nullable=False),
    sa.Column("road_ids", ARRAY(sa.Integer), nullable=False),
    sa.Column("extent_m", sa.Float, nullable=False),
    result_geometry("MULTIPOINT"),
)
ACCIDENT_KELURAHAN = sa.Table(
    "accident_kelurahan",
    metadata,
    run_id_column("city_runs"),
    kelurahan_key(),
    *_victim_counts(),
    sa.Column("population", sa.Integer),
    sa.Column("per_1000", sa.Float),
    sa.Column("road_km", sa.Float, nullable=False),
    sa.Column("per_road_km", sa.Float),
)


# the results of a networks run (migration 0022): angkot coverage and lighting
ANGKOT_COVERAGE = sa.Table(
    "angkot_coverage",
    metadata,
    run_id_column("city_runs"),
    kelurahan_key(),
    sa.Column("population", sa.Integer),
    sa.Column("road_m", sa.Float, nullable=False),
    sa.Column("covered_m", sa.Float, nullable=False),
    sa.Column("residents_covered", sa.Integer),
    sa.Column("share", sa.Float),
    sa.Column("stops", sa.Integer, nullable=False),
    sa.Column("routes", ARRAY(sa.Text), nullable=False),
)
ANGKOT_ROUTE_COMPLAINTS = sa.Table(
    "angkot_route_complaints",
    metadata,
    run_id_column("city_runs"),
    sa.Column("route_code", sa.Text, primary_key=True),
    sa.Column("name", sa.Text),
    sa.Column("length_m", sa.Float, nullable=False),
    sa.Column("complaints", sa.Integer, nullable=False),
    sa.Column("open_complaints", sa.Integer, nullable=False),
    sa.Column("per_km", sa.Float, nullable=False),
    sa.Column("top_categories", ARRAY(sa.Text), nullable=False),
)
LIT_ROAD_PIECES = sa.Table(
    "lit_road_pieces",
    metadata,
    run_id_column("city_runs"),
    sa.Column("road_id", sa.Integer, primary_key=True),
    sa.Column("piece", sa.Integer, primary_key=True),
    sa.Column("road_name", sa.Text),
    sa.Column("road_class", sa.Text, nullable=False),
    sa.Column("kelurahan_kode", sa.Text),
    sa.Column("length_m", sa.Float, nullable=False),
    sa.Column("lit", sa.Boolean, nullable=False),
    sa.Column("nearest_working_m", sa.Float),
    result_geometry("LINESTRING"),
)
STREET_LIGHTING = sa.Table(
    "street_lighting",
    metadata,
    run_id_column("city_runs"),
    kelurahan_key(),
    sa.Column("road_m", sa.Float, nullable=False),
    sa.Column("lit_m", sa.Float, nullable=False),
    sa.Column("lit_share", sa.Float),
    sa.Column("poles", sa.Integer, nullable=False),
    sa.Column("dead", sa.Integer, nullable=False),
    sa.Column("damaged", sa.Integer, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("open_reports", sa.Integer, nullable=False),
)
