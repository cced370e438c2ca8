"""Map rendering with Mapnik, reading PostGIS directly, styled from SLD.

:class:`Renderer` turns a :class:`MapRequest` (layers with their styles, CRS,
extent, size, format, time window) into image bytes. Each layer becomes a Mapnik
layer over a PostGIS subquery (or a GDAL raster) with its SLD style translated by
:mod:`gis.mapnik_style`. Styles whose rules read ``point_count`` are *aggregating*:
at the scales of those rules the layer is drawn from a grid aggregate computed in
PostGIS (about :data:`CLUSTER_PIXELS` pixels per cell), so a city-wide tile never
draws 100 000 single points; the threshold is the rules' scale denominators.

Compiled Mapnik maps are cached per thread (a ``mapnik.Map`` is not thread-safe)
and keyed by everything but the extent and size.
"""

from __future__ import annotations

import io
import logging
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw

from gis.config import Settings
from gis.errors import Unavailable
from gis.i18n import bilingual
from gis.layer import Layer
from gis.mapnik_env import mapnik
from gis.mapnik_style import style_xml
from gis.sld import Rule, Style
from gis.style_sql import rule_sql

CLUSTER_PIXELS = 32
#: Kota Kupang and surroundings (lon/lat): lets Mapnik skip extent queries
CITY_EXTENT = "123.40,-10.40,123.80,-10.00"
SRS = {
    "EPSG:4326": "epsg:4326",
    "EPSG:3857": "epsg:3857",
    "EPSG:32751": "epsg:32751",
    "CRS:84": "epsg:4326",
    "EPSG:900913": "epsg:3857",
}
#: WMS formats → Mapnik encoders; zlib level 1 encodes tiles about 2 ms faster
#: than the default for slightly larger files
FORMATS = {
    "image/png": "png32:z=1",
    "image/png; mode=8bit": "png8:z=1",
    "image/png8": "png8:z=1",
    "image/png; mode=24bit": "png32:t=0:z=1",
    "image/png; mode=32bit": "png32:z=1",
    "image/jpeg": "jpeg85",
    "image/webp": "webp",
}
AGGREGATE_PROPERTY = "point_count"
MAPS_PER_THREAD = 64
#: pooled database connections per process (one per request thread)
POOL_SIZE = 16
#: what libpq says of a pooled connection the server has closed (a restart)
LOST_CONNECTION = (
    "server closed the connection",
    "terminating connection",
    "no connection to the server",
    "connection not open",
    "could not connect",
    "Connection refused",
    "the database system is",
    "SSL SYSCALL",
)

log = logging.getLogger(__name__)
T = TypeVar("T")


def error_image(
    message: str | None, width: int, height: int, fmt: str
) -> tuple[bytes, str]:
    """(bytes, media type) of a transparent ``width`` × ``height`` image in ``fmt``
    (PNG when unknown) with ``message`` written on it; ``None``: blank."""
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    if message is not None:
        ImageDraw.Draw(image).multiline_text(
            (5, 5), message[:400], fill=(180, 0, 0, 255)
        )
    out = io.BytesIO()
    target = "JPEG" if fmt == "image/jpeg" else "WEBP" if fmt == "image/webp" else "PNG"
    (image.convert("RGB") if target == "JPEG" else image).save(out, target)
    return out.getvalue(), fmt if fmt in FORMATS else "image/png"


@dataclass(frozen=True)
class MapRequest:
    layers: tuple[tuple[Layer, Style], ...]
    crs: str
    bbox: tuple[float, float, float, float]  # x/y order of the CRS's projection
    width: int
    height: int
    format: str = "image/png"
    transparent: bool = True
    background: str = "#ffffff"
    time: tuple[datetime, datetime] | None = None


def aggregate_rules(style: Style) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """(rules for single features, rules for grid aggregates) of ``style``."""
    single = tuple(r for r in style.rules if AGGREGATE_PROPERTY not in r.properties)
    grouped = tuple(r for r in style.rules if AGGREGATE_PROPERTY in r.properties)
    return single, grouped


def time_filtered(layer: Layer, window: tuple[datetime, datetime] | None) -> str:
    """The layer's SQL restricted to ``window`` [start, end] on its time column."""
    if window is None or layer.time_field is None:
        return layer.sql
    start, end = (moment.isoformat() for moment in window)
    return (
        f"SELECT * FROM ({layer.sql}) AS timed WHERE {layer.time_field}"
        f" >= '{start}'::timestamptz AND {layer.time_field} <="
        f" '{end}'::timestamptz"
    )


def styled_sql(sql: str, style: Style, rules: tuple[Rule, ...]) -> str:
    """``sql`` keeping only rows some rule draws at the map's scale.

    The style's filters and scale ranges run in PostGIS (Mapnik substitutes
    ``!scale_denominator!``), so e.g. a city-wide map does not fetch the 20 000
    local-road segments only to discard them.
    """
    conditions = []
    for rule in rules:
        parts = [rule_sql(style, rule)]
        if rule.min_scale is not None:
            parts.append(f"!scale_denominator! >= {rule.min_scale:g}")
        if rule.max_scale is not None:
            parts.append(f"!scale_denominator! < {rule.max_scale:g}")
        conditions.append("(" + " AND ".join(parts) + ")")
    if not conditions or "(TRUE)" in conditions:
        return sql
    return f"SELECT * FROM ({sql}) AS styled WHERE " + " OR ".join(conditions)


def grid_cell_sql(geom: str, width: str, height: str) -> str:
    """The integer grid cell of ``geom`` (cells ``width × height`` degrees)."""
    return f"floor(ST_X({geom}) / ({width})), floor(ST_Y({geom}) / ({height}))"


def _grid_sql(sql: str) -> str:
    # integer cell keys and an averaged position: four times faster than grouping
    # by ST_SnapToGrid geometries and collecting them
    width = f"!pixel_width! * {CLUSTER_PIXELS}"
    height = f"!pixel_height! * {CLUSTER_PIXELS}"
    return (
        f"SELECT count(*)::integer AS {AGGREGATE_PROPERTY},"
        " ST_SetSRID(ST_MakePoint(avg(ST_X(geom)), avg(ST_Y(geom))), 4326)"
        " AS geom FROM (" + sql + ") AS single WHERE geom && !bbox!"
        f" GROUP BY {grid_cell_sql('geom', width, height)}"
    )


class Renderer:
    """Renders :class:`MapRequest` objects against one SIGAP database."""

    def __init__(self, settings: Settings) -> None:
        url = urllib.parse.urlsplit(
            settings.database_url.replace("postgresql+psycopg://", "postgresql://")
        )
        self._connection = {
            "host": url.hostname or "",
            "port": str(url.port or 5432),
            "user": urllib.parse.unquote(url.username or ""),
            "password": urllib.parse.unquote(url.password or ""),
            "dbname": url.path.lstrip("/"),
        }
        self._local = threading.local()

    def _datasource(self, sql: str) -> str:
        params = {
            "type": "postgis",
            **self._connection,
            "table": f"({sql}) AS data",
            "geometry_field": "geom",
            "srid": "4326",
            "extent": CITY_EXTENT,
            "estimate_extent": "false",
            "persist_connection": "true",
            # one pooled connection per request thread
            "max_size": str(POOL_SIZE),
        }
        return (
            "<Datasource>"
            + "".join(
                f"<Parameter name={quoteattr(k)}>{escape(v)}</Parameter>"
                for k, v in params.items()
                if v
            )
            + "</Datasource>"
        )

    def map_xml(self, request: MapRequest) -> str:
        """The Mapnik XML of ``request`` (everything but extent and size)."""
        background = "transparent" if request.transparent else request.background
        styles, layers = [], []
        for index, (layer, style) in enumerate(request.layers):
            name = f"s{index}"
            if layer.kind == "raster":
                styles.append(style_xml(style, "raster", name))
                if layer.raster_path:
                    layers.append(
                        f'<Layer name="{layer.name}" srs="epsg:32751">'
                        f"<StyleName>{name}</StyleName><Datasource>"
                        '<Parameter name="type">gdal</Parameter>'
                        '<Parameter name="band">1</Parameter>'
                        '<Parameter name="file">'
                        f"{escape(layer.raster_path)}</Parameter>"
                        "</Datasource></Layer>"
                    )
                continue
            sql = time_filtered(layer, request.time)
            single, grouped = aggregate_rules(style)
            if single:
                styles.append(style_xml(style, layer.kind, name, single))
                layers.append(
                    f'<Layer name="{layer.name}" srs="epsg:4326">'
                    f"<StyleName>{name}</StyleName>"
                    f"{self._datasource(styled_sql(sql, style, single))}"
                    "</Layer>"
                )
            if grouped:
                styles.append(style_xml(style, layer.kind, name + "g", grouped))
                lowest = min(r.min_scale or 0 for r in grouped)
                layers.append(
                    f'<Layer name="{layer.name}_grid" srs="epsg:4326"'
                    f' minimum-scale-denominator="{lowest:g}">'
                    f"<StyleName>{name}g</StyleName>"
                    f"{self._datasource(_grid_sql(sql))}</Layer>"
                )
        return (
            f'<Map srs="{SRS[request.crs]}" background-color="{background}">'
            + "".join(styles)
            + "".join(layers)
            + "</Map>"
        )

    def _map(self, request: MapRequest) -> mapnik.Map:
        cache: OrderedDict = getattr(self._local, "maps", None) or OrderedDict()
        self._local.maps = cache
        key = (
            tuple(
                (layer.name, layer.sql, layer.raster_path, style.name)
                for layer, style in request.layers
            ),
            request.crs,
            request.transparent,
            request.background,
            request.time,
        )
        found = cache.get(key)
        if found is None:
            found = mapnik.Map(request.width, request.height)
            mapnik.load_map_from_string(found, self.map_xml(request))
            # WMS: the image covers exactly the requested BBOX, even if that
            # stretches pixels (Mapnik would otherwise grow the extent)
            found.aspect_fix_mode = mapnik.aspect_fix_mode.RESPECT
            cache[key] = found
            if len(cache) > MAPS_PER_THREAD:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return found

    def render(self, request: MapRequest) -> bytes:
        """The image of ``request`` in its format."""

        def draw() -> bytes:
            image = mapnik.Image(request.width, request.height)
            mapnik.render(self._view(request), image)
            return image.to_string(FORMATS[request.format])

        return self._through_database(draw)

    def scale_denominator(self, request: MapRequest) -> float:
        """The OGC scale denominator (0.28 mm pixels) of ``request``'s view."""
        return self._through_database(lambda: self._view(request).scale_denominator())

    def _view(self, request: MapRequest) -> mapnik.Map:
        m = self._map(request)  # building a map reads its layers' columns
        m.resize(request.width, request.height)
        m.zoom_to_box(mapnik.Box2d(*request.bbox))
        return m

    @staticmethod
    def _through_database(work: Callable[[], T]) -> T:
        """``work()``, again when the database dropped a pooled connection.

        After a restart every pooled connection is dead, and Mapnik discards
        each only when a query through it fails: such failures are retried (at
        most once per pooled connection), so the renderer recovers on its own; a
        database that stays away is :class:`Unavailable`.
        """
        for attempt in range(POOL_SIZE + 1):
            try:
                return work()
            except RuntimeError as error:
                if not any(sign in str(error) for sign in LOST_CONNECTION):
                    raise
                log.warning("map database connection lost (attempt %d)", attempt + 1)
        raise Unavailable(bilingual("The map database is not reachable"))
