"""Landing page and health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template_string, request

from api.db import get_connection
from gis.i18n import _
from layers.complaints import CATEGORY, State
from layers.summary import complaint_status_counts, layer_counts

PAGE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SIGAP Kota Kupang</title>
<style>
 body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
 table{border-collapse:collapse;width:100%}td,th{padding:.35rem .6rem;
 border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}
 .open{color:#b00020}.in_progress{color:#a66300}.closed{color:#1b7a2a}
 small{color:#666}
</style></head><body>
<h1>SIGAP Kota Kupang</h1>
<p>{{ _("Geospatial complaint and oversight system") }}
 <small>/ Geospatial complaint and oversight system</small></p>
<p><a href="/dashboard">{{ _("Command room") }}</a> ·
 <a href="/viewer">{{ _("Map viewer") }}</a> ·
 <a href="/ogcapi">OGC API – Features</a> ·
 <a href="/wms?SERVICE=WMS&amp;REQUEST=GetCapabilities">WMS</a> ·
 <a href="/open311/v2/services.json">Open311</a> ·
 <a href="/maps/red_flags.html">{{ _("Red flags") }}</a></p>
<h2>{{ _("Complaints by status") }}</h2>
<table><tr><th>{{ _("Status") }}</th><th>{{ _("Group") }}</th><th>{{ _("Count") }}</th></tr>
{% for state in states %}<tr><td>{{ state.value }}</td>
<td class="{{ category[state] }}">{{ _(category[state]) }}</td>
<td class="n">{{ "{:,}".format(status_counts.get(state.value, 0)) }}</td></tr>{% endfor %}
</table>
<h2>{{ _("Layers") }}</h2>
<table><tr><th>{{ _("Layer") }}</th><th>{{ _("Name") }}</th><th>{{ _("Geometry") }}</th>
<th>{{ _("Features") }}</th><th>{{ _("Synthetic") }}</th></tr>
{% for row in layers %}<tr><td>{{ _(row.title) }}</td><td><code>{{ row.name }}</code></td>
<td>{{ row.geometry }}</td><td class="n">{{ "{:,}".format(row.features) }}</td>
<td class="n">{{ "{:,}".format(row.synthetic) }}</td></tr>{% endfor %}
</table>
<p><small>{{ _("Boundaries: Kemendagri codes, MIT licence. Roads, PJU, angkot and demo complaints are synthetic.") }}</small></p>
</body></html>"""


def requested_language() -> str:
    """The page language the visitor asked for (``?lang=en``), Indonesian otherwise."""
    return "en" if request.args.get("lang") == "en" else "id"


def make_blueprint() -> Blueprint:
    """Blueprint with ``/`` and ``/health``."""
    blueprint = Blueprint("pages", __name__)

    @blueprint.get("/")
    def index() -> str:
        conn = get_connection()
        return render_template_string(
            PAGE,
            _=_,
            layers=layer_counts(conn),
            states=list(State),
            category=CATEGORY,
            status_counts=complaint_status_counts(conn),
        )

    @blueprint.get("/health")
    def health() -> object:
        get_connection().exec_driver_sql("SELECT 1")
        return jsonify(status="ok")

    @blueprint.get("/api/layers")
    def layers() -> object:
        return jsonify(layers=layer_counts(get_connection()))

    return blueprint
