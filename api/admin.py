"""Administration over HTTP (role ``admin``): staff accounts, API keys, categories,
routing rules, holidays and response templates, each change audited. The console
pages (:mod:`api.admin_pages`) call the same :mod:`layers.admin` (accounts, keys)
and :mod:`layers.settings` (categories, routing, holidays) functions."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from api.db import get_connection, now, transaction
from api.staff import current_actor
from gis.errors import InvalidParameter
from gis.i18n import bilingual
from layers import admin, settings, templates
from layers.audit import audit_log


def _json_object() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidParameter(bilingual("Send a JSON object"))
    return body


def _admin():
    actor = current_actor()
    admin.require_admin(actor)
    return actor


def make_blueprint() -> Blueprint:
    """Blueprint with ``/api/admin/…``."""
    blueprint = Blueprint("admin", __name__, url_prefix="/api/admin")

    @blueprint.post("/users")
    def add_user() -> tuple[Response, int]:
        actor = _admin()
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
        if not isinstance(body.get("opd_code"), str | None):
            raise InvalidParameter(
                bilingual("Wrong type for {field}", field="opd_code")
            )
        with transaction() as conn:
            user_id = admin.add_user(
                conn,
                actor,
                body["username"],
                body["name"],
                body["password"],
                body["role"],
                body.get("opd_code"),
                now(),
            )
        return jsonify(
            id=user_id, username=body["username"].strip(), role=body["role"]
        ), 201

    @blueprint.patch("/users/<username>")
    def change_user(username: str) -> Response:
        """Deactivate or reactivate, give another role or a new password; every
        change but reactivation ends the user's sessions at once."""
        actor = _admin()
        body = _json_object()
        with transaction() as conn:
            ended = admin.change_user(conn, actor, username, body, now())
        return jsonify(username=username, sessions_ended=ended)

    @blueprint.post("/api-keys")
    def add_key() -> tuple[Response, int]:
        actor = _admin()
        name = _json_object().get("name")
        with transaction() as conn:
            key = admin.add_api_key(conn, actor, name, now())
        return jsonify(name=name.strip(), api_key=key, prefix=key[:8]), 201

    @blueprint.delete("/api-keys/<prefix>")
    def revoke_key(prefix: str) -> Response:
        actor = _admin()
        with transaction() as conn:
            name = admin.revoke_api_key(conn, actor, prefix, now())
        return jsonify(revoked=prefix, name=name)

    @blueprint.patch("/categories/<code>")
    def change_category(code: str) -> Response:
        actor = _admin()
        with transaction() as conn:
            return jsonify(
                settings.change_category(conn, actor, code, _json_object(), now())
            )

    @blueprint.get("/routing-rules")
    def rules() -> Response:
        _admin()
        return jsonify(rules=settings.routing_rules(get_connection()))

    @blueprint.post("/routing-rules")
    def add_rule() -> tuple[Response, int]:
        actor = _admin()
        with transaction() as conn:
            return jsonify(
                settings.add_routing_rule(conn, actor, _json_object(), now())
            ), 201

    @blueprint.patch("/routing-rules/<int:rule_id>")
    def change_rule(rule_id: int) -> Response:
        actor = _admin()
        with transaction() as conn:
            return jsonify(
                settings.change_routing_rule(
                    conn, actor, rule_id, _json_object(), now()
                )
            )

    @blueprint.put("/holidays/<day>")
    def set_holiday(day: str) -> Response:
        actor = _admin()
        body = _json_object()
        active = body.get("active", True)
        if not isinstance(active, bool):
            raise InvalidParameter(bilingual("Wrong type for {field}", field="active"))
        with transaction() as conn:
            moved = settings.set_holiday(
                conn,
                actor,
                day,
                body.get("name"),
                body.get("kind", "national"),
                now(),
                active=active,
            )
        return jsonify(day=day, deadlines_moved=moved)

    @blueprint.get("/response-templates")
    def response_templates() -> Response:
        _admin()
        return jsonify(
            templates=templates.response_templates(
                get_connection(), include_inactive=True
            )
        )

    @blueprint.post("/response-templates")
    def add_template() -> tuple[Response, int]:
        actor = _admin()
        with transaction() as conn:
            created = templates.add_response_template(
                conn, actor, _json_object(), now()
            )
        return jsonify(created), 201

    @blueprint.patch("/response-templates/<int:template_id>")
    def change_template(template_id: int) -> Response:
        actor = _admin()
        with transaction() as conn:
            return jsonify(
                templates.change_response_template(
                    conn, actor, template_id, _json_object(), now()
                )
            )

    @blueprint.get("/audit")
    def audit() -> Response:
        _admin()
        return jsonify(audit=audit_log(get_connection()))

    return blueprint
