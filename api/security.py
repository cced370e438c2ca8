"""What every request passes through for safety: the staff session behind the
cookie, CSRF tokens, the origin of state-changing requests, and security headers.

The Flask cookie only carries a random session token (``sid``) and the CSRF token
(``csrf``); who the user is and whether the session still lives is asked of
:mod:`layers.sessions` on each request. A state-changing request that a session
authenticates, and every sign-in or sign-out, must carry the CSRF token (form
field ``csrf_token`` or header ``X-CSRF-Token``); a state-changing request with
credentials from another origin is refused outright.
"""

from __future__ import annotations

import hmac
import secrets
import urllib.parse

from flask import Flask, Response, g, jsonify, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from api.db import now, settings, transaction
from gis.errors import Forbidden, InvalidParameter
from gis.i18n import bilingual
from layers.sessions import Session, TooManyAttempts, resolve

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: forms that need a token even without a session (login CSRF, the citizen
#: app's reports, the reporter's answer on the ticket page)
TOKEN_ENDPOINTS = frozenset(
    {"auth.login", "auth.logout", "lapor.submit", "tickets.answer_fixed"}
)
HEADER = "X-CSRF-Token"
FIELD = "csrf_token"

#: Content-Security-Policy by path prefix (first match); pages keep scripts and
#: styles in /static, so only the self-contained Folium maps (inline scripts
#: Folium writes) and the inline-styled brief and feature info relax it
_STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "connect-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
_INLINE_STYLE = {**_STRICT, "style-src": "'self' 'unsafe-inline'"}
_FOLIUM = {
    **_INLINE_STYLE,
    "script-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob: https://tile.openstreetmap.org",
    "frame-ancestors": "'self'",
}
CSP_BY_PATH = (
    ("/maps/", _FOLIUM),
    ("/brief", _INLINE_STYLE),
    ("/wms", _INLINE_STYLE),
    ("/", _STRICT),
)


class CrossSiteRequest(Forbidden):
    """A state-changing request without this site's CSRF token or origin."""

    code = "csrf"


def _policy(path: str) -> str:
    rules = next(rules for prefix, rules in CSP_BY_PATH if path.startswith(prefix))
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def csrf_token() -> str:
    """This browser's CSRF token (made on first use, kept in the signed cookie)."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def staff_session() -> Session | None:
    """The live staff session of this request, if the cookie names one."""
    return g.get("staff_session")


def start_session(token: str) -> None:
    """Put a new session token in the cookie, with a fresh CSRF token (so a token
    seen before sign-in is worth nothing after)."""
    session.clear()
    session["sid"] = token
    session[FIELD] = secrets.token_urlsafe(32)


def _load_session() -> None:
    token = session.get("sid")
    if not token or request.endpoint == "static":
        return
    with transaction() as conn:
        found = resolve(conn, token, now(), settings())
    if found is None:
        # ended (logout, deactivation, role or password change, expiry)
        session.pop("sid", None)
        session.pop("staff", None)
        return
    g.staff_session = found
    shown = [found.actor.name, found.actor.role, found.actor.opd_code]
    if session.get("staff") != shown:
        session["staff"] = shown


def _foreign_origin() -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return urllib.parse.urlsplit(origin).netloc != request.host


def _check_request() -> None:
    if request.method not in UNSAFE_METHODS:
        return
    credentials = staff_session() is not None or request.authorization is not None
    if credentials and _foreign_origin():
        raise CrossSiteRequest(bilingual("Requests from another site are refused"))
    if staff_session() is None and request.endpoint not in TOKEN_ENDPOINTS:
        return
    sent = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    expected = session.get(FIELD) or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CrossSiteRequest(
            bilingual("The form has expired or is not from SIGAP: reload the page")
        )


def _nul_in(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in(v) for v in value)
    return False


def _refuse_nul() -> None:
    """PostgreSQL cannot store NUL in text: refuse it at the door, naming where."""
    found = None
    if "\x00" in request.path:
        found = "path"
    else:
        for source in (request.args, request.form):
            for key, value in source.items(multi=True):
                if "\x00" in key or "\x00" in value:
                    found = key.replace("\x00", "\\0")
                    break
    if found is None and request.is_json and _nul_in(request.get_json(silent=True)):
        found = "JSON"
    auth = request.authorization
    if found is None and auth is not None and _nul_in(auth.username or ""):
        found = "Authorization"
    if found is not None:
        raise InvalidParameter(
            bilingual("{field} cannot hold a NUL character", field=found),
            field=found,
        )


def header_values(path: str, https: bool) -> dict[str, str]:
    """The security headers of a response to ``path`` (Flask's answers and the
    event stream, which is served outside Flask, get the same)."""
    values = {
        "Content-Security-Policy": _policy(path),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN" if path.startswith("/maps/") else "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if https:
        values["Strict-Transport-Security"] = "max-age=31536000"
    return values


def secure_asgi(app, https: bool):
    """An ASGI app whose every response start carries :func:`header_values`
    (those the app did not set itself)."""

    async def secured(scope, receive, send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        extra = header_values(scope.get("path", "/"), https)

        async def send_secured(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {
                    **message,
                    "headers": [
                        *message.get("headers", []),
                        *(
                            (name.lower().encode(), value.encode())
                            for name, value in extra.items()
                            if name.lower().encode() not in present
                        ),
                    ],
                }
            await send(message)

        await app(scope, receive, send_secured)

    return secured


def _headers(response: Response) -> Response:
    headers = response.headers
    for name, value in header_values(request.path, settings().https).items():
        headers.setdefault(name, value)
    personal = staff_session() is not None or FIELD in session
    if personal and response.mimetype == "text/html":
        # a page showing who is signed in, or holding a token, is never cached
        headers.setdefault("Cache-Control", "no-store")
    return response


def _too_many(error: TooManyAttempts) -> tuple[Response, int]:
    response = jsonify(code=error.code, description=error.message)
    response.headers["Retry-After"] = str(error.retry_after)
    return response, error.status


def init_app(app: Flask) -> None:
    """Install the session, CSRF and header hooks and the cookie settings."""
    proxies = app.config["SIGAP_SETTINGS"].trusted_proxies
    if proxies:
        # behind that many reverse proxies: believe their X-Forwarded-* hops
        # (client address for throttling, scheme, host for the origin check)
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["SIGAP_SETTINGS"].https,
        SESSION_COOKIE_NAME="sigap_session",
    )
    app.before_request(_refuse_nul)
    app.before_request(_load_session)
    app.before_request(_check_request)
    app.after_request(_headers)
    app.errorhandler(TooManyAttempts)(_too_many)
    app.context_processor(lambda: {"csrf_token": csrf_token})
