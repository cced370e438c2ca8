"""Administration over HTTP (role ``admin``): staff accounts, API keys, categories."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from api.db import now, transaction
from api.staff import current_actor
from gis.errors import InvalidParameter
from gis.i18n import bilingual
from layers.accounts import (
    change_account,
    create_api_key,
    create_user,
    require_role,
    revoke_api_key,
)
from layers.categories import update_category


def _json_object() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidParameter(bilingual("Send a JSON object"))
    return body


def _admin() -> None:
    require_role(current_actor(), "admin")


def make_blueprint() -> Blueprint:
    """Blueprint with ``/api/admin/…``."""
    blueprint = Blueprint("admin", __name__, url_prefix="/api/admin")

    @blueprint.post("/users")
    def add_user() -> tuple[Response, int]:
        _admin()
        body = _json_object()
        missing = [
            k
            for k in ("username", "name", "password", "role")
            if not isinstance(body.get(k), str) or not body[k].strip()
        ]
        if missing:
            raise InvalidParameter(
                bilingual("Missing fields: {fields}", fields=", ".join(missing))
            )
        with transaction() as conn:
            user_id = create_user(
                conn,
                body["username"].strip(),
                body["name"].strip(),
                body["password"],
                body["role"],
                body.get("opd_code"),
            )
        return jsonify(
            id=user_id, username=body["username"].strip(), role=body["role"]
        ), 201

    @blueprint.patch("/users/<username>")
    def change_user(username: str) -> Response:
        """Deactivate or reactivate, give another role or a new password; every
        change but reactivation ends the user's sessions at once."""
        _admin()
        body = _json_object()
        with transaction() as conn:
            ended = change_account(conn, username, body, now())
        return jsonify(username=username, sessions_ended=ended)

    @blueprint.post("/api-keys")
    def add_key() -> tuple[Response, int]:
        _admin()
        name = _json_object().get("name")
        if not isinstance(name, str) or not name.strip():
            raise InvalidParameter(bilingual("Missing fields: {fields}", fields="name"))
        with transaction() as conn:
            key = create_api_key(conn, name.strip())
        return jsonify(name=name.strip(), api_key=key, prefix=key[:8]), 201

    @blueprint.delete("/api-keys/<prefix>")
    def revoke_key(prefix: str) -> Response:
        _admin()
        with transaction() as conn:
            name = revoke_api_key(conn, prefix, now())
        return jsonify(revoked=prefix, name=name)

    @blueprint.patch("/categories/<code>")
    def change_category(code: str) -> Response:
        _admin()
        with transaction() as conn:
            return jsonify(update_category(conn, code, _json_object()))

    return blueprint
