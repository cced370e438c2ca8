"""Staff sign-in and sign-out in the browser (``/login``, ``/logout``).

Both are forms with a CSRF token; sign-out is a POST (a link or an image on
another site cannot sign anyone out). The session itself lives in
:mod:`layers.sessions`; throttling of wrong passwords too.
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, session

from api.db import now, settings, transaction
from api.pages import page_url
from api.security import CrossSiteRequest, start_session
from gis.errors import InvalidParameter, SigapError
from layers.sessions import TooManyAttempts, end_session, open_session, sign_in


def _login_page(error: SigapError | None = None) -> Response:
    response = Response(
        render_template("login.html", error=error.message if error else None),
        status=error.status if error else 200,
    )
    if isinstance(error, TooManyAttempts):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _next_page() -> str | None:
    """The page that sent the clerk to sign in (a path on this site only)."""
    wanted = request.form.get("next") or ""
    if wanted.startswith("/") and not wanted.startswith("//") and "\\" not in wanted:
        return wanted
    return None


def make_blueprint() -> Blueprint:
    """Blueprint with ``/login`` and ``/logout``."""
    blueprint = Blueprint("auth", __name__)
    # a stale or forged sign-in form: the page again, with a fresh token
    blueprint.register_error_handler(CrossSiteRequest, _login_page)
    blueprint.register_error_handler(InvalidParameter, _login_page)

    @blueprint.get("/login")
    def login_form() -> Response:
        return _login_page()

    @blueprint.post("/login")
    def login() -> Response:
        """Sign in: a new server-side session, ended by sign-out or expiry."""
        client = request.remote_addr
        with transaction() as conn:
            attempt = sign_in(
                conn,
                request.form.get("username", ""),
                request.form.get("password", ""),
                client,
                now(),
                settings(),
            )
            token = None
            if attempt.refusal is None:
                token = open_session(conn, attempt.user_id, client, now())
        if token is None:
            return _login_page(attempt.refusal)
        start_session(token)
        return redirect(_next_page() or page_url("dashboard.page"))

    @blueprint.post("/logout")
    def logout() -> Response:
        token = session.get("sid")
        if token:
            with transaction() as conn:
                end_session(conn, token, now())
        session.clear()
        return redirect(page_url("dashboard.page"))

    return blueprint
