"""The city panel over HTTP: ``GET /api/city/panel`` (public, no personal data)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from api.db import get_connection, now
from layers.city.panel import city_panel


def make_blueprint() -> Blueprint:
    """The blueprint of the "Kota" panel's data."""
    blueprint = Blueprint("city", __name__)

    @blueprint.get("/api/city/panel")
    def panel() -> Response:
        return jsonify(city_panel(get_connection(), now()))

    return blueprint
