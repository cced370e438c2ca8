"""Feature queries for OGC API – Features and the GeoJSON feeds, built in PostGIS.

Every published vector layer (:mod:`layers.catalogue`) can be queried by bounding
box, time interval, attribute equality, limit and offset. PostGIS writes the GeoJSON
of each feature (``to_jsonb`` of the row for the properties, ``ST_AsGeoJSON`` for the
geometry) and joins them into one text, so Python never parses or re-serialises the
features of a 10 000-item page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from gis.errors import InvalidParameter, NotFound
from gis.i18n import bilingual
from gis.layer import Layer

MAX_LIMIT = 10_000
DECIMALS = 7


@dataclass(frozen=True)
class ItemQuery:
    bbox: tuple[float, float, float, float] | None = None  # CRS84
    interval: tuple[datetime | None, datetime | None] | None = None
    properties: dict[str, str] = field(default_factory=dict)
    limit: int = 10
    offset: int = 0
    #: id order reversed (tickets: newest first)
    descending: bool = False


@dataclass(frozen=True)
class ItemPage:
    features: str  # comma-joined GeoJSON Feature texts
    matched: int
    returned: int


_COLUMNS: dict[str, list[str]] = {}


def columns(conn: sa.Connection, layer: Layer) -> list[str]:
    """The property names of ``layer`` (its SQL's columns except the geometry)."""
    if layer.sql not in _COLUMNS:
        result = conn.execute(sa.text(f"SELECT * FROM ({layer.sql}) AS d LIMIT 0"))
        _COLUMNS[layer.sql] = [
            c
            for c in result.keys()  # noqa: SIM118
            if c != "geom"
        ]
    return _COLUMNS[layer.sql]


def _feature_sql(conn: sa.Connection, layer: Layer) -> tuple[str, str]:
    """(expression, FROM clause) writing each feature's GeoJSON text.

    Text is concatenated and the properties come from ``row_to_json`` of a lateral
    row: three times cheaper than ``json_build_object`` for a 10 000-feature page.
    """
    properties = ", ".join(f'd."{c}"' for c in columns(conn, layer))
    expression = (
        '\'{"type": "Feature", "id": \' || to_json(d."'
        + layer.key
        + '")::text || \', "geometry": \' || coalesce('
        f"ST_AsGeoJSON(d.geom, {DECIMALS}), 'null') || ', \"properties\": ' ||"
        " row_to_json(p)::text || '}'"
    )
    return expression, (f"({layer.sql}) AS d, LATERAL (SELECT {properties}) AS p")


def _where(
    conn: sa.Connection, layer: Layer, query: ItemQuery
) -> tuple[str, dict[str, object]]:
    clauses, params = [], {}
    if query.bbox is not None:
        clauses.append(
            "d.geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4326) AND"
            " ST_Intersects(d.geom, ST_MakeEnvelope(:x0, :y0, :x1, :y1,"
            " 4326))"
        )
        params.update(zip(("x0", "y0", "x1", "y1"), query.bbox))
    if query.interval is not None and layer.time_field:
        start, end = query.interval
        if start is not None:
            clauses.append(f'd."{layer.time_field}" >= :t0')
            params["t0"] = start
        if end is not None:
            clauses.append(f'd."{layer.time_field}" <= :t1')
            params["t1"] = end
    if query.properties:
        known = set(columns(conn, layer))
        for index, (name, value) in enumerate(sorted(query.properties.items())):
            if name not in known:
                raise InvalidParameter(
                    bilingual(
                        "Unknown property {name}; properties: {known}",
                        name=name,
                        known=", ".join(sorted(known)),
                    ),
                    field=name,
                )
            clauses.append(f'd."{name}"::text = :p{index}')
            params[f"p{index}"] = value
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def items(conn: sa.Connection, layer: Layer, query: ItemQuery) -> ItemPage:
    """One page of ``layer``'s features matching ``query``, ordered by id."""
    where, params = _where(conn, layer, query)
    matched = conn.execute(
        sa.text(f"SELECT count(*) FROM ({layer.sql}) AS d{where}"), params
    ).scalar_one()
    order = f'd."{layer.key}"{" DESC" if query.descending else ""}'
    expression, source = _feature_sql(conn, layer)
    row = conn.execute(
        sa.text(
            f"SELECT count(*), string_agg(feature, ',') FROM (SELECT"
            f" {expression} AS feature FROM {source}{where}"
            f" ORDER BY {order} LIMIT :limit OFFSET :offset) AS page"
        ),
        {**params, "limit": query.limit, "offset": query.offset},
    ).one()
    return ItemPage(row[1] or "", matched, row[0])


def item(conn: sa.Connection, layer: Layer, feature_id: str) -> str:
    """One feature's GeoJSON text; :class:`NotFound` when there is none."""
    expression, source = _feature_sql(conn, layer)
    found = conn.execute(
        sa.text(f'SELECT {expression} FROM {source} WHERE d."{layer.key}"::text = :id'),
        {"id": feature_id},
    ).scalar()
    if found is None:
        raise NotFound(
            bilingual(
                "Feature {id} not found in {layer}", id=feature_id, layer=layer.name
            )
        )
    return found


def extent(
    conn: sa.Connection, layer: Layer
) -> tuple[list[float] | None, list[str | None] | None]:
    """(CRS84 bbox, [first, last] time) of the layer's data."""
    time = (
        f', min(d."{layer.time_field}") AS t0, max(d."{layer.time_field}") AS t1'
        if layer.time_field
        else ""
    )
    row = conn.execute(
        sa.text(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)"
            + (", t0, t1" if time else "")
            + f" FROM (SELECT ST_Extent(d.geom) AS e{time}"
            f" FROM ({layer.sql}) AS d) AS x"
        )
    ).one()
    bbox = [round(v, 6) for v in row[:4]] if row[0] is not None else None
    interval = (
        [v.isoformat() if v else None for v in row[4:6]] if layer.time_field else None
    )
    return bbox, interval


def bounding_boxes(
    conn: sa.Connection, layer: Layer, srids: tuple[int, ...]
) -> dict[str, tuple[float, ...]]:
    """``{"EPSG:<srid>": (minx, miny, maxx, maxy)}`` of the layer's data in each of
    ``srids`` (axis order x, y; rounded to 6 decimals)."""
    parts = " UNION ALL ".join(
        f"SELECT {int(srid)} AS srid, ST_Extent(ST_Transform(d.geom, {int(srid)}))"
        f"::geometry AS b FROM ({layer.sql}) AS d"
        for srid in srids
    )
    rows = conn.execute(
        sa.text(
            "SELECT srid, ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)"
            f" FROM ({parts}) AS e"
        )
    ).all()
    return {f"EPSG:{r[0]}": tuple(round(v, 6) for v in r[1:]) for r in rows}


def time_range(conn: sa.Connection, layer: Layer) -> tuple[datetime, datetime] | None:
    """(first, last) value of the layer's time field; ``None`` without data."""
    row = conn.execute(
        sa.text(
            f'SELECT min(d."{layer.time_field}"), max(d."{layer.time_field}")'
            f" FROM ({layer.sql}) AS d"
        )
    ).one()
    return None if row[0] is None else (row[0], row[1])
