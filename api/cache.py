"""What the publishers share for HTTP caching: the data version, ETags and a
bounded in-memory response cache.

Every change to a published table bumps the ``sigap_data_version`` sequence (a
statement trigger, see migration 0005), so a response keyed by its request and that
version is valid exactly until the data changes.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Response, request

from api.db import get_connection, now
from gis.layer import Layer, at_time
from layers.catalogue import layer_templates

CACHE_ENTRIES = 512
CACHE_BYTES = 64 * 2**20


def data_version(conn: sa.Connection) -> int:
    """The database's current data version."""
    return conn.exec_driver_sql(
        "SELECT last_value FROM sigap_data_version"
    ).scalar_one()


def etag_for(*parts: object) -> str:
    """A short strong validator for a response made from ``parts``."""
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]


class ResponseCache:
    """Rendered responses (body, content type) by ETag, bounded by entries and
    bytes; least recently used first out. Thread-safe."""

    def __init__(self, entries: int = CACHE_ENTRIES, size: int = CACHE_BYTES) -> None:
        self._items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._entries, self._size = entries, size
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, body: bytes, content_type: str) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (body, content_type)
            self._bytes += len(body)
            while len(self._items) > self._entries or self._bytes > self._size:
                _, (old, _) = self._items.popitem(last=False)
                self._bytes -= len(old)


_catalogue: dict[str, object] = {}
_catalogue_lock = threading.Lock()


def catalogue(
    conn: sa.Connection, now: datetime, version: int | None = None
) -> dict[str, Layer]:
    """The published layers as of ``now``, read again only when the data version
    moved (a new category or analysis run changes the catalogue)."""
    version = data_version(conn) if version is None else version
    with _catalogue_lock:
        if _catalogue.get("version") != version:
            _catalogue["layers"] = layer_templates(conn)
            _catalogue["version"] = version
        templates = _catalogue["layers"]
    return at_time(templates, now)  # type: ignore[arg-type]


def clock_key(layers: Iterable[Layer], now: datetime) -> str:
    """What a cached response of ``layers`` depends on besides the data: the
    minute of ``now`` when one of them ages with the clock, else nothing."""
    if any(layer.clocked for layer in layers):
        return now.astimezone(UTC).replace(second=0, microsecond=0).isoformat()
    return ""


def data_etag(
    layers: Iterable[Layer], *parts: object, version: int | None = None
) -> str:
    """The ETag of a response drawn from ``layers`` and described by ``parts``:
    it holds until the data version (``version``, else read now) moves or, for a
    layer that ages with the clock, the minute turns."""
    if version is None:
        version = data_version(get_connection())
    return etag_for(*parts, version, clock_key(layers, now()))


def conditional(
    etag: str,
    render: Callable[[], Response],
    *,
    headers: Mapping[str, str] | None = None,
    cache: ResponseCache | None = None,
) -> Response:
    """The conditional GET, written once: 304 when the client's ``If-None-Match``
    holds ``etag``, else the body from ``cache`` or from ``render()`` (a 200 is
    kept in ``cache``). ``headers`` (and the ETag) go on every answer, 304 too."""
    headers = {"ETag": f'"{etag}"', **(headers or {})}
    if request.if_none_match.contains(etag):
        return Response(status=304, headers=headers)
    found = cache.get(etag) if cache is not None else None
    if found is not None:
        response = Response(found[0], content_type=found[1])
    else:
        response = render()
        if cache is not None and response.status_code == 200:
            cache.put(etag, response.get_data(), response.content_type)
    response.headers.update(headers)
    return response
