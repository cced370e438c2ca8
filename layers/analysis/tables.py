"""Tables of analysis runs and their results (created by migration 0002).

Every result row carries the ``run_id`` of the run that made it; publishers read
the ``latest_*`` views, which show the newest finished run.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from gis.db import Base, keys, optional, required
from gis.runs import TS, result_geometry, result_table, runs_table
from layers.boundaries import kelurahan_key

metadata = Base.metadata


FLOAT, INT, TEXT, BOOL = sa.Float, sa.Integer, sa.Text, sa.Boolean


def _significance(prefix: str) -> list[sa.Column]:
    return optional(**{f"{prefix}_p": FLOAT, f"{prefix}_p_adjusted": FLOAT})


def _result(name: str, *columns) -> sa.Table:
    return result_table(name, metadata, "analysis_runs", *columns)


def _category(*columns) -> list[sa.Column]:
    """The key of a result per complaint category, then more of its keys."""
    return [*keys(category_code=TEXT), *columns]


def _feature_key(name: str, table: str) -> sa.Column:
    """The key of a result per feature of ``table``: the feature's results go
    with it."""
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey(f"{table}.id", ondelete="CASCADE"),
        primary_key=True,
    )


ANALYSIS_RUNS = runs_table(
    "analysis_runs",
    metadata,
    sa.Column("categories", ARRAY(sa.Text), nullable=False),
    sa.Column("seed", sa.Integer, nullable=False),
)
KELURAHAN_STATS = _result(
    "kelurahan_stats",
    *_category(kelurahan_key()),
    *required(
        complaints=INT, exposure=FLOAT, exposure_unit=TEXT, rate=FLOAT, eb_rate=FLOAT
    ),
    *required(ranked=BOOL, rank=INT),
    *optional(lisa_i=FLOAT, lisa_quadrant=TEXT),
    *_significance("lisa"),
    *optional(lisa_class=TEXT, gi_z=FLOAT),
    *_significance("gi"),
    *optional(gi_bin=INT),
)
GLOBAL_MORAN = _result(
    "global_moran",
    *_category(),
    *required(moran_i=FLOAT, expected_i=FLOAT, z_norm=FLOAT, p_sim=FLOAT),
)
HEX_CELLS = _result(
    "hex_cells",
    *keys(hex_id=sa.BigInteger),
    *required(q=INT, r=INT),
    *optional(kelurahan_kode=TEXT),
    result_geometry("POLYGON"),
    sa.Index("idx_hex_cells_geom", "geom", postgresql_using="gist"),
)
HEX_HOTSPOTS = _result(
    "hex_hotspots",
    *_category(*keys(hex_id=sa.BigInteger)),
    *required(complaints=INT, gi_z=FLOAT),
    *_significance("gi"),
    *required(gi_bin=INT, distance_band_m=FLOAT),
)


def _pattern_columns() -> list[sa.Column]:
    return required(
        pattern=TEXT,
        trend_tau=FLOAT,
        trend_z=FLOAT,
        trend_p=FLOAT,
        hot_bins=INT,
        cold_bins=INT,
    ) + required(final_z=FLOAT)


EMERGING_HEX = _result(
    "emerging_hex", *_category(*keys(hex_id=sa.BigInteger)), *_pattern_columns()
)
EMERGING_KELURAHAN = _result(
    "emerging_kelurahan", *_category(kelurahan_key()), *_pattern_columns()
)
DENSITY_RASTERS = _result(
    "density_rasters",
    *_category(),
    *required(path=TEXT, cell_size_m=FLOAT, bandwidth_m=FLOAT, bandwidth_rule=TEXT),
    *required(points=INT, max_density=FLOAT),
)
POLE_OUTAGES = _result(
    "pole_outages",
    _feature_key("streetlight_id", "streetlights"),
    *required(pole_id=TEXT, reports=INT, weeks=INT, repeated=BOOL),
    *required(first_report=TS, last_report=TS),
)
ROAD_SEGMENT_STATS = _result(
    "road_segment_stats",
    *_category(_feature_key("road_id", "roads")),
    *required(reports=INT, expected=FLOAT),
    *_significance("excess"),
    *required(stands_out=BOOL),
)
ROAD_CORRIDORS = _result(
    "road_corridors",
    *_category(*keys(corridor_id=INT)),
    *required(road_ids=ARRAY(sa.Integer), reports=INT, length_m=FLOAT),
    result_geometry("MULTILINESTRING"),
)
