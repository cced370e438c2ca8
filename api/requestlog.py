"""One log line per request, and the request id that ties it to its errors.

Every request gets an id: the client's ``X-Request-Id`` when it is a sane token
(a proxy in front may have set it), else a fresh one; the response echoes it.
When the response is ready, ``sigap.request`` logs method, path, status, duration
in milliseconds and the id as ``key=value`` pairs a log search can filter on.
Server faults are logged (with their traceback) by :mod:`api.errors` under the
same id. Logging is configured once per process by :func:`configure_logging`.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request

log = logging.getLogger("sigap.request")
HEADER = "X-Request-Id"
#: what a client-sent id may look like (anything else is replaced, not logged)
VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: int = logging.INFO) -> None:
    """Send the ``sigap`` loggers to stderr (gunicorn's error log) once per
    process; calling it again changes nothing."""
    root = logging.getLogger("sigap")
    if any(getattr(handler, "sigap", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.sigap = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)


def new_request_id(sent: str | None) -> str:
    """``sent`` when it is a sane token, else a fresh random id."""
    if sent and VALID_ID.match(sent):
        return sent
    return uuid.uuid4().hex


def request_id() -> str:
    """The current request's id."""
    if "request_id" not in g:
        g.request_id = new_request_id(request.headers.get(HEADER))
    return g.request_id


def log_request(method: str, path: str, status: int, started: float, rid: str) -> None:
    """The one line a request leaves in the log."""
    log.info(
        "method=%s path=%s status=%d duration_ms=%.1f request_id=%s",
        method,
        path,
        status,
        (time.perf_counter() - started) * 1000,
        rid,
    )


def init_app(app: Flask) -> None:
    """Stamp, echo and log every request of ``app`` (register it first, so its
    clock starts before any other hook runs)."""
    configure_logging()

    @app.before_request
    def start() -> None:
        g.started = time.perf_counter()
        request_id()

    @app.after_request
    def finish(response: Response) -> Response:
        rid = request_id()
        response.headers[HEADER] = rid
        log_request(
            request.method,
            request.path,
            response.status_code,
            g.get("started", time.perf_counter()),
            rid,
        )
        return response


def logged_asgi(inner):
    """``inner`` (an ASGI app outside Flask: the event streams) with the same
    request id and one log line per request, written when the stream ends."""

    async def app(scope, receive, send) -> None:
        started = time.perf_counter()
        sent = dict(scope.get("headers") or []).get(b"x-request-id", b"")
        rid = new_request_id(sent.decode("latin-1"))
        status = 500

        async def sending(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", []), (b"x-request-id", rid.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await inner(scope, receive, sending)
        finally:
            log_request(scope["method"], scope["path"], status, started, rid)

    return app
