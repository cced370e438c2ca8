"""Mapbox vector tiles (``ST_AsMVT``) of published layers, in Web Mercator tiles.

The same scale-dependent idea as the WMS: when a layer's default style draws grid
aggregates at a tile's scale (its ``point_count`` rules), the tile carries grid
cells of :data:`CELL_PIXELS` pixels with a ``point_count`` instead of the single
points. Everything, including the protobuf encoding, happens in PostGIS.
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.errors import InvalidParameter
from gis.features import columns
from gis.i18n import bilingual
from gis.layer import Layer
from gis.render import aggregate_rules
from gis.sld import Style

EXTENT = 4096
BUFFER = 64
CELL_PIXELS = 16
MAX_ZOOM = 22
#: finest zoom of the database's count grid (layers with ``cells_table``)
CELLS_ZOOM = 13
CELL_DEGREES = f"(360.0 / 2 ^ {CELLS_ZOOM + 4})"
#: OGC scale denominator of zoom 0 for 256 px tiles (0.28 mm pixels)
ZOOM0_SCALE = 559_082_264.028717


def scale_at(zoom: int) -> float:
    return ZOOM0_SCALE / 2**zoom


def check_tile(z: int, x: int, y: int) -> None:
    """A 400 for tile coordinates that do not exist."""
    if not 0 <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        raise InvalidParameter(
            bilingual(
                "No tile {z}/{x}/{y}: zoom 0–{max}, x and y from 0 to 2^zoom − 1",
                z=z,
                x=x,
                y=y,
                max=MAX_ZOOM,
            )
        )


def aggregated(style: Style, zoom: int) -> bool:
    """Whether ``style`` draws grid aggregates at ``zoom``."""
    _, grouped = aggregate_rules(style)
    return any(rule.applies_at(scale_at(zoom)) for rule in grouped)


def tile(
    conn: sa.Connection,
    layer: Layer,
    style: Style,
    z: int,
    x: int,
    y: int,
    properties: set[str] | None = None,
) -> bytes:
    """The MVT tile ``z/x/y`` of ``layer`` (one MVT layer named like it).

    Features carry their id and ``properties`` (default: what the layer's styles
    draw by); the rest is one OGC API item request away. Encoding every attribute
    of 4 000 street-level points would triple the tile's cost.
    """
    check_tile(z, x, y)
    envelope = "ST_TileEnvelope(:z, :x, :y)"
    # a sub-select, so PostgreSQL computes the search box once (an InitPlan) and
    # probes the GIST index with it, instead of reprojecting it for every row
    search = (
        f"(SELECT ST_Transform(ST_TileEnvelope(:z, :x, :y, margin =>"
        f" {BUFFER}.0 / {EXTENT}), 4326))"
    )
    if aggregated(style, z) and layer.cells_table and z <= CELLS_ZOOM:
        # the database keeps counts on the 16-pixel cells of zoom 13; a coarser
        # tile groups them (the grids nest: a cell of zoom z is 2^(13-z) fine ones)
        box = "(SELECT ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS b)"
        factor = f"(2 ^ ({CELLS_ZOOM} - :z))"
        rows = (
            "SELECT sum(c.n)::integer AS point_count, ST_AsMVTGeom(ST_Transform("
            "ST_SetSRID(ST_MakePoint(sum(c.sx) / sum(c.n), sum(c.sy) / sum(c.n)),"
            f" 4326), 3857), {envelope}, {EXTENT}, {BUFFER}) AS geom"
            f" FROM {layer.cells_table} AS c, {box} AS e"
            f" WHERE c.cx BETWEEN floor(ST_XMin(e.b) / {CELL_DEGREES})"
            f" AND floor(ST_XMax(e.b) / {CELL_DEGREES})"
            f" AND c.cy BETWEEN floor(ST_YMin(e.b) / {CELL_DEGREES})"
            f" AND floor(ST_YMax(e.b) / {CELL_DEGREES}) AND c.n > 0"
            f" GROUP BY floor(c.cx / {factor}), floor(c.cy / {factor})"
            " HAVING sum(c.n) > 0"
        )
    elif aggregated(style, z):
        # cells are counted in degrees (no per-point reprojection); only the cell
        # positions are projected
        cell = f"360.0 / 2 ^ :z * {CELL_PIXELS} / 256"
        rows = (
            "SELECT count(*)::integer AS point_count, ST_AsMVTGeom(ST_Transform("
            "ST_SetSRID(ST_MakePoint(avg(ST_X(d.geom)), avg(ST_Y(d.geom))), 4326),"
            f" 3857), {envelope}, {EXTENT}, {BUFFER}) AS geom FROM ({layer.sql})"
            f" AS d WHERE d.geom && {search} GROUP BY floor(ST_X(d.geom) / ({cell})),"
            f" floor(ST_Y(d.geom) / ({cell}))"
        )
    else:
        wanted = _columns(conn, layer, properties or style.properties)
        rows = (
            f"SELECT {wanted}, ST_AsMVTGeom(ST_Transform(d.geom, 3857),"
            f" {envelope}, {EXTENT}, {BUFFER}) AS geom FROM ({layer.sql}) AS d"
            f" WHERE d.geom && {search}"
        )
    return conn.execute(
        sa.text(
            f"SELECT coalesce(ST_AsMVT(t.*, :name, {EXTENT}, 'geom'), '') FROM ({rows})"
            " AS t WHERE t.geom IS NOT NULL"
        ),
        {"z": z, "x": x, "y": y, "name": layer.name},
    ).scalar_one()


def _columns(conn: sa.Connection, layer: Layer, wanted: set[str]) -> str:
    """The id column and the ``wanted`` columns the layer has, quoted."""
    chosen = [c for c in columns(conn, layer) if c == layer.key or c in wanted]
    return ", ".join(f'd."{c}"' for c in chosen)
