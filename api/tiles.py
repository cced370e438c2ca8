"""Vector tiles at ``/tiles/{layer}/{z}/{x}/{y}.pbf`` for the browser viewer."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from api.cache import ResponseCache, catalogue, clock_key, data_version, etag_for
from api.db import get_connection, now
from gis.errors import NotFound
from gis.i18n import bilingual
from gis.sld import read_styles
from gis.tiles import tile

MVT = "application/vnd.mapbox-vector-tile"


def make_blueprint() -> Blueprint:
    """The ``/tiles`` blueprint."""
    blueprint = Blueprint("tiles", __name__, url_prefix="/tiles")
    state: dict[str, object] = {}

    def styles() -> dict:
        if "styles" not in state:
            settings = current_app.config["SIGAP_SETTINGS"]
            state["styles"] = read_styles(settings.styles_dir)
            state["cache"] = ResponseCache()
        return state["styles"]

    @blueprint.get("/<name>/<int:z>/<int:x>/<int:y>.pbf")
    def vector_tile(name: str, z: int, x: int, y: int) -> Response:
        conn = get_connection()
        version = data_version(conn)
        layer = catalogue(conn, now(), version).get(name)
        if layer is None or layer.kind == "raster":
            raise NotFound(bilingual("Unknown vector layer {name}", name=name))
        etag = etag_for("tile", name, z, x, y, version, clock_key([layer], now()))
        headers = {
            "ETag": f'"{etag}"',
            "Cache-Control": "public, max-age=60",
            "Access-Control-Allow-Origin": "*",
        }
        if request.if_none_match.contains(etag):
            return Response(status=304, headers=headers)
        known = styles()
        cache: ResponseCache = state["cache"]  # type: ignore[assignment]
        cached = cache.get(etag)
        if cached is not None:
            return Response(cached[0], content_type=MVT, headers=headers)
        drawn_by = set().union(*(known[s].properties for s in layer.styles))
        body = bytes(tile(conn, layer, known[layer.styles[0]], z, x, y, drawn_by))
        cache.put(etag, body, MVT)
        return Response(body, content_type=MVT, headers=headers)

    return blueprint
