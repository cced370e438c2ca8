"""The browser map viewer at ``/viewer``: every published layer over SIGAP's own WMS,
a time slider for the complaints, click for details, and the service URLs a QGIS
user needs. Leaflet comes from ``/static/vendor`` (no CDN)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template_string, url_for

from api.cache import catalogue
from api.db import get_connection, now
from api.pages import requested_language
from gis.i18n import _, language
from layers.published import GROUPS

PAGE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SIGAP — {{ _("Map viewer") }}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<style>
 body{margin:0;font:13px system-ui,sans-serif;display:flex;height:100vh}
 aside{width:310px;overflow:auto;padding:8px 10px;border-right:1px solid #ccc}
 #map{flex:1} h1{font-size:16px;margin:4px 0} h2{font-size:13px;margin:10px 0 4px}
 label{display:block;margin:2px 0} code{font-size:11px;word-break:break-all}
 #info table{border-collapse:collapse}#info td,#info th{padding:2px 4px;
  border-bottom:1px solid #eee;text-align:left;vertical-align:top}
</style></head><body>
<aside>
<h1>SIGAP Kota Kupang</h1>
{% for group, members in groups %}
<h2>{{ group }}</h2>
{% for layer in members %}<label><input type="checkbox" class="layer" value="{{ layer.name }}"
 {% if layer.name in shown %}checked{% endif %}> {{ layer.title }}</label>{% endfor %}
{% endfor %}
<h2>{{ _("Complaints reported") }}</h2>
<input type="range" id="days" min="1" max="365" value="365" style="width:100%">
<div id="period"></div>
<h2>{{ _("Details") }}</h2><div id="info">{{ _("Click the map") }}</div>
<h2>QGIS</h2>
<div>WMS: <code id="wms-url">{{ wms }}</code></div>
<div>OGC API – Features: <code id="oapif-url">{{ oapif }}</code></div>
</aside>
<div id="map"></div>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script>
const T = {{ texts | tojson }};
const map = L.map("map").setView([-10.18, 123.60], 13);
const overlays = {};
// the server's clock (which SIGAP_NOW may pin), running on from page load
const CLOCK_OFFSET = Date.parse(T.now) - Date.now();
const WITA_DAY = new Intl.DateTimeFormat(T.locale, {timeZone: "Asia/Makassar",
  day: "numeric", month: "short", year: "numeric"});
function period() {
  const days = +document.getElementById("days").value;
  const end = new Date(Date.now() + CLOCK_OFFSET);
  const start = new Date(end - days * 86400000);
  document.getElementById("period").textContent =
    `${WITA_DAY.format(start)} – ${WITA_DAY.format(end)}`;
  // up to this very moment: a bare date would end at midnight WITA
  return `${start.toISOString()}/${end.toISOString()}`;
}
function refresh() {
  const time = period();
  document.querySelectorAll(".layer").forEach(box => {
    const name = box.value;
    if (box.checked && !overlays[name]) {
      overlays[name] = L.tileLayer.wms("/wms", {layers: name, format: "image/png",
        transparent: true, version: "1.3.0", tileSize: 512}).addTo(map);
    } else if (!box.checked && overlays[name]) {
      map.removeLayer(overlays[name]); delete overlays[name];
    }
    if (overlays[name] && name === "complaints") overlays[name].setParams({TIME: time});
  });
}
document.querySelectorAll(".layer").forEach(b => b.addEventListener("change", refresh));
document.getElementById("days").addEventListener("change", refresh);
map.on("click", async event => {
  const names = Object.keys(overlays).filter(n => !n.startsWith("density_")).reverse();
  if (!names.length) return;
  const size = map.getSize(), bounds = map.getBounds();
  const sw = map.options.crs.project(bounds.getSouthWest());
  const ne = map.options.crs.project(bounds.getNorthEast());
  const point = map.latLngToContainerPoint(event.latlng);
  const query = new URLSearchParams({SERVICE: "WMS", VERSION: "1.3.0",
    REQUEST: "GetFeatureInfo", LAYERS: names.join(","), QUERY_LAYERS: names.join(","),
    STYLES: "", CRS: "EPSG:3857", BBOX: [sw.x, sw.y, ne.x, ne.y].join(","),
    WIDTH: size.x, HEIGHT: size.y, I: Math.round(point.x), J: Math.round(point.y),
    INFO_FORMAT: "application/json", FEATURE_COUNT: 5, TIME: period()});
  const response = await fetch("/wms?" + query);
  const found = await response.json();
  const info = document.getElementById("info"); info.innerHTML = "";
  if (!found.features.length) { info.textContent = T.nothing; return; }
  found.features.forEach(f => {
    const table = document.createElement("table");
    const head = document.createElement("tr"); const th = document.createElement("th");
    th.colSpan = 2; th.textContent = f.layer; head.appendChild(th); table.appendChild(head);
    Object.entries(f.properties).forEach(([k, v]) => {
      const tr = document.createElement("tr");
      [k, v].forEach((x, i) => { const c = document.createElement(i ? "td" : "th");
        c.textContent = x; tr.appendChild(c); });
      table.appendChild(tr); });
    info.appendChild(table); });
});
refresh();
</script></body></html>"""

SHOWN = ("kelurahan", "roads", "complaints")


def make_blueprint() -> Blueprint:
    """The ``/viewer`` page."""
    blueprint = Blueprint("viewer", __name__)

    @blueprint.get("/viewer")
    def viewer() -> Response:
        with language(requested_language()) as lang:
            layers = catalogue(get_connection(), now()).values()
            groups = [
                (
                    _(title),
                    [
                        {"name": layer.name, "title": layer.title_in()}
                        for layer in layers
                        if layer.group == group
                    ],
                )
                for group, title in GROUPS.items()
            ]
            body = render_template_string(
                PAGE,
                _=_,
                lang=lang,
                groups=groups,
                shown=SHOWN,
                wms=url_for("wms.endpoint", _external=True),
                oapif=url_for("features.landing", _external=True),
                texts={
                    "nothing": _("Nothing here"),
                    "now": now().isoformat(),
                    "locale": "id-ID" if lang == "id" else "en-GB",
                },
            )
        return Response(body, content_type="text/html; charset=utf-8")

    return blueprint
