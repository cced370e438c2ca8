"""OGC API – Features Part 1 at ``/ogcapi`` (core, geojson, html, oas30).

Every published vector layer is a collection. ``items`` takes ``bbox`` (CRS84),
``datetime`` (instant or interval, open ends ``..``), ``limit`` (1–10 000,
default 10), ``offset`` and equality filters on any property; responses carry
``numberMatched``/``numberReturned`` and ``next``/``prev`` links. JSON is the
default, ``f=html`` (or a browser's ``Accept``) gives HTML. Feature pages are
``application/geo+json`` with an ETag from the request and the data version;
``If-None-Match`` gets 304. The public complaints collection never carries
reporter contact (it is not in the layer's SQL at all).
"""

from __future__ import annotations

import json
import urllib.parse

from flask import Blueprint, Response, render_template, request, url_for

from api import params
from api.cache import catalogue, conditional, data_etag
from api.db import get_connection, now
from gis.errors import InvalidParameter, NotFound, SigapError
from gis.features import MAX_LIMIT, ItemQuery, columns, extent, item, items
from gis.i18n import _, bilingual
from gis.layer import Layer
from gis.openapi import openapi_document

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GEOJSON = "application/geo+json"
RESERVED = {"f", "bbox", "datetime", "limit", "offset", "bbox-crs", "lang"}


def _wants_html() -> bool:
    chosen = params.choice(request.args, "f", ("json", "html"))
    if chosen:
        return chosen == "html"
    best = request.accept_mimetypes.best_match(
        ["application/json", GEOJSON, "text/html"]
    )
    return best == "text/html"


def _collections() -> dict[str, Layer]:
    return {
        name: layer
        for name, layer in catalogue(get_connection(), now()).items()
        if layer.kind != "raster"
    }


def _collection(name: str) -> Layer:
    found = _collections().get(name)
    if found is None:
        raise NotFound(bilingual("Unknown collection {name}", name=name))
    return found


def _link(href: str, rel: str, kind: str, title: str = "") -> dict[str, str]:
    link = {"href": href, "rel": rel, "type": kind}
    if title:
        link["title"] = title
    return link


def _page(template: str, title: str, **context: object) -> Response:
    """An HTML view (``templates/ogcapi/``) of what the JSON says."""
    return Response(
        render_template(f"ogcapi/{template}", title=title, **context),
        content_type="text/html; charset=utf-8",
    )


def _as_html(href: str) -> str:
    """A paging link of the JSON response, pointing at the HTML view instead."""
    return href + "&f=html"


def _json(body: object, kind: str = "application/json") -> Response:
    return Response(json.dumps(body, ensure_ascii=False), content_type=kind)


def _describe(layer: Layer, conn) -> dict:
    bbox, interval = extent(conn, layer)
    base = url_for("features.collection", name=layer.name, _external=True)
    described = {
        "id": layer.name,
        "title": f"{layer.title_in('id')} / {layer.title_in('en')}",
        "description": layer.abstract,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [bbox] if bbox else [], "crs": CRS84}},
        "links": [
            _link(base, "self", "application/json"),
            _link(base + "/items", "items", GEOJSON, "Features (GeoJSON)"),
            _link(base + "/items?f=html", "items", "text/html", "Features (HTML)"),
        ],
    }
    if interval:
        described["extent"]["temporal"] = {
            "interval": [interval],
            "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
        }
    return described


def _query(layer: Layer) -> ItemQuery:
    args = request.args
    bbox = params.bbox(args, "bbox")
    interval = params.interval(
        args,
        "datetime",
        bilingual(
            "datetime must be an RFC 3339 time or interval (start/end, .. for"
            " open ends)"
        ),
    )
    limit = params.integer(args, "limit", low=1, high=MAX_LIMIT, default=10)
    offset = params.integer(args, "offset", low=0, high=10**9, default=0)
    if args.get("bbox-crs") not in (None, CRS84):
        raise InvalidParameter(
            bilingual("Only CRS84 is supported for bbox-crs"), field="bbox-crs"
        )
    properties = {k: v for k, v in args.items() if k not in RESERVED}
    return ItemQuery(bbox, interval, properties, limit, offset)


def exception_response(error: SigapError) -> Response:
    """The OGC API exception: ``{"code", "description"}`` (the OGC exception code)
    with the error's own HTTP status."""
    response = _json({"code": error.ogc_code, "description": error.message})
    response.status_code = error.status
    return response


def make_blueprint() -> Blueprint:
    """The ``/ogcapi`` blueprint."""
    blueprint = Blueprint("features", __name__, url_prefix="/ogcapi")

    @blueprint.get("")
    @blueprint.get("/")
    def landing() -> Response:
        root = url_for("features.landing", _external=True).rstrip("/")
        links = [
            _link(root, "self", "application/json", "Landing page"),
            _link(root + "?f=html", "alternate", "text/html", "Landing page (HTML)"),
            _link(
                root + "/api",
                "service-desc",
                "application/vnd.oai.openapi+json;version=3.0",
                "OpenAPI 3.0",
            ),
            _link(
                root + "/conformance", "conformance", "application/json", "Conformance"
            ),
            _link(root + "/collections", "data", "application/json", "Collections"),
        ]
        if _wants_html():
            return _page(
                "landing.html",
                "SIGAP Kota Kupang — OGC API Features",
                json_url=root + "?f=json",
            )
        return _json(
            {
                "title": "SIGAP Kota Kupang",
                "description": bilingual(
                    "Complaints, city networks and analysis results"
                ),
                "links": links,
            }
        )

    @blueprint.get("/conformance")
    def conformance() -> Response:
        if _wants_html():
            return _page(
                "conformance.html",
                _("Conformance"),
                classes=CONFORMANCE,
                json_url=url_for("features.conformance", f="json"),
            )
        return _json({"conformsTo": CONFORMANCE})

    @blueprint.get("/collections")
    def collections() -> Response:
        if _wants_html():
            return _page(
                "collections.html",
                _("Collections"),
                layers=list(_collections().values()),
                json_url=url_for("features.collections", f="json"),
            )
        conn = get_connection()
        described = [_describe(layer, conn) for layer in _collections().values()]
        self = url_for("features.collections", _external=True)
        return _json(
            {
                "links": [_link(self, "self", "application/json")],
                "collections": described,
            }
        )

    @blueprint.get("/collections/<name>")
    def collection(name: str) -> Response:
        layer = _collection(name)
        described = _describe(layer, get_connection())
        if _wants_html():
            extent = described["extent"]
            return _page(
                "collection.html",
                layer.title_in(),
                collection=layer,
                bbox=(extent["spatial"]["bbox"] or [None])[0],
                interval=extent.get("temporal", {}).get("interval", [None])[0],
                json_url=url_for("features.collection", name=name, f="json"),
            )
        return _json(described)

    @blueprint.get("/collections/<name>/items")
    def collection_items(name: str) -> Response:
        layer = _collection(name)
        query = _query(layer)
        conn = get_connection()
        etag = data_etag([layer], request.full_path, request.host_url)

        def render() -> Response:
            page = items(conn, layer, query)
            base = url_for("features.collection_items", name=name, _external=True)
            args = {k: v for k, v in request.args.items() if k not in ("offset", "f")}

            def href(offset: int, fmt: str | None = None) -> str:
                pairs = {**args, "offset": offset, **({"f": fmt} if fmt else {})}
                return base + "?" + urllib.parse.urlencode(pairs)

            links = [
                _link(href(query.offset), "self", GEOJSON),
                _link(href(query.offset, "html"), "alternate", "text/html"),
                _link(
                    url_for("features.collection", name=name, _external=True),
                    "collection",
                    "application/json",
                ),
            ]
            if query.offset + page.returned < page.matched:
                links.append(_link(href(query.offset + query.limit), "next", GEOJSON))
            if query.offset > 0:
                links.append(
                    _link(href(max(query.offset - query.limit, 0)), "prev", GEOJSON)
                )
            if _wants_html():
                by_rel = {link["rel"]: link["href"] for link in links}
                features = json.loads(f"[{page.features}]")
                response = _page(
                    "items.html",
                    layer.title_in(),
                    collection=layer,
                    page=page,
                    features=features,
                    names=list(features[0]["properties"]) if features else [],
                    prev=by_rel.get("prev") and _as_html(by_rel["prev"]),
                    next=by_rel.get("next") and _as_html(by_rel["next"]),
                    json_url=href(query.offset, "json"),
                )
            else:
                stamp = now().isoformat(timespec="seconds")
                head = json.dumps(
                    {
                        "type": "FeatureCollection",
                        "numberMatched": page.matched,
                        "numberReturned": page.returned,
                        "timeStamp": stamp,
                        "links": links,
                    }
                )
                body = head[:-1] + ', "features": [' + page.features + "]}"
                response = Response(body, content_type=GEOJSON)
            return response

        return conditional(
            etag, render, headers={"Cache-Control": "public, max-age=30"}
        )

    @blueprint.get("/collections/<name>/items/<feature_id>")
    def single_item(name: str, feature_id: str) -> Response:
        layer = _collection(name)
        feature = json.loads(item(get_connection(), layer, feature_id))
        self = url_for(
            "features.single_item", name=name, feature_id=feature_id, _external=True
        )
        feature["links"] = [
            _link(self, "self", GEOJSON),
            _link(
                url_for("features.collection", name=name, _external=True),
                "collection",
                "application/json",
            ),
        ]
        if _wants_html():
            return _page(
                "item.html",
                f"{layer.title_in()}: {feature_id}",
                collection=layer,
                properties=feature["properties"],
                json_url=self + "?f=json",
            )
        return _json(feature, GEOJSON)

    @blueprint.get("/api")
    def openapi() -> Response:
        conn = get_connection()
        document = openapi_document(
            _collections(),
            lambda layer: columns(conn, layer),
            url_for("features.landing", _external=True).rstrip("/"),
            title="SIGAP Kota Kupang — OGC API Features",
            description="Complaints, city networks and analysis results of Kota Kupang",
        )
        return _json(document, "application/vnd.oai.openapi+json;version=3.0")

    return blueprint
