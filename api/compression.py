"""gzip for what a phone on a slow network downloads first: the citizen app's
page, its scripts and styles, and the basemap document.

Only these paths (:data:`PATHS`), only text, only whole (not streamed) 200
answers, only to clients that accept gzip. Static files are compressed once per
version and kept (:data:`_static`); the ETag stays the file's, with ``Vary``.
"""

from __future__ import annotations

import gzip
import threading

from flask import Flask, Response, request

PATHS = ("/static/", "/lapor", "/api/basemap.json")
TYPES = (
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
)
MIN_BYTES = 1024
LEVEL = 6

_static: dict[tuple[str, str], bytes] = {}
_lock = threading.Lock()


def _compress(response: Response) -> Response:
    if (
        response.status_code != 200
        or not request.path.startswith(PATHS)
        or response.mimetype not in TYPES
        or response.is_streamed
        and not response.direct_passthrough
        or "Content-Encoding" in response.headers
        or "gzip" not in request.headers.get("Accept-Encoding", "")
    ):
        return response
    response.direct_passthrough = False  # a static file: read it here
    body = response.get_data()
    if len(body) < MIN_BYTES:
        return response
    key = (request.path, response.headers.get("ETag", ""))
    static = request.path.startswith("/static/") and key[1]
    with _lock:
        packed = _static.get(key) if static else None
    if packed is None:
        packed = gzip.compress(body, LEVEL, mtime=0)
        if static:
            with _lock:
                _static[key] = packed
    response.set_data(packed)
    response.headers["Content-Encoding"] = "gzip"
    response.headers.add("Vary", "Accept-Encoding")
    return response


def init_app(app: Flask) -> None:
    """Compress the answers named in the module doc."""
    app.after_request(_compress)
