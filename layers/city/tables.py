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

from gis.db import Base, keys, optional, required
from gis.runs import TS, result_geometry, result_table, runs_table
from layers.boundaries import kelurahan_key

metadata = Base.metadata


def feature_columns(geometry_type: str) -> list[sa.Column]:
    """The last columns of a city layer's table: whether the row is made-up demo
    data, where it was imported from, and its geometry (WGS 84)."""
    return [
        sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("source", sa.Text),
        sa.Column("geom", Geometry(geometry_type, srid=4326, nullable=False)),
    ]


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
    *feature_columns("POINT"),
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


FLOAT, INT, TEXT, BOOL = sa.Float, sa.Integer, sa.Text, sa.Boolean


def _result(name: str, *columns) -> sa.Table:
    return result_table(name, metadata, "city_runs", *columns)


def _victim_counts() -> list[sa.Column]:
    """How many accidents a result counts and their dead and injured."""
    return required(accidents=INT, died=INT, serious_injuries=INT, minor_injuries=INT)


#: accidents per WITA calendar day (migration 0025), kept in step with
#: ``accidents`` by its statement-level triggers: what the panel's windows sum
ACCIDENT_DAYS = sa.Table(
    "accident_days",
    metadata,
    *keys(day=sa.Date),
    *_victim_counts(),
    *required(pdo=INT),
)


def _site_columns() -> list[sa.Column]:
    """What a segment and a junction result share: counts, AEK, the three tests."""
    return [
        *_victim_counts(),
        *required(pdo=INT, aek=FLOAT, exposure=FLOAT, rate=FLOAT, ucl=FLOAT),
        *required(above_ucl=BOOL, bka=FLOAT, above_bka=BOOL, predicted=FLOAT),
        *required(eb_expected=FLOAT, eb_excess=FLOAT, eb_rank=INT, blackspot=BOOL),
    ]


BLACKSPOT_SEGMENTS = _result(
    "blackspot_segments",
    *keys(road_id=INT),
    *optional(road_name=TEXT),
    *required(road_class=TEXT),
    *_site_columns(),
    result_geometry("LINESTRING"),
)
BLACKSPOT_JUNCTIONS = _result(
    "blackspot_junctions",
    *keys(junction_id=INT),
    *required(legs=INT, road_names=ARRAY(sa.Text)),
    *_site_columns(),
    result_geometry("POINT"),
)
BLACKSPOT_CLUSTERS = _result(
    "blackspot_clusters",
    *keys(cluster_id=INT),
    *required(accidents=INT, aek=FLOAT, died=INT, road_names=ARRAY(sa.Text)),
    *required(road_ids=ARRAY(sa.Integer), extent_m=FLOAT),
    result_geometry("MULTIPOINT"),
)
ACCIDENT_KELURAHAN = _result(
    "accident_kelurahan",
    kelurahan_key(),
    *_victim_counts(),
    *optional(population=INT, per_1000=FLOAT),
    *required(road_km=FLOAT),
    *optional(per_road_km=FLOAT),
)


# the results of a networks run (migration 0022): angkot coverage and lighting
ANGKOT_COVERAGE = _result(
    "angkot_coverage",
    kelurahan_key(),
    *optional(population=INT),
    *required(road_m=FLOAT, covered_m=FLOAT),
    *optional(residents_covered=INT, share=FLOAT),
    *required(stops=INT, routes=ARRAY(sa.Text)),
)
ANGKOT_ROUTE_COMPLAINTS = _result(
    "angkot_route_complaints",
    *keys(route_code=TEXT),
    *optional(name=TEXT),
    *required(length_m=FLOAT, complaints=INT, open_complaints=INT, per_km=FLOAT),
    *required(top_categories=ARRAY(sa.Text)),
)
LIT_ROAD_PIECES = _result(
    "lit_road_pieces",
    *keys(road_id=INT, piece=INT),
    *optional(road_name=TEXT),
    *required(road_class=TEXT),
    *optional(kelurahan_kode=TEXT),
    *required(length_m=FLOAT, lit=BOOL),
    *optional(nearest_working_m=FLOAT),
    result_geometry("LINESTRING"),
)
STREET_LIGHTING = _result(
    "street_lighting",
    kelurahan_key(),
    *required(road_m=FLOAT, lit_m=FLOAT),
    *optional(lit_share=FLOAT),
    *required(poles=INT, dead=INT, damaged=INT, reports=INT, open_reports=INT),
)
