"""The browser map viewer at ``/viewer``: every published layer over SIGAP's own WMS
in a grouped, collapsible tree (the per-category layers behind one category
choice), a legend from GetLegendGraphic, a period from one WITA day to another
with playback by week, a click panel in words, and the service URLs a QGIS user
needs. The page is ``templates/viewer.html`` with ``static/js/viewer.js``;
Leaflet comes from ``/static/vendor`` (no CDN)."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template, url_for

from api.cache import catalogue
from api.db import get_connection, now
from api.pages import browser_locale
from gis.i18n import _, current_language
from gis.layer import Layer
from gis.timeutil import wita_today
from layers.catalogue import (
    GROUPS,
    PER_CATEGORY,
    SHOWN_AT_START,
    coded_values,
    service_extent,
)
from layers.categories import active_categories

#: how far back the period reaches when the page opens: a year
START_DAYS = 365


def _describe(layer: Layer) -> dict[str, object]:
    return {
        "name": layer.name,
        "title": layer.title_in(),
        "kind": layer.kind,
        "style": layer.styles[0] if layer.styles else "",
        "time": bool(layer.time_field),
        "queryable": layer.queryable,
        "columns": [
            [column, layer.column_title(column, None)]
            for column, _title in layer.columns
        ],
    }


def _kind_title(template: Layer) -> str:
    """A template's title without its category (``Red flags``)."""
    return _(template.title, category="").rstrip(" :")


def make_blueprint() -> Blueprint:
    """The ``/viewer`` page."""
    blueprint = Blueprint("viewer", __name__)

    @blueprint.get("/viewer")
    def viewer() -> str:
        conn = get_connection()
        clock = now()
        layers = catalogue(conn, clock)
        templates = {t.name for t in PER_CATEGORY}
        groups = [
            (
                group,
                _(title),
                [
                    _describe(layer)
                    for layer in layers.values()
                    if layer.group == group and not layer.category
                ],
            )
            for group, title in GROUPS.items()
        ]
        kinds = [
            {"kind": t.name, "title": _kind_title(t), "style": t.styles[0]}
            for t in PER_CATEGORY
        ]
        categories = [
            {"code": code, "name": name}
            for code, name in active_categories(conn)
            if any(f"{kind}_{code}" in layers for kind in templates)
        ]
        boxes, days = service_extent(conn)
        today = wita_today(clock)
        start = today - timedelta(days=START_DAYS)
        first = min(days[0], start) if days else start
        return render_template(
            "viewer.html",
            groups=[g for g in groups if g[2]],
            kinds=kinds,
            categories=categories,
            shown=SHOWN_AT_START,
            first=first.isoformat(),
            today=today.isoformat(),
            start=start.isoformat(),
            wms=url_for("wms.endpoint", _external=True),
            oapif=url_for("features.landing", _external=True),
            data={
                "layers": {layer.name: _describe(layer) for layer in layers.values()},
                "values": coded_values(conn),
                "bbox": boxes["EPSG:4326"],
                "now": clock.isoformat(),
                "locale": browser_locale(),
                "language": current_language.get(),
                "texts": {
                    "nothing": _("Nothing here"),
                    "yes": _("Yes"),
                    "no": _("No"),
                    "open_ticket": _("Open the ticket page"),
                    "grouped": _(
                        "{count} complaints around here: zoom in to see each one"
                    ),
                    "week": _("Week of {start} – {end}"),
                    "play": _("Play by week"),
                    "pause": _("Pause"),
                    "bad_range": _("The start date must be before the end date"),
                    "no_layer": _("No layer shown"),
                },
            },
        )

    return blueprint
