"""Landing page, health check, and what every HTML page shares: the request's
language (``?lang=en``, Indonesian otherwise), the base layout's navigation and
language switch, and the catalogue and formats inside templates."""

from __future__ import annotations

import urllib.parse

from flask import (
    Blueprint,
    current_app,
    g,
    jsonify,
    render_template,
    request,
    session,
    url_for,
)

from api.db import get_connection, settings
from gis.db import get_engine
from gis.formats import install, locale_of
from gis.i18n import N_, current_language
from layers.accounts import ROLE_LABELS
from layers.health import health as check_health
from layers.status import GROUP_LABELS, State, group_of
from layers.summary import complaint_status_counts, layer_counts

#: the base layout's menu: endpoint → label msgid
NAVIGATION = (
    ("dashboard.page", N_("Command room")),
    ("viewer.viewer", N_("Map viewer")),
    ("dashboard.latest_brief", N_("Morning brief")),
    ("tickets.reports", N_("Public reports")),
)
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def requested_language() -> str:
    """The page language the visitor asked for (``?lang=en``), Indonesian otherwise."""
    return "en" if request.args.get("lang") == "en" else "id"


def browser_locale() -> str:
    """The BCP 47 tag page scripts format numbers and dates with (``id-ID``)."""
    return locale_of().replace("_", "-")


def page_url(endpoint: str, **values: object) -> str:
    """``url_for`` that keeps the visitor's language."""
    if current_language.get() == "en":
        values.setdefault("lang", "en")
    return url_for(endpoint, **values)


def _other_language() -> dict[str, str]:
    code = "id" if current_language.get() == "en" else "en"
    args = {k: v for k, v in request.args.items(multi=True) if k != "lang"}
    if code == "en":
        args["lang"] = "en"
    query = urllib.parse.urlencode(args)
    url = request.path + (f"?{query}" if query else "")
    return {"code": code, "name": LANGUAGE_NAMES[code], "url": url}


def _layout() -> dict[str, object]:
    return {
        "lang": current_language.get(),
        "navigation": NAVIGATION,
        "page_url": page_url,
        "other_language": _other_language(),
        "staff": session.get("staff"),
        "role_labels": ROLE_LABELS,
    }


def make_blueprint() -> Blueprint:
    """Blueprint with ``/``, ``/health``, ``/api/layers`` and ``/favicon.ico``; it
    also sets every request's language and gives templates the layout's context."""
    blueprint = Blueprint("pages", __name__)
    blueprint.record_once(lambda state: install(state.app.jinja_env))
    blueprint.app_context_processor(_layout)

    @blueprint.before_app_request
    def choose_language() -> None:
        g.language_token = current_language.set(requested_language())

    @blueprint.teardown_app_request
    def restore_language(_error: BaseException | None) -> None:
        token = g.pop("language_token", None)
        if token is not None:
            current_language.reset(token)

    @blueprint.get("/")
    def index() -> str:
        conn = get_connection()
        return render_template(
            "index.html",
            layers=layer_counts(conn),
            states=[(state.value, group_of(state)) for state in State],
            groups=GROUP_LABELS,
            status_counts=complaint_status_counts(conn),
        )

    @blueprint.get("/favicon.ico")
    def favicon() -> object:
        # pages carry <link rel="icon">; Folium maps and the brief do not
        return current_app.send_static_file("favicon.png")

    @blueprint.get("/health")
    def health() -> object:
        """200 ``{"status": "ok"}``, or 503 naming what is down (``database``,
        ``migrations``, ``media``) for a monitor to page on."""
        report = check_health(get_engine(settings()), settings())
        if report["status"] == "ok":
            return jsonify(report)
        response = jsonify(report)
        response.status_code = 503
        response.headers["Retry-After"] = "30"
        response.headers["Cache-Control"] = "no-store"
        return response

    @blueprint.get("/api/layers")
    def layers() -> object:
        return jsonify(layers=layer_counts(get_connection()))

    return blueprint
