"""Folium maps served at ``/maps/{kind}.html`` and the vendored browser assets at
``/static/vendor/…`` (so maps and pages never need a CDN)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from api.cache import ResponseCache, catalogue, clock_key, data_version, etag_for
from api.db import get_connection, now
from gis.maps import build, render_html
from gis.sld import read_styles


def make_blueprint() -> Blueprint:
    """The ``/maps`` blueprint (static assets are served by the app itself)."""
    blueprint = Blueprint("maps", __name__, url_prefix="/maps")
    cache = ResponseCache(entries=64)

    @blueprint.get("/<kind>.html")
    def folium_map(kind: str) -> Response:
        conn = get_connection()
        layers = catalogue(conn, now())
        category = request.args.get("category") or None
        shown = layers.get(f"{kind}_{category}" if category else kind)
        etag = etag_for(
            request.full_path,
            data_version(conn),
            clock_key([shown] if shown else [], now()),
        )
        headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache"}
        if request.if_none_match.contains(etag):
            return Response(status=304, headers=headers)
        cached = cache.get(etag)
        if cached is None:
            settings = current_app.config["SIGAP_SETTINGS"]
            target = build(
                conn,
                kind,
                layers,
                read_styles(settings.data_dir.parent / "styles"),
                category=category,
                basemap=request.args.get("basemap", "none"),
                since=request.args.get("since") or None,
            )
            body = render_html(target, "/static/vendor").encode()
            cache.put(etag, body, "text/html; charset=utf-8")
        else:
            body = cached[0]
        return Response(body, content_type="text/html; charset=utf-8", headers=headers)

    return blueprint
