"""Every error a request can meet, in the format of the surface it reached.

Views raise :class:`gis.errors.SigapError` subclasses and nothing else; this module
turns everything into one of them (an HTTP error from routing becomes
:class:`NotFound`/:class:`MethodNotAllowed`, an unreachable database
:class:`Unavailable`, any other exception :class:`ServerFault`, logged with its
traceback) and hands it to the formatter of the surface the path belongs to.
A surface registers its formatter in :func:`init_app`; the JSON one (``/api``) and
the HTML page (everything not claimed) live here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from api.requestlog import request_id
from gis.db import is_unavailable
from gis.errors import (
    InvalidParameter,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    ServerFault,
    SigapError,
    Unavailable,
)
from gis.i18n import bilingual
from gis.photos import MAX_BYTES

log = logging.getLogger("sigap.errors")

#: formats a SIGAP error as one surface's response
Formatter = Callable[[SigapError], Response]


def from_http(error: HTTPException) -> SigapError:
    """The SIGAP error for a Werkzeug HTTP error (routing, body size, bad form)."""
    status = error.code or 500
    if status == 404:
        return NotFound(bilingual("Not found"))
    if status == 405:
        allowed = tuple(sorted(getattr(error, "valid_methods", None) or ()))
        return MethodNotAllowed(bilingual("Method not allowed"), allowed=allowed)
    if status == 413:
        return PayloadTooLarge(
            bilingual("The upload is larger than {mb} MB", mb=MAX_BYTES // 2**20)
        )
    if status < 500:
        return InvalidParameter(bilingual("Bad request"))
    return ServerFault(bilingual("Internal server error"))


def from_exception(error: Exception) -> SigapError:
    """The SIGAP error for an exception no view expected."""
    if is_unavailable(error):
        return Unavailable(bilingual("The database is not reachable; try again soon"))
    return ServerFault(bilingual("Internal server error"))


def json_error(error: SigapError) -> Response:
    """``{"code", "description"}`` with the error's status (``/api``, tiles)."""
    body: dict[str, object] = {"code": error.code, "description": error.message}
    if error.server_fault:
        body["request_id"] = request_id()
    response = jsonify(body)
    response.status_code = error.status
    return response


def html_error(error: SigapError) -> Response:
    """The error page in the base layout (every page outside the APIs)."""
    try:
        body = render_template("error.html", error=error, request_id=request_id())
    except Exception:  # the page itself failed: a plain answer beats none
        log.exception("error page failed request_id=%s", request_id())
        return Response(
            error.message, status=error.status, content_type="text/plain; charset=utf-8"
        )
    return Response(body, status=error.status, content_type="text/html; charset=utf-8")


def _surface(formats: Mapping[str, Formatter], path: str) -> Formatter:
    for prefix in sorted(formats, key=len, reverse=True):
        if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
            return formats[prefix]
    return html_error


def init_app(app: Flask, formats: Mapping[str, Formatter]) -> None:
    """Answer every error of ``app`` with the formatter registered for the path's
    prefix in ``formats`` (the HTML page when none matches)."""

    def respond(error: SigapError, cause: BaseException) -> Response:
        if error.server_fault:
            log.error(
                "%s %s failed: %s request_id=%s",
                request.method,
                request.path,
                type(cause).__name__,
                request_id(),
                exc_info=cause,
            )
        response = _surface(formats, request.path)(error)
        if isinstance(error, MethodNotAllowed) and error.allowed:
            response.headers["Allow"] = ", ".join(error.allowed)
        return response

    @app.errorhandler(SigapError)
    def sigap_error(error: SigapError) -> Response:
        return respond(error, error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response | HTTPException:
        if error.code is None or error.code < 400:
            return error  # redirects and the like are answers, not errors
        return respond(from_http(error), error)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        return respond(from_exception(error), error)
