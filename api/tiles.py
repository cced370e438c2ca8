"""Vector tiles at ``/tiles/{layer}/{z}/{x}/{y}.pbf`` for the browser viewer."""

from __future__ import annotations

from flask import Blueprint, Response

from api.cache import ResponseCache, catalogue, conditional, data_etag, data_version
from api.db import get_connection, now, settings
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
            config = settings()
            state["styles"] = read_styles(config.styles_dir)
            state["cache"] = ResponseCache()
        return state["styles"]

    @blueprint.get("/<name>/<int:z>/<int:x>/<int:y>.pbf")
    def vector_tile(name: str, z: int, x: int, y: int) -> Response:
        conn = get_connection()
        version = data_version(conn)
        layer = catalogue(conn, now(), version).get(name)
        if layer is None or layer.kind == "raster":
            raise NotFound(bilingual("Unknown vector layer {name}", name=name))
        etag = data_etag([layer], "tile", name, z, x, y, version=version)
        known = styles()
        drawn_by = set().union(*(known[s].properties for s in layer.styles))
        return conditional(
            etag,
            lambda: Response(
                bytes(tile(conn, layer, known[layer.styles[0]], z, x, y, drawn_by)),
                content_type=MVT,
            ),
            headers={
                "Cache-Control": "public, max-age=60",
                "Access-Control-Allow-Origin": "*",
            },
            cache=state["cache"],  # type: ignore[arg-type]
        )

    return blueprint
