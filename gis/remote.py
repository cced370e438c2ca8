"""Layers published by others: read an OGC API – Features collection or a WFS
feature type (with owslib) into the same frame the file importers produce.

A province or BIG publishes roads, boundaries or facilities this way; ``sigap
import LAYER URL --source-layer NAME`` pulls them in through the normal import
(validation, staging, audit). Features are paged (``next`` links) and converted to
EPSG:4326.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import geopandas as gpd
import numpy as np
import requests
from owslib.ogcapi.features import Features
from owslib.wfs import WebFeatureService

from gis.errors import ImportFailed
from gis.i18n import bilingual

PAGE = 1000
TIMEOUT = 60


def is_url(source: object) -> bool:
    """Whether ``source`` names a web service rather than a file."""
    return str(source).startswith(("http://", "https://"))


def _ogcapi_root(url: str) -> tuple[str, str | None]:
    """(landing page, collection id) of an OGC API URL."""
    base, _, query = url.partition("?")
    base = base.rstrip("/")
    if "/collections/" in base:
        root, _, rest = base.partition("/collections/")
        return root, rest.split("/")[0]
    if base.endswith("/collections"):
        return base[: -len("/collections")], None
    return base, None


def _looks_like_ogcapi(url: str) -> bool:
    root, _ = _ogcapi_root(url)
    try:
        response = requests.get(root, params={"f": "json"}, timeout=TIMEOUT,
                                headers={"Accept": "application/json"})
        body = response.json()
    except (requests.RequestException, ValueError):
        return False
    return isinstance(body, dict) and any(
        link.get("rel") in ("data", "conformance") for link in body.get("links", []))


def _ogcapi_features(url: str, collection: str | None) -> Iterator[dict]:
    root, named = _ogcapi_root(url)
    collection = collection or named
    api = Features(root)
    available = [c["id"] for c in api.collections()["collections"]]
    if collection is None:
        raise ImportFailed(bilingual(
            "{url} has several collections ({names}): choose one with --source-layer",
            url=root, names=", ".join(available)))
    if collection not in available:
        raise ImportFailed(bilingual(
            "{url} has no collection {layer}; it has: {names}", url=root,
            layer=collection, names=", ".join(available)))
    offset = 0
    while True:
        page = api.collection_items(collection, limit=PAGE, offset=offset)
        features = page.get("features", [])
        yield from features
        has_next = any(link.get("rel") == "next" for link in page.get("links", []))
        if not features or not has_next:
            return
        offset += len(features)


def _wfs_features(url: str, typename: str | None) -> Iterator[dict]:
    service = WebFeatureService(url.split("?")[0], version="2.0.0", timeout=TIMEOUT)
    names = list(service.contents)
    if typename is None and len(names) == 1:
        typename = names[0]
    if typename not in names:
        raise ImportFailed(bilingual(
            "{url} has no collection {layer}; it has: {names}", url=url,
            layer=typename, names=", ".join(names)))
    response = service.getfeature(typename=[typename], srsname="EPSG:4326",
                                  outputFormat="application/json")
    yield from json.loads(response.read()).get("features", [])


def read_remote(url: str, source_layer: str | None = None) -> gpd.GeoDataFrame:
    """Features of ``url`` as a frame in EPSG:4326 with a ``row_no`` column."""
    try:
        if _looks_like_ogcapi(url):
            features = list(_ogcapi_features(url, source_layer))
        else:
            features = list(_wfs_features(url, source_layer))
    except ImportFailed:
        raise
    except Exception as error:  # network, protocol or parsing trouble
        raise ImportFailed(bilingual("Cannot read {path}: {error}", path=url,
                                     error=error)) from None
    if not features:
        raise ImportFailed(bilingual("No valid rows in {path}", path=url))
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    frame.insert(0, "row_no", np.arange(1, len(frame) + 1))
    return frame
