"""Folium maps served at ``/maps/{kind}.html`` and the vendored browser assets at
``/static/vendor/…`` (so maps and pages never need a CDN)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from api.cache import ResponseCache, catalogue, conditional, data_etag
from api.db import get_connection, now, settings
from gis.errors import InvalidParameter
from gis.i18n import bilingual
from gis.maps import render_html
from gis.sld import read_styles
from layers.maps import build

#: what a map request may say; anything else is refused, not a new cache entry
PARAMETERS = ("category", "basemap", "since")


def make_blueprint() -> Blueprint:
    """The ``/maps`` blueprint (static assets are served by the app itself)."""
    blueprint = Blueprint("maps", __name__, url_prefix="/maps")
    cache = ResponseCache(entries=64)

    @blueprint.get("/<kind>.html")
    def folium_map(kind: str) -> Response:
        unknown = sorted(set(request.args) - set(PARAMETERS))
        if unknown:
            raise InvalidParameter(
                bilingual(
                    "Unknown parameter {names}; a map takes {known}",
                    names=", ".join(unknown),
                    known=", ".join(PARAMETERS),
                ),
                field=unknown[0],
            )
        category = request.args.get("category") or None
        basemap = request.args.get("basemap") or "none"
        since = request.args.get("since") or None
        conn = get_connection()
        layers = catalogue(conn, now())
        shown = layers.get(f"{kind}_{category}" if category else kind)
        # the key is what the map is made of, so no query string rebuilds it
        etag = data_etag(
            [shown] if shown else [], "map", kind, category, basemap, since
        )

        def render() -> Response:
            config = settings()
            target = build(
                conn,
                kind,
                layers,
                read_styles(config.styles_dir),
                category=category,
                basemap=basemap,
                since=since,
            )
            return Response(
                render_html(target, "/static/vendor"),
                content_type="text/html; charset=utf-8",
            )

        return conditional(
            etag, render, headers={"Cache-Control": "no-cache"}, cache=cache
        )

    return blueprint
