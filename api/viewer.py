"""The browser map viewer at ``/viewer``: every published layer over SIGAP's own WMS,
a time slider for the complaints, click for details, and the service URLs a QGIS
user needs. The page is ``templates/viewer.html`` with ``static/js/viewer.js``;
Leaflet comes from ``/static/vendor`` (no CDN)."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from api.cache import catalogue
from api.db import get_connection, now
from api.pages import browser_locale
from gis.i18n import _
from layers.catalogue import GROUPS, SHOWN_AT_START


def make_blueprint() -> Blueprint:
    """The ``/viewer`` page."""
    blueprint = Blueprint("viewer", __name__)

    @blueprint.get("/viewer")
    def viewer() -> str:
        layers = catalogue(get_connection(), now()).values()
        groups = [
            (title, [layer for layer in layers if layer.group == group])
            for group, title in GROUPS.items()
        ]
        return render_template(
            "viewer.html",
            groups=groups,
            shown=SHOWN_AT_START,
            wms=url_for("wms.endpoint", _external=True),
            oapif=url_for("features.landing", _external=True),
            texts={
                "nothing": _("Nothing here"),
                "now": now().isoformat(),
                "locale": browser_locale(),
            },
        )

    return blueprint
