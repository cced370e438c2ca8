"""Layers published by others: read an OGC API – Features collection or a WFS
feature type (with owslib) into the same frame the file importers produce.

A province or BIG publishes roads, boundaries or facilities this way; ``sigap
import LAYER URL --source-layer NAME`` pulls them in through the normal import
(validation, staging, audit). Features are paged (``next`` links) and converted to
EPSG:4326.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Iterator
from xml.etree import ElementTree

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import requests
import shapely
from owslib.ogcapi.features import Features
from owslib.wfs import WebFeatureService

from gis.errors import ImportFailed
from gis.i18n import N_, bilingual

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


def _require_offered(
    url: str,
    wanted: str | None,
    offered: list[str],
    *,
    several: str,
    missing: str,
    also: Collection[str] = (),
) -> None:
    """:class:`ImportFailed` unless ``wanted`` is one of what the service at ``url``
    ``offered`` (or of ``also``, other names for the same): ``several`` when no
    name was given, ``missing`` for an unknown one; both list what is offered."""
    if wanted is None:
        raise ImportFailed(bilingual(several, url=url, names=", ".join(offered)))
    if wanted not in offered and wanted not in also:
        raise ImportFailed(
            bilingual(missing, url=url, layer=wanted, names=", ".join(offered))
        )


def _looks_like_ogcapi(url: str) -> bool:
    root, _ = _ogcapi_root(url)
    try:
        response = requests.get(
            root,
            params={"f": "json"},
            timeout=TIMEOUT,
            headers={"Accept": "application/json"},
        )
        body = response.json()
    except (requests.RequestException, ValueError):
        return False
    return isinstance(body, dict) and any(
        link.get("rel") in ("data", "conformance") for link in body.get("links", [])
    )


def _ogcapi_features(url: str, collection: str | None) -> Iterator[dict]:
    root, named = _ogcapi_root(url)
    collection = collection or named
    api = Features(root)
    available = [c["id"] for c in api.collections()["collections"]]
    _require_offered(
        root,
        collection,
        available,
        several=N_(
            "{url} has several collections ({names}): choose one with --source-layer"
        ),
        missing=N_("{url} has no collection {layer}; it has: {names}"),
    )
    offset = 0
    while True:
        page = api.collection_items(collection, limit=PAGE, offset=offset)
        features = page.get("features", [])
        yield from features
        has_next = any(link.get("rel") == "next" for link in page.get("links", []))
        if not features or not has_next:
            return
        offset += len(features)


OWS = "{http://www.opengis.net/ows/1.1}"


def _wfs_capabilities(url: str) -> tuple[bytes, bool, int | None]:
    """The WFS 2.0 capabilities document, whether the server pages
    (``ImplementsResultPaging``) and its default page length (``CountDefault``)."""
    response = requests.get(
        url,
        params={"SERVICE": "WFS", "REQUEST": "GetCapabilities", "VERSION": "2.0.0"},
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    root = ElementTree.fromstring(response.content)
    found = {
        c.get("name"): (c.findtext(f"{OWS}DefaultValue") or "").strip()
        for c in root.iter(f"{OWS}Constraint")
    }
    count = found.get("CountDefault", "")
    return (
        response.content,
        found.get("ImplementsResultPaging", "").upper() == "TRUE",
        int(count) if count.isdigit() else None,
    )


def _wfs_frame(url: str, typename: str | None) -> gpd.GeoDataFrame:
    """Every feature of a WFS 2.0 feature type, page by page (``STARTINDEX``) until
    a page comes back empty: a server's own page limit, and a ``numberMatched``
    capped by it, never cut the import short. GeoJSON when the server offers it,
    else GML (read by GDAL, which also puts EPSG:4326 axes in lon/lat order)."""
    base = url.split("?")[0]
    # one GetCapabilities: owslib reads the same document the paging rules come from
    capabilities, paging, limit = _wfs_capabilities(base)
    service = WebFeatureService(
        base, version="2.0.0", xml=capabilities, timeout=TIMEOUT
    )
    names = list(service.contents)
    # a feature type may be named with or without its namespace prefix
    local = {name.split(":")[-1]: name for name in names}
    if typename is None and len(names) == 1:
        typename = names[0]
    _require_offered(
        base,
        typename,
        names,
        also=local,
        several=N_(
            "{url} has several feature types ({names}): choose one with --source-layer"
        ),
        missing=N_("{url} has no feature type {layer}; it has: {names}"),
    )
    typename = local.get(typename, typename)
    formats = (
        service.getOperationByName("GetFeature")
        .parameters.get("outputFormat", {})
        .get("values", [])
    )
    as_json = next((f for f in formats if "json" in f.lower()), None)
    pages, start, previous = [], 0, None
    while True:
        response = service.getfeature(
            typename=[typename],
            srsname="EPSG:4326",
            outputFormat=as_json,
            startindex=start if paging else None,
            maxfeatures=PAGE if paging else None,
        )
        content = response.read()
        if as_json:
            features = json.loads(content).get("features", [])
            page = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
        else:
            page = pyogrio.read_dataframe(io.BytesIO(content))
            if page.crs is not None and page.crs.to_epsg() != 4326:
                page = page.to_crs(4326)
        if page.empty:
            break
        row = page.iloc[0]
        first = [shapely.to_wkb(row.geometry)] + [
            str(v) for k, v in row.items() if k != page.geometry.name
        ]
        if first == previous:  # STARTINDEX ignored: every page would be the first
            raise ImportFailed(
                bilingual(
                    "{url} sends the same features for every page; nothing was"
                    " imported",
                    url=base,
                )
            )
        previous = first
        pages.append(page.drop(columns=["gml_id"], errors="ignore"))
        start += len(page)
        if not paging:
            if limit is not None and len(page) >= limit:
                raise ImportFailed(
                    bilingual(
                        "{url} returns at most {n} features per request and cannot"
                        " page;"
                        " nothing was imported",
                        url=base,
                        n=limit,
                    )
                )
            break
    if not pages:
        return gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.concat(pages, ignore_index=True), crs="EPSG:4326")


def read_remote(url: str, source_layer: str | None = None) -> gpd.GeoDataFrame:
    """Features of ``url`` as a frame in EPSG:4326 with a ``row_no`` column."""
    try:
        if _looks_like_ogcapi(url):
            frame = gpd.GeoDataFrame.from_features(
                list(_ogcapi_features(url, source_layer)), crs="EPSG:4326"
            )
        else:
            frame = _wfs_frame(url, source_layer)
    except ImportFailed:
        raise
    except Exception as error:  # network, protocol or parsing trouble
        raise ImportFailed(
            bilingual("Cannot read {path}: {error}", path=url, error=error)
        ) from None
    if frame.empty:
        raise ImportFailed(bilingual("No valid rows in {path}", path=url))
    frame = frame.reset_index(drop=True)
    frame.insert(0, "row_no", np.arange(1, len(frame) + 1))
    return frame
