"""OGC WMS 1.3.0 and 1.1.1 at ``/wms``: GetCapabilities, GetMap, GetFeatureInfo,
GetLegendGraphic and GetStyles.

This module only translates HTTP: it parses and checks parameters (raising the
:mod:`gis.errors` subclass carrying the OGC code), and calls :mod:`gis.render`,
:mod:`gis.featureinfo` and :mod:`gis.legend` over the catalogue in
:mod:`layers.catalogue` and the SLD files in ``styles/``. Any parameter combination
gets either a result or a ServiceExceptionReport (:mod:`api.wms_errors`, the
WMS formatter :mod:`api.errors` calls) — never a stack trace. Responses
carry an ETag derived from the request and the database's data version
(``sigap_data_version``), so repeats are answered from memory or with 304.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from flask import Blueprint, Response, g, render_template, request

from api.cache import ResponseCache, catalogue, conditional, data_etag, data_version
from api.db import get_connection, now, settings
from api.params import integer, positive_number
from api.wms_capabilities import (
    INFO_FORMATS,
    capabilities,
    in_language,
    response_language,
)
from api.wms_params import (
    MAX_SIZE,
    bbox_of,
    crs_of,
    param,
    time_window,
    version_of,
)
from gis.errors import (
    InvalidFormat,
    InvalidParameter,
    InvalidPoint,
    LayerNotDefined,
    LayerNotQueryable,
    OperationNotSupported,
    StyleNotDefined,
    require_choice,
)
from gis.featureinfo import features_at, pick_at
from gis.i18n import _, bilingual
from gis.layer import Layer
from gis.legend import legend_png
from gis.render import FORMATS, MapRequest, Renderer
from gis.sld import Style, read_styles, styles_document
from gis.timeutil import WITA


class WmsService:
    """Per-application state: styles, renderer, response cache."""

    def __init__(self, settings) -> None:
        self.settings = settings
        self.styles: dict[str, Style] = read_styles(settings.styles_dir)
        self.renderer = Renderer(settings)
        self.cache = ResponseCache()
        #: when this process first saw each data version (for Last-Modified)
        self.seen: dict[int, datetime] = {}

    def modified_at(self, version: int) -> datetime:
        if version not in self.seen:
            if len(self.seen) > 1000:
                self.seen.clear()
            self.seen[version] = now().replace(microsecond=0)
        return self.seen[version]

    def layers(self) -> dict[str, Layer]:
        """The catalogue, read again only when the data version moved."""
        return catalogue(get_connection(), now(), g.get("data_version"))

    def style_for(self, layer: Layer, name: str | None) -> Style:
        if not name or name.lower() == "default":
            return self.styles[layer.styles[0]]
        if name not in layer.styles:
            raise StyleNotDefined(
                bilingual(
                    "Style {name} is not defined for layer {layer}; available:"
                    " {styles}",
                    name=name,
                    layer=layer.name,
                    styles=", ".join(layer.styles),
                ),
                field="styles",
            )
        return self.styles[name]


def _map_request(
    service: WmsService, params: dict[str, str], version: str, names_key: str = "LAYERS"
) -> tuple[MapRequest, list]:
    known = service.layers()
    names = [n for n in param(params, names_key, required=True).split(",") if n]
    if len(names) > 16:
        raise InvalidParameter(
            bilingual("At most {n} layers", n=16), field=names_key.lower()
        )
    missing = [n for n in names if n not in known]
    if missing:
        raise LayerNotDefined(
            bilingual("Unknown layer: {names}", names=", ".join(missing)),
            field=names_key.lower(),
        )
    styles = (params.get("STYLES") or "").split(",")
    if styles == [""]:
        styles = [""] * len(names)
    if len(styles) != len(names):
        raise StyleNotDefined(
            bilingual("STYLES must name one style per layer"), field="styles"
        )
    chosen = [(known[n], service.style_for(known[n], s)) for n, s in zip(names, styles)]
    crs = crs_of(params, version)
    bbox = bbox_of(params, version, crs)
    width = integer(params, "WIDTH", low=1, high=MAX_SIZE)
    height = integer(params, "HEIGHT", low=1, high=MAX_SIZE)
    fmt = require_choice(
        param(params, "FORMAT", default="image/png"),
        FORMATS,
        name="FORMAT",
        error=InvalidFormat,
        field="format",
    )
    transparent = (
        param(params, "TRANSPARENT", default="FALSE").upper() == "TRUE"
        and fmt != "image/jpeg"
    )
    background = param(params, "BGCOLOR", default="0xFFFFFF")
    if not re.fullmatch(r"0x[0-9A-Fa-f]{6}", background):
        raise InvalidParameter(
            bilingual("BGCOLOR must be 0xRRGGBB: {value!r}", value=background),
            field="bgcolor",
        )
    window = time_window(params, [layer for layer, _ in chosen])
    return MapRequest(
        tuple(chosen),
        crs,
        bbox,
        width,
        height,
        fmt,
        transparent,
        "#" + background[2:],
        window,
    ), chosen


def _feature_info(
    service: WmsService, params: dict[str, str], version: str
) -> Response:
    map_request, chosen = _map_request(service, params, version)
    names = [n for n in param(params, "QUERY_LAYERS", required=True).split(",") if n]
    by_name = {layer.name: (layer, style) for layer, style in chosen}
    for name in names:
        if name not in by_name:
            raise LayerNotDefined(
                bilingual("Layer {name} is not in LAYERS", name=name),
                field="query_layers",
            )
        if not by_name[name][0].queryable:
            raise LayerNotQueryable(
                bilingual("Layer {name} is not queryable", name=name),
                field="query_layers",
            )
    info_format = require_choice(
        param(params, "INFO_FORMAT", default="text/html"),
        INFO_FORMATS,
        name="INFO_FORMAT",
        error=InvalidFormat,
        field="info_format",
    )
    i_key, j_key = ("I", "J") if version == "1.3.0" else ("X", "Y")
    i = integer(params, i_key, low=0, high=map_request.width - 1, error=InvalidPoint)
    j = integer(params, j_key, low=0, high=map_request.height - 1, error=InvalidPoint)
    count = integer(params, "FEATURE_COUNT", low=1, high=100, default=1)
    pick = pick_at(map_request, i, j, service.renderer.scale_denominator(map_request))
    conn = get_connection()
    results = [
        (by_name[name][0], features_at(conn, *by_name[name], pick, count))
        for name in names
    ]
    return _format_info(results, info_format)


def _label(layer: Layer, column: str) -> str:
    return layer.column_title(column, "id")


def _value(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(WITA).strftime("%Y-%m-%d %H:%M WITA")
    return "" if value is None else str(value)


def _format_info(results: list, info_format: str) -> Response:
    if info_format == "application/json":
        features = [
            {
                "type": "Feature",
                "id": f"{layer.name}.{index}",
                "layer": layer.name,
                "geometry": json.loads(feature.pop("geometry")),
                "properties": {
                    k: _value(v) if isinstance(v, datetime) else v
                    for k, v in feature.items()
                },
            }
            for layer, found in results
            for index, feature in enumerate(found)
        ]
        body = json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            default=str,
        )
        # no filename: QGIS would parse a ".dat" attachment as GML
        return Response(body, content_type="application/json; charset=utf-8")
    if info_format == "text/plain":
        lines = []
        for layer, found in results:
            lines.append(
                _(
                    "Layer {name}: {count} features",
                    "id",
                    name=layer.name,
                    count=len(found),
                )
            )
            for feature in found:
                lines += [
                    f"  {_label(layer, k)} = {_value(v)}"
                    for k, v in feature.items()
                    if k != "geometry"
                ]
                lines.append("")
        return Response(
            "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
        )
    body = render_template("wms/featureinfo.html", results=results, label=_label)
    return Response(body, content_type="text/html; charset=utf-8")


def _legend(service: WmsService, params: dict[str, str]) -> Response:
    layers = service.layers()
    name = param(params, "LAYER", required=True)
    if name not in layers:
        raise LayerNotDefined(
            bilingual("Unknown layer: {names}", names=name), field="layer"
        )
    layer = layers[name]
    style = service.style_for(layer, param(params, "STYLE"))
    fmt = param(params, "FORMAT", default="image/png")
    if fmt != "image/png":
        raise InvalidFormat(bilingual("Legends are image/png"), field="format")
    rule = param(params, "RULE")
    if rule is not None and rule not in [r.name for r in style.rules]:
        raise InvalidParameter(
            bilingual("Unknown rule: {rule}", rule=rule), field="rule"
        )
    width = integer(params, "WIDTH", low=8, high=256, default=20)
    height = integer(params, "HEIGHT", low=8, high=256, default=20)
    scale = positive_number(params, "SCALE")
    if params.get("LANGUAGE") or params.get("ACCEPTLANGUAGES"):
        style = in_language(style, response_language(params))
    return Response(
        legend_png(style, layer.kind, rule, width, height, scale),
        content_type="image/png",
    )


def _get_styles(service: WmsService, params: dict[str, str]) -> Response:
    layers = service.layers()
    names = [n for n in param(params, "LAYERS", required=True).split(",") if n]
    missing = [n for n in names if n not in layers]
    if missing:
        raise LayerNotDefined(
            bilingual("Unknown layer: {names}", names=", ".join(missing)),
            field="layers",
        )
    paths = list(
        dict.fromkeys(service.styles[s].path for n in names for s in layers[n].styles)
    )
    return Response(
        styles_document(paths),
        content_type="application/vnd.ogc.sld+xml; charset=utf-8",
    )


def make_blueprint() -> Blueprint:
    """The ``/wms`` blueprint."""
    blueprint = Blueprint("wms", __name__)
    state: dict[str, WmsService] = {}

    def service() -> WmsService:
        if "service" not in state:
            state["service"] = WmsService(settings())
        return state["service"]

    @blueprint.get("/wms")
    def endpoint() -> Response:
        params = {k.upper(): v for k, v in request.args.items()}
        version = version_of(params)
        operation = (param(params, "REQUEST", required=True) or "").lower()
        if params.get("SERVICE", "WMS").upper() != "WMS":
            raise InvalidParameter(bilingual("SERVICE must be WMS"), field="service")
        g.data_version = data_version(get_connection())
        named = {
            name.strip()
            for key in ("LAYERS", "QUERY_LAYERS", "LAYER")
            for name in params.get(key, "").split(",")
        }
        known = service().layers()
        etag = data_etag(
            [known[n] for n in named if n in known],
            request.query_string,
            request.host_url,
            version=g.data_version,
        )
        response = conditional(
            etag,
            lambda: _dispatch(service(), params, version, operation),
            headers={"Cache-Control": "public, max-age=60"},
            cache=service().cache,
        )
        response.last_modified = service().modified_at(g.data_version)
        return response

    return blueprint


def _dispatch(
    service: WmsService, params: dict[str, str], version: str, operation: str
) -> Response:
    if operation == "getcapabilities":
        language = response_language(params)
        body = capabilities(service.layers(), service.styles, version, language)
        kind = (
            "text/xml; charset=utf-8"
            if version == "1.3.0"
            else "application/vnd.ogc.wms_xml; charset=utf-8"
        )
        return Response(body, content_type=kind, headers={"Content-Language": language})
    if operation == "getmap":
        map_request, _ = _map_request(service, params, version)
        return Response(
            service.renderer.render(map_request),
            content_type=map_request.format.split(";")[0],
        )
    if operation == "getfeatureinfo":
        return _feature_info(service, params, version)
    if operation == "getlegendgraphic":
        return _legend(service, params)
    if operation == "getstyles":
        return _get_styles(service, params)
    raise OperationNotSupported(
        bilingual("Operation {name} is not supported", name=params.get("REQUEST")),
        field="request",
    )
