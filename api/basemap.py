"""``/api/basemap.json``: SIGAP's own basemap document (``layers.basemap``) that
``static/js/basemap.js`` draws under every map, plus the optional web tiles
configured by ``SIGAP_BASEMAP_URL``."""

from __future__ import annotations

import json

from flask import Blueprint, Response

from api.cache import ResponseCache, conditional, data_etag
from api.db import get_connection, settings
from layers.basemap import basemap


def make_blueprint() -> Blueprint:
    """The ``/api/basemap.json`` blueprint."""
    blueprint = Blueprint("basemap", __name__)
    cache = ResponseCache(entries=4)

    @blueprint.get("/api/basemap.json")
    def document() -> Response:
        conn = get_connection()
        config = settings()
        online = (
            {"url": config.basemap_url, "attribution": config.basemap_attribution}
            if config.basemap_url
            else None
        )
        etag = data_etag([], "basemap", json.dumps(online))

        def render() -> Response:
            body = {**basemap(conn), "online": online}
            return Response(
                json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                content_type="application/json",
            )

        # revalidated on every use (a 304 costs a few bytes); the service worker
        # keeps a copy for when there is no signal
        return conditional(
            etag, render, headers={"Cache-Control": "no-cache"}, cache=cache
        )

    return blueprint
