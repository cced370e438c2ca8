"""Tables of analysis runs and their results (created by migration 0002).

Every result row carries the ``run_id`` of the run that made it; publishers read
the ``latest_*`` views, which show the newest finished run.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from gis.db import Base
from gis.runs import TS, result_geometry, run_id_column, runs_table
from layers.boundaries import kelurahan_key

metadata = Base.metadata


def _significance(prefix: str) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}_p", sa.Float),
        sa.Column(f"{prefix}_p_adjusted", sa.Float),
    ]


ANALYSIS_RUNS = runs_table(
    "analysis_runs",
    metadata,
    sa.Column("categories", ARRAY(sa.Text), nullable=False),
    sa.Column("seed", sa.Integer, nullable=False),
)
KELURAHAN_STATS = sa.Table(
    "kelurahan_stats",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    kelurahan_key(),
    sa.Column("complaints", sa.Integer, nullable=False),
    sa.Column("exposure", sa.Float, nullable=False),
    sa.Column("exposure_unit", sa.Text, nullable=False),
    sa.Column("rate", sa.Float, nullable=False),
    sa.Column("eb_rate", sa.Float, nullable=False),
    sa.Column("ranked", sa.Boolean, nullable=False),
    sa.Column("rank", sa.Integer, nullable=False),
    sa.Column("lisa_i", sa.Float),
    sa.Column("lisa_quadrant", sa.Text),
    *_significance("lisa"),
    sa.Column("lisa_class", sa.Text),
    sa.Column("gi_z", sa.Float),
    *_significance("gi"),
    sa.Column("gi_bin", sa.Integer),
)
GLOBAL_MORAN = sa.Table(
    "global_moran",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column("moran_i", sa.Float, nullable=False),
    sa.Column("expected_i", sa.Float, nullable=False),
    sa.Column("z_norm", sa.Float, nullable=False),
    sa.Column("p_sim", sa.Float, nullable=False),
)
HEX_CELLS = sa.Table(
    "hex_cells",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("hex_id", sa.BigInteger, primary_key=True),
    sa.Column("q", sa.Integer, nullable=False),
    sa.Column("r", sa.Integer, nullable=False),
    sa.Column("kelurahan_kode", sa.Text),
    result_geometry("POLYGON"),
    sa.Index("idx_hex_cells_geom", "geom", postgresql_using="gist"),
)
HEX_HOTSPOTS = sa.Table(
    "hex_hotspots",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column("hex_id", sa.BigInteger, primary_key=True),
    sa.Column("complaints", sa.Integer, nullable=False),
    sa.Column("gi_z", sa.Float, nullable=False),
    *_significance("gi"),
    sa.Column("gi_bin", sa.Integer, nullable=False),
    sa.Column("distance_band_m", sa.Float, nullable=False),
)


def _pattern_columns() -> list[sa.Column]:
    return [
        sa.Column("pattern", sa.Text, nullable=False),
        sa.Column("trend_tau", sa.Float, nullable=False),
        sa.Column("trend_z", sa.Float, nullable=False),
        sa.Column("trend_p", sa.Float, nullable=False),
        sa.Column("hot_bins", sa.Integer, nullable=False),
        sa.Column("cold_bins", sa.Integer, nullable=False),
        sa.Column("final_z", sa.Float, nullable=False),
    ]


EMERGING_HEX = sa.Table(
    "emerging_hex",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column("hex_id", sa.BigInteger, primary_key=True),
    *_pattern_columns(),
)
EMERGING_KELURAHAN = sa.Table(
    "emerging_kelurahan",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    kelurahan_key(),
    *_pattern_columns(),
)
DENSITY_RASTERS = sa.Table(
    "density_rasters",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("cell_size_m", sa.Float, nullable=False),
    sa.Column("bandwidth_m", sa.Float, nullable=False),
    sa.Column("bandwidth_rule", sa.Text, nullable=False),
    sa.Column("points", sa.Integer, nullable=False),
    sa.Column("max_density", sa.Float, nullable=False),
)
POLE_OUTAGES = sa.Table(
    "pole_outages",
    metadata,
    run_id_column("analysis_runs"),
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
ROAD_SEGMENT_STATS = sa.Table(
    "road_segment_stats",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column(
        "road_id",
        sa.Integer,
        sa.ForeignKey("roads.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("expected", sa.Float, nullable=False),
    *_significance("excess"),
    sa.Column("stands_out", sa.Boolean, nullable=False),
)
ROAD_CORRIDORS = sa.Table(
    "road_corridors",
    metadata,
    run_id_column("analysis_runs"),
    sa.Column("category_code", sa.Text, primary_key=True),
    sa.Column("corridor_id", sa.Integer, primary_key=True),
    sa.Column("road_ids", ARRAY(sa.Integer), nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("length_m", sa.Float, nullable=False),
    result_geometry("MULTILINESTRING"),
)
