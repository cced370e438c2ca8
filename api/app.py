"""Flask application factory."""

from __future__ import annotations

from flask import Flask, jsonify

from api import db, pages
from gis.config import Settings
from gis.errors import SigapError


def create_app(settings: Settings | None = None) -> Flask:
    """Build the SIGAP web application; nothing happens at import time."""
    app = Flask(__name__)
    app.config["SIGAP_SETTINGS"] = settings or Settings.from_env()
    db.init_app(app)
    app.register_blueprint(pages.make_blueprint())

    @app.errorhandler(SigapError)
    def sigap_error(error: SigapError) -> tuple[object, int]:
        return jsonify(code=error.code, description=error.message), error.status

    return app
