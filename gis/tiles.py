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
from gis.render import aggregate_rules
from gis.sld import Style
from layers.published import PublishedLayer

EXTENT = 4096
BUFFER = 64
CELL_PIXELS = 16
MAX_ZOOM = 22
#: OGC scale denominator of zoom 0 for 256 px tiles (0.28 mm pixels)
ZOOM0_SCALE = 559_082_264.028717


def scale_at(zoom: int) -> float:
    return ZOOM0_SCALE / 2**zoom


def check_tile(z: int, x: int, y: int) -> None:
    """A 400 for tile coordinates that do not exist."""
    if not 0 <= z <= MAX_ZOOM or not (0 <= x < 2**z and 0 <= y < 2**z):
        raise InvalidParameter(bilingual(
            "No tile {z}/{x}/{y}: zoom 0–{max}, x and y from 0 to 2^zoom − 1",
            z=z, x=x, y=y, max=MAX_ZOOM))


def aggregated(style: Style, zoom: int) -> bool:
    """Whether ``style`` draws grid aggregates at ``zoom``."""
    _, grouped = aggregate_rules(style)
    return any(rule.applies_at(scale_at(zoom)) for rule in grouped)


def tile(conn: sa.Connection, layer: PublishedLayer, style: Style, z: int, x: int,
         y: int) -> bytes:
    """The MVT tile ``z/x/y`` of ``layer`` (one MVT layer named like it)."""
    check_tile(z, x, y)
    envelope = "ST_TileEnvelope(:z, :x, :y)"
    search = (f"ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => {BUFFER}.0"
              f" / {EXTENT}), 4326)")
    if aggregated(style, z):
        cell = f"(ST_XMax({envelope}) - ST_XMin({envelope})) * {CELL_PIXELS} / 256"
        rows = (
            "SELECT count(*)::integer AS point_count, ST_AsMVTGeom(ST_SetSRID("
            "ST_MakePoint(avg(m.mx), avg(m.my)), 3857), " + envelope
            + f", {EXTENT}, {BUFFER}) AS geom FROM (SELECT ST_X(p) AS mx,"
            " ST_Y(p) AS my FROM (SELECT ST_Transform(d.geom, 3857) AS p FROM"
            f" ({layer.sql}) AS d WHERE d.geom && {search}) AS q) AS m"
            f" GROUP BY floor(m.mx / ({cell})), floor(m.my / ({cell}))")
    else:
        rows = (f"SELECT d.*, ST_AsMVTGeom(ST_Transform(d.geom, 3857), {envelope},"
                f" {EXTENT}, {BUFFER}) AS mvt_geom FROM ({layer.sql}) AS d"
                f" WHERE d.geom && {search}")
        rows = (f"SELECT {_columns_without_geom(conn, layer)}, mvt_geom AS geom"
                f" FROM ({rows}) AS r")
    return conn.execute(sa.text(
        f"SELECT coalesce(ST_AsMVT(t.*, :name, {EXTENT}, 'geom'), '') FROM ({rows})"
        " AS t WHERE t.geom IS NOT NULL"),
        {"z": z, "x": x, "y": y, "name": layer.name}).scalar_one()


_COLUMNS: dict[str, str] = {}


def _columns_without_geom(conn: sa.Connection, layer: PublishedLayer) -> str:
    if layer.sql not in _COLUMNS:
        _COLUMNS[layer.sql] = ", ".join(f'r."{c}"' for c in columns(conn, layer))
    return _COLUMNS[layer.sql]
