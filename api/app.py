"""Flask application factory."""

from __future__ import annotations

import os
import secrets
from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from api import (
    admin,
    admin_pages,
    ai,
    auth,
    basemap,
    city,
    compression,
    console,
    dashboard,
    db,
    errors,
    exports,
    features,
    feeds,
    lapor,
    maps,
    open311,
    pages,
    requestlog,
    security,
    staff,
    tickets,
    tiles,
    viewer,
    wms,
    wms_errors,
)
from gis.config import Settings
from gis.photos import MAX_BYTES
from gis.timeutil import to_wita


def secret_key(settings: Settings) -> str:
    """The key signing staff sessions: ``SIGAP_SECRET_KEY``, or one made once and
    kept in ``var/secret_key`` (never in the repository)."""
    if os.environ.get("SIGAP_SECRET_KEY"):
        return os.environ["SIGAP_SECRET_KEY"]
    path = settings.var_dir / "secret_key"
    if not path.exists():
        # written aside, then linked into place: every worker that races here ends
        # up reading the same complete key
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


class JSONProvider(DefaultJSONProvider):
    """ISO 8601 datetimes in WITA (not Flask's RFC 822), UTF-8 kept readable."""

    ensure_ascii = False
    sort_keys = False

    @staticmethod
    def default(value: object) -> object:
        if isinstance(value, datetime):
            return to_wita(value).isoformat(timespec="seconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return float(value)
        return DefaultJSONProvider.default(value)


#: how each surface (by path prefix) reports an error; other paths get the HTML page
ERROR_FORMATS: dict[str, errors.Formatter] = {
    "/api": errors.json_error,
    "/health": errors.json_error,
    "/maps": errors.json_error,
    "/tiles": errors.json_error,
    "/lapor/api": errors.json_error,
    "/ogcapi": features.exception_response,
    "/open311": open311.exception_response,
    "/wms": wms_errors.exception_response,
}


def create_app(settings: Settings | None = None) -> Flask:
    """Build the SIGAP web application; nothing happens at import time."""
    app = Flask(__name__)
    app.json = JSONProvider(app)
    app.config["SIGAP_SETTINGS"] = settings or Settings.from_env()
    app.config["SECRET_KEY"] = secret_key(app.config["SIGAP_SETTINGS"])
    # a photo plus the form fields; larger bodies get 413 before they are read
    app.config["MAX_CONTENT_LENGTH"] = MAX_BYTES + 2**20
    requestlog.init_app(app)  # first: its clock starts before the other hooks
    db.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    app.register_blueprint(pages.make_blueprint())
    app.register_blueprint(auth.make_blueprint())
    app.register_blueprint(open311.make_blueprint())
    app.register_blueprint(staff.make_blueprint())
    app.register_blueprint(console.make_blueprint())
    app.register_blueprint(admin.make_blueprint())
    app.register_blueprint(admin_pages.make_blueprint())
    app.register_blueprint(exports.make_blueprint())
    app.register_blueprint(wms.make_blueprint())
    app.register_blueprint(features.make_blueprint())
    app.register_blueprint(tiles.make_blueprint())
    app.register_blueprint(feeds.make_blueprint())
    app.register_blueprint(maps.make_blueprint())
    app.register_blueprint(dashboard.make_blueprint())
    app.register_blueprint(viewer.make_blueprint())
    app.register_blueprint(ai.make_blueprint())
    app.register_blueprint(city.make_blueprint())
    app.register_blueprint(tickets.make_blueprint())
    app.register_blueprint(basemap.make_blueprint())
    app.register_blueprint(lapor.make_blueprint())

    errors.init_app(app, ERROR_FORMATS)
    return app


#: request threads per server process for the Flask side (live event streams do
#: not use them)
REQUEST_THREADS = 16


def asgi_app(settings: Settings | None = None):
    """What ``sigap serve`` runs: the Flask app in a pool of request threads, and
    ``/api/events`` on the event loop (an open stream costs a coroutine, so
    hundreds of wall screens cannot take the threads ``/health`` needs)."""
    from a2wsgi import WSGIMiddleware

    from api.events import EventStreams

    settings = settings or Settings.from_env()
    flask_app = WSGIMiddleware(create_app(settings), workers=REQUEST_THREADS)
    streams = requestlog.logged_asgi(
        security.secure_asgi(EventStreams(settings), settings.https)
    )

    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
        elif scope["type"] == "http" and scope["path"] == "/api/events":
            await streams(scope, receive, send)
        else:
            await flask_app(scope, receive, send)

    return app
