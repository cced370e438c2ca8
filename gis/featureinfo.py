"""GetFeatureInfo: the features a map actually drew at a pixel.

The pixel's position and a search tolerance (a few pixels for points and lines, the
pixel itself for polygons) are expressed in the map's CRS and matched in PostGIS;
only features that a rule of the style draws at the map's scale count — the same
filters and scale ranges as the renderer. At scales where a style aggregates points
(``point_count`` rules) the answer is the grid cell's count, as drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from gis.layer import Layer
from gis.render import (
    AGGREGATE_PROPERTY,
    CLUSTER_PIXELS,
    MapRequest,
    aggregate_rules,
    grid_cell_sql,
    time_filtered,
)
from gis.sld import Style
from gis.style_sql import rule_sql

TOLERANCE_PIXELS = {"point": 6, "line": 4, "polygon": 0}
SRID = {
    "EPSG:4326": 4326,
    "CRS:84": 4326,
    "EPSG:3857": 3857,
    "EPSG:900913": 3857,
    "EPSG:32751": 32751,
}


@dataclass(frozen=True)
class Pick:
    """Where the user clicked, in the map's CRS, and how big a pixel is there."""

    crs: str
    x: float
    y: float
    pixel_width: float
    pixel_height: float
    scale: float
    time: tuple | None = None


def pick_at(request: MapRequest, i: int, j: int, scale: float) -> Pick:
    """The centre of pixel column ``i``, row ``j`` (from the top left) of the map
    ``request`` draws at ``scale``."""
    minx, miny, maxx, maxy = request.bbox
    pixel_width = (maxx - minx) / request.width
    pixel_height = (maxy - miny) / request.height
    return Pick(
        request.crs,
        minx + (i + 0.5) * pixel_width,
        maxy - (j + 0.5) * pixel_height,
        pixel_width,
        pixel_height,
        scale,
        request.time,
    )


def features_at(
    conn: sa.Connection, layer: Layer, style: Style, pick: Pick, limit: int
) -> list[dict]:
    """Up to ``limit`` features of ``layer`` drawn at ``pick``, nearest first.

    Each is a dict of the layer's listed fields plus ``geometry`` (GeoJSON).
    """
    single, grouped = aggregate_rules(style)
    active = [r for r in single if r.applies_at(pick.scale)]
    aggregated = [r for r in grouped if r.applies_at(pick.scale)]
    srid = SRID[pick.crs]
    params = {
        "x": pick.x,
        "y": pick.y,
        "srid": srid,
        "limit": limit,
        "tx": pick.pixel_width * TOLERANCE_PIXELS[layer.kind],
        "ty": pick.pixel_height * TOLERANCE_PIXELS[layer.kind],
    }
    sql = time_filtered(layer, pick.time)
    point = "ST_SetSRID(ST_MakePoint(:x, :y), :srid)"
    if aggregated:
        # the renderer counts points on a grid of CLUSTER_PIXELS pixels measured
        # in EPSG:4326 degrees: find the clicked cell the same way
        found = conn.execute(
            sa.text(
                f"WITH p AS (SELECT ST_Transform({point}, 4326) AS geom,"
                " ST_Transform(ST_SetSRID(ST_MakePoint(:x + :pw, :y + :ph), :srid),"
                " 4326) AS step),"
                " cell AS (SELECT p.geom,"
                f" abs(ST_X(p.step) - ST_X(p.geom)) * {CLUSTER_PIXELS} AS w,"
                f" abs(ST_Y(p.step) - ST_Y(p.geom)) * {CLUSTER_PIXELS} AS h FROM p)"
                " SELECT count(*) AS n, ST_AsGeoJSON(ST_MakePoint(avg(ST_X(d.geom)),"
                f" avg(ST_Y(d.geom))), 6) FROM ({sql}) AS d, cell"
                " WHERE d.geom && ST_Expand(cell.geom, greatest(cell.w, cell.h) * 2)"
                f" AND ({grid_cell_sql('d.geom', 'cell.w', 'cell.h')})"
                f" = ({grid_cell_sql('cell.geom', 'cell.w', 'cell.h')})"
            ),
            {**params, "pw": pick.pixel_width, "ph": pick.pixel_height},
        ).one()
        if not found[0]:
            return []
        return [{AGGREGATE_PROPERTY: found[0], "geometry": found[1]}]
    if not active:
        return []
    condition = " OR ".join(rule_sql(style, r) for r in active)
    columns = ", ".join(f'd."{name}"' for name, _ in layer.columns)
    if layer.kind == "polygon":
        where = f"ST_Intersects(d.geom, ST_Transform({point}, 4326))"
        order = "1"
    else:
        box = (
            "ST_Transform(ST_MakeEnvelope(:x - :tx, :y - :ty, :x + :tx, :y + :ty,"
            " :srid), 4326)"
        )
        where = (
            f"d.geom && {box} AND ST_DWithin(ST_Transform(d.geom, :srid),"
            f" {point}, greatest(:tx, :ty))"
        )
        order = f"ST_Distance(ST_Transform(d.geom, :srid), {point})"
    rows = conn.execute(
        sa.text(
            f"SELECT {columns}, ST_AsGeoJSON(d.geom, 6) AS geometry FROM ({sql}) AS d"
            f" WHERE ({condition}) AND {where} ORDER BY {order} LIMIT :limit"
        ),
        params,
    ).all()
    return [dict(row._mapping) for row in rows]
