"""Command-centre GeoJSON feeds at ``/api/feeds/…`` for the dashboard.

``complaints`` (filters ``status`` — a SIGAP state or a group of
:class:`layers.status.Group`: ``untouched``, ``in_progress``, ``handled``,
``rejected`` — ``category``, ``kelurahan``, ``opd``, ``since``,
``limit``), ``red-flags``, ``hotspots`` (significant hot hexagons of a category)
and the city layers at ``city/<name>`` (:data:`layers.city.results.FEEDS`:
accidents with ``since``, blackspots, indicators, equity, streetlights, angkot
coverage, lit roads, angkot routes and stops, waste points, routes and coverage).
``/api/feeds`` lists them all.
Each is a FeatureCollection written by PostGIS, with an ETag from the request and
the data version (``If-None-Match`` → 304). No personal data: the features come
from the public layers of :mod:`layers.catalogue`.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from api import params
from api.cache import catalogue, conditional, data_etag
from api.db import get_connection, now
from gis.errors import InvalidParameter, NotFound
from gis.features import MAX_LIMIT, ItemQuery, items
from gis.i18n import bilingual
from gis.layer import Layer
from layers.analysis.results import hot_spots
from layers.city.results import FEEDS as CITY_FEEDS
from layers.status import Group, State, is_state

GEOJSON = "application/geo+json"
GROUPS = [g.value for g in Group]


def _limit() -> int:
    return params.integer(request.args, "limit", low=1, high=MAX_LIMIT, default=1000)


def _respond(layer: Layer, query: ItemQuery) -> Response:
    conn = get_connection()
    etag = data_etag([layer], request.full_path)

    def render() -> Response:
        page = items(conn, layer, query)
        body = (
            f'{{"type": "FeatureCollection", "numberMatched": {page.matched},'
            f' "numberReturned": {page.returned}, "features": [{page.features}]}}'
        )
        return Response(body, content_type=GEOJSON)

    return conditional(etag, render, headers={"Cache-Control": "no-cache"})


def _complaints_layer(status: str | None) -> tuple[Layer, dict[str, str]]:
    layer = catalogue(get_connection(), now())["complaints"]
    if status is None:
        return layer, {}
    if status in GROUPS:
        return layer, {"status_group": status}
    if is_state(status):
        return layer, {"status": status}
    raise InvalidParameter(
        bilingual(
            "status must be one of {values}",
            values=", ".join(GROUPS + [s.value for s in State]),
        ),
        field="status",
    )


def make_blueprint() -> Blueprint:
    """The ``/api/feeds`` blueprint."""
    blueprint = Blueprint("feeds", __name__, url_prefix="/api/feeds")

    @blueprint.get("/complaints")
    def complaints() -> Response:
        args = request.args
        layer, properties = _complaints_layer(args.get("status") or None)
        for arg, column in (
            ("category", "category_code"),
            ("kelurahan", "kelurahan_kode"),
            ("opd", "opd_code"),
        ):
            if args.get(arg):
                properties[column] = args[arg]
        since = params.interval(
            args, "since", bilingual("since must be a date or datetime (ISO 8601)")
        )
        interval = None if since is None else (since[0], None)
        # newest first is what a command centre reads (tickets grow with time)
        return _respond(
            layer, ItemQuery(None, interval, properties, _limit(), 0, descending=True)
        )

    @blueprint.get("/red-flags")
    def red_flags() -> Response:
        category = request.args.get("category")
        layers = catalogue(get_connection(), now())
        name = f"red_flags_{category}" if category else "red_flags"
        if name not in layers:
            raise NotFound(bilingual("Unknown category {code}", code=category))
        flag = request.args.get("flag")
        properties = {"flag": flag} if flag else {}
        return _respond(layers[name], ItemQuery(None, None, properties, _limit(), 0))

    @blueprint.get("/hotspots")
    def hotspots() -> Response:
        category = request.args.get("category", "")
        layers = catalogue(get_connection(), now())
        layer = layers.get(f"hex_{category}")
        if layer is None:
            raise NotFound(bilingual("Unknown category {code}", code=category))
        return _respond(hot_spots(layer), ItemQuery(None, None, {}, _limit(), 0))

    @blueprint.get("/city/<name>")
    def city(name: str) -> Response:
        layer = catalogue(get_connection(), now()).get(CITY_FEEDS.get(name, ""))
        if layer is None:
            raise NotFound(
                bilingual(
                    "Unknown city feed {name}; feeds: {names}",
                    name=name,
                    names=", ".join(CITY_FEEDS),
                )
            )
        since = params.interval(
            request.args,
            "since",
            bilingual("since must be a date or datetime (ISO 8601)"),
        )
        if since is not None and layer.time_field is None:
            raise InvalidParameter(
                bilingual("feed {name} has no time to filter by since", name=name),
                field="since",
            )
        interval = None if since is None else (since[0], None)
        return _respond(
            layer,
            ItemQuery(None, interval, {}, _limit(), 0, descending=since is not None),
        )

    @blueprint.get("")
    def index() -> Response:
        layers = catalogue(get_connection(), now())
        feeds = [
            {"name": "complaints", "href": "/api/feeds/complaints"},
            {"name": "red-flags", "href": "/api/feeds/red-flags"},
            {"name": "hotspots", "href": "/api/feeds/hotspots?category={code}"},
        ] + [
            {
                "name": f"city/{name}",
                "href": f"/api/feeds/city/{name}",
                "title": layers[layer].title_in(),
            }
            for name, layer in CITY_FEEDS.items()
            if layer in layers
        ]
        return jsonify({"feeds": feeds})

    return blueprint
