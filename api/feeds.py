"""Command-centre GeoJSON feeds at ``/api/feeds/…`` for the dashboard.

``complaints`` (filters ``status`` — a SIGAP state or a group of
:class:`layers.status.Group`: ``untouched``, ``in_progress``, ``handled``,
``rejected`` — ``category``, ``kelurahan``, ``opd``, ``since``,
``limit``), ``red-flags`` and ``hotspots`` (significant hot hexagons of a category).
Each is a FeatureCollection written by PostGIS, with an ETag from the request and
the data version (``If-None-Match`` → 304). No personal data: the features come
from the public layers of :mod:`layers.catalogue`.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from api.cache import catalogue, clock_key, data_version, etag_for
from api.db import get_connection, now
from gis.errors import InvalidParameter, NotFound
from gis.features import MAX_LIMIT, ItemQuery, items
from gis.i18n import bilingual
from gis.layer import Layer
from gis.timeutil import parse_interval
from layers.analysis.results import hot_spots
from layers.status import Group, State, is_state

GEOJSON = "application/geo+json"
GROUPS = [g.value for g in Group]


def _limit() -> int:
    raw = request.args.get("limit", "1000")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise InvalidParameter(
            bilingual(
                "{name} must be a whole number from {low} to {high}",
                name="limit",
                low=1,
                high=MAX_LIMIT,
            ),
            field="limit",
        )
    return int(raw)


def _respond(layer: Layer, query: ItemQuery) -> Response:
    conn = get_connection()
    etag = etag_for(request.full_path, data_version(conn), clock_key([layer], now()))
    headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache"}
    if request.if_none_match.contains(etag):
        return Response(status=304, headers=headers)
    page = items(conn, layer, query)
    body = (
        f'{{"type": "FeatureCollection", "numberMatched": {page.matched},'
        f' "numberReturned": {page.returned}, "features": [{page.features}]}}'
    )
    return Response(body, content_type=GEOJSON, headers=headers)


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
        interval = None
        if args.get("since"):
            try:
                interval = (parse_interval(args["since"])[0], None)
            except ValueError:
                raise InvalidParameter(
                    bilingual("since must be a date or datetime (ISO 8601)"),
                    field="since",
                ) from None
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

    return blueprint
