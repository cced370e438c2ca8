"""SIGAP's own basemap: the city outline, kelurahan with their names and the road
network, as one compact GeoJSON document every map draws under its layers.

One document rather than a pyramid of vector tiles because it is what a phone
without signal can hold: a service worker caches this one response and the whole
city is there at every zoom (tiles are cached only where someone already looked).
Geometry is simplified to about a metre and written with 5 decimals (≈ 1 m),
roads are merged per name and class, so the city fits in a few hundred kilobytes
before compression.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

#: simplification tolerance in degrees (≈ 1.1 m at Kupang's latitude) and the
#: number of decimals GeoJSON keeps (5 ≈ 1.1 m)
TOLERANCE = 0.00001
DECIMALS = 5

_SQL = """
WITH kel AS (
  SELECT k.kode, k.nama, kc.nama AS kecamatan, k.area_km2,
         ST_SimplifyPreserveTopology(k.geom, :tol) AS geom,
         ST_PointOnSurface(k.geom) AS label
  FROM kelurahan k LEFT JOIN kecamatan kc ON kc.kode = k.kecamatan_kode
), rd AS (
  SELECT name, road_class,
         ST_Simplify(ST_LineMerge(ST_Collect(geom)), :tol) AS geom
  FROM roads GROUP BY name, road_class
)
SELECT json_build_object(
  'kota', (SELECT json_agg(json_build_object('type', 'Feature',
      'properties', json_build_object('nama', nama),
      'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tol), :dec)::json))
    FROM kota),
  'kelurahan', (SELECT json_agg(json_build_object('type', 'Feature',
      'properties', json_build_object('kode', kode, 'nama', nama,
         'kecamatan', kecamatan, 'area_km2', round(area_km2::numeric, 2),
         'label', json_build_array(round(ST_X(label)::numeric, :dec),
                                   round(ST_Y(label)::numeric, :dec))),
      'geometry', ST_AsGeoJSON(geom, :dec)::json) ORDER BY kode) FROM kel),
  'roads', (SELECT coalesce(json_agg(json_build_object('type', 'Feature',
      'properties', json_build_object('name', name, 'class', road_class),
      'geometry', ST_AsGeoJSON(geom, :dec)::json)
      ORDER BY array_position(ARRAY['lingkungan','lokal','kolektor','arteri'],
                              road_class), name), '[]')
    FROM rd WHERE NOT ST_IsEmpty(geom)),
  'bounds', (SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
    FROM (SELECT ST_Extent(geom)::geometry AS e FROM kota) b)
)::text
"""


def basemap(conn: sa.Connection) -> dict[str, object]:
    """The basemap document: ``kota``, ``kelurahan`` (with ``nama``,
    ``kecamatan``, ``area_km2`` and a ``label`` point inside each), ``roads``
    (``name``, ``class``; in drawing order, arterials last) as GeoJSON feature
    lists, and ``bounds`` ``[west, south, east, north]`` of the city."""
    return json.loads(basemap_json(conn))


def basemap_json(conn: sa.Connection) -> str:
    """:func:`basemap` as the JSON text PostGIS writes (served as is)."""
    return conn.execute(sa.text(_SQL), {"tol": TOLERANCE, "dec": DECIMALS}).scalar_one()
