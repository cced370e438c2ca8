"""The OpenAPI 3.0 document of an OGC API – Features service (conformance class
oas30): its landing page, conformance, collections and, per collection, the items
with ``bbox``, ``datetime``, ``limit``, ``offset``, ``f`` and a filter per
property."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from gis.features import MAX_LIMIT
from gis.layer import Layer

GEOJSON = "application/geo+json"


def openapi_document(
    layers: Mapping[str, Layer],
    columns_of: Callable[[Layer], list[str]],
    server_url: str,
    title: str,
    description: str,
) -> dict:
    """The document for the collections ``layers`` served at ``server_url``;
    ``columns_of`` names a layer's properties (its filter parameters)."""
    paths: dict[str, object] = {
        "/": {
            "get": {
                "summary": "Landing page",
                "operationId": "getLandingPage",
                "responses": {"200": {"description": "Landing page"}},
            }
        },
        "/conformance": {
            "get": {
                "summary": "Conformance classes",
                "operationId": "getConformance",
                "responses": {"200": {"description": "OK"}},
            }
        },
        "/collections": {
            "get": {
                "summary": "Collections",
                "operationId": "getCollections",
                "responses": {"200": {"description": "OK"}},
            }
        },
    }
    common = [
        {
            "name": "bbox",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "schema": {
                "type": "array",
                "minItems": 4,
                "maxItems": 6,
                "items": {"type": "number"},
            },
        },
        {
            "name": "datetime",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_LIMIT,
                "default": 10,
            },
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        {
            "name": "f",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["json", "html"]},
        },
    ]
    for name, layer in layers.items():
        properties = [
            {
                "name": c,
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
            }
            for c in columns_of(layer)
        ]
        paths[f"/collections/{name}"] = {
            "get": {
                "summary": layer.title_in("en"),
                "operationId": f"describe_{name}",
                "responses": {"200": {"description": "Collection"}},
            }
        }
        paths[f"/collections/{name}/items"] = {
            "get": {
                "summary": f"Features of {layer.title_in('en')}",
                "operationId": f"getFeatures_{name}",
                "parameters": common + properties,
                "responses": {
                    "200": {"description": "Features", "content": {GEOJSON: {}}},
                    "400": {"description": "Bad request"},
                },
            }
        }
        paths[f"/collections/{name}/items/{{featureId}}"] = {
            "get": {
                "summary": f"One feature of {layer.title_in('en')}",
                "operationId": f"getFeature_{name}",
                "parameters": [
                    {
                        "name": "featureId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": {"description": "Feature", "content": {GEOJSON: {}}},
                    "404": {"description": "Not found"},
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": title,
            "version": "1.0.0",
            "description": description,
        },
        "servers": [{"url": server_url}],
        "paths": paths,
    }
