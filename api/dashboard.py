"""The command room: one screen with today's numbers, red flags, OPD performance,
emerging hot spots and the newest reports, updated live from ``/api/events``.

``/dashboard`` (Indonesian; ``?lang=en`` for English) is the public transparency
view: nothing on it is personal. It reads ``/api/dashboard/summary``,
``/api/feeds/red-flags`` and ``/api/scoreboard``; Leaflet and Chart.js come from
``/static/vendor`` (no CDN).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template_string,
    request,
    send_file,
    session,
    url_for,
)

from api.db import get_connection, now
from api.pages import requested_language
from gis.errors import Forbidden, NotFound
from gis.i18n import _, bilingual, language
from layers.accounts import authenticate
from layers.brief import latest
from layers.summary import dashboard_summary

PAGE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SIGAP — {{ _("Command room") }}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<style>
 body{font:14px system-ui,sans-serif;margin:0;background:#f4f4f2;color:#222}
 header{background:#12355b;color:#fff;padding:.6rem 1rem;display:flex;
  justify-content:space-between;align-items:center}
 header a{color:#cde}
 main{display:grid;grid-template-columns:repeat(12,1fr);gap:12px;padding:12px}
 section{background:#fff;border-radius:6px;padding:10px 12px;
  box-shadow:0 1px 2px rgba(0,0,0,.1)}
 h2{font-size:15px;margin:.2rem 0 .6rem}
 .counts{grid-column:span 12;display:flex;gap:12px}
 .count{flex:1;text-align:center}.count b{display:block;font-size:34px}
 .open b{color:#d7191c}.in_progress b{color:#e66101}.closed b{color:#1a9641}
 #map{height:360px}.wide{grid-column:span 7}.narrow{grid-column:span 5}
 table{border-collapse:collapse;width:100%}td,th{padding:3px 6px;
  border-bottom:1px solid #eee;text-align:left}td.n{text-align:right}
 .red{color:#d7191c;font-weight:600}.amber{color:#e66101}
 #live li{animation:flash 2s}@keyframes flash{from{background:#fff3b0}to{background:none}}
</style></head><body>
<header><b>SIGAP Kota Kupang — {{ _("Command room") }}</b>
<span id="clock"></span>
<span>{% if staff %}{{ staff[0] }} ({{ staff[1] }}) · <a href="/logout">{{ _("Sign out") }}</a>{% else %}<a href="/login" id="login">{{ _("Staff sign-in") }}</a>{% endif %} ·
<a href="?lang={{ 'en' if lang == 'id' else 'id' }}">{{ 'English' if lang == 'id' else 'Bahasa Indonesia' }}</a></span></header>
<main>
<section class="counts">
 {% for group in ("open", "in_progress", "closed") %}
 <div class="count {{ group }}"><span>{{ _(labels[group]) }}</span>
  <b id="today-{{ group }}">–</b><small>{{ _("today") }} ·
  <span id="week-{{ group }}">–</span> {{ _("last 7 days") }}</small></div>
 {% endfor %}
</section>
<section class="wide"><h2>{{ _("Red flags: unhandled for 7 days") }}</h2><div id="map"></div></section>
<section class="narrow"><h2>{{ _("Red flags") }}</h2><table id="flags"></table></section>
<section class="wide"><h2>{{ _("Reports per day, last 30 days") }}</h2><canvas id="trend" height="110"></canvas></section>
<section class="narrow"><h2>{{ _("Newest reports") }}</h2><ul id="live"></ul></section>
<section class="wide"><h2>{{ _("OPD scoreboard, last 30 days") }}</h2><table id="board"></table></section>
<section class="narrow"><h2>{{ _("New and intensifying hot spots") }}</h2><ul id="emerging"></ul></section>
{% if staff %}<section class="wide"><h2>{{ _("Top priorities and why") }}</h2><ol id="priorities"></ol></section>{% endif %}
</main>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script src="/static/vendor/chart.js/chart.umd.js"></script>
<script>
const T = {{ texts | tojson }};
const COLORS = {open: "#d7191c", in_progress: "#fd8d3c", closed: "#1a9641"};
const text = (tag, value, cls) => { const e = document.createElement(tag);
  e.textContent = value; if (cls) e.className = cls; return e; };
const map = L.map("map", {zoomControl: true}).setView([-10.18, 123.60], 12);
let flagLayer = null, chart = null;
function row(table, cells, head) { const tr = document.createElement("tr");
  cells.forEach(c => tr.appendChild(text(head ? "th" : "td", c[0], c[1])));
  table.appendChild(tr); }
async function json(url) { const r = await fetch(url); if (!r.ok) throw new Error(url);
  return r.json(); }
async function loadSummary() {
  const s = await json("/api/dashboard/summary");
  for (const g of ["open", "in_progress", "closed"]) {
    document.getElementById("today-" + g).textContent = s.counts.today[g];
    document.getElementById("week-" + g).textContent = s.counts.week[g];
  }
  const live = document.getElementById("live"); live.innerHTML = "";
  s.latest.forEach(r => live.appendChild(text("li",
    `${r.ticket} · ${r.category} · ${r.kelurahan} · ${T[r.status_group]}`, "ticket")));
  const emerging = document.getElementById("emerging"); emerging.innerHTML = "";
  if (!s.emerging.length) emerging.appendChild(text("li", T.none));
  s.emerging.forEach(e => emerging.appendChild(text("li",
    `${e.kelurahan} · ${e.category} · ${T[e.pattern] || e.pattern}`)));
  const days = [...new Set(s.series.map(p => p.day))];
  const data = g => days.map(d => (s.series.find(p => p.day === d && p.group === g)
    || {count: 0}).count);
  const datasets = ["open", "in_progress", "closed"].map(g => ({label: T[g],
    data: data(g), backgroundColor: COLORS[g]}));
  if (chart) { chart.data.labels = days; chart.data.datasets = datasets; chart.update(); }
  else chart = new Chart(document.getElementById("trend"), {type: "bar",
    data: {labels: days, datasets}, options: {animation: false, responsive: true,
    scales: {x: {stacked: true}, y: {stacked: true}}}});
}
async function loadFlags() {
  const f = await json("/api/feeds/red-flags?limit=100");
  if (flagLayer) map.removeLayer(flagLayer);
  flagLayer = L.geoJSON(f, {style: x => ({color: "#555", weight: 1, fillOpacity: .6,
    fillColor: {red: "#d7191c", amber: "#fdae61", green: "#a6d96a"}[x.properties.flag]}),
    onEachFeature: (x, layer) => layer.bindPopup(`<b>${x.properties.nama}</b><br>` +
      `${x.properties.categories}<br>${x.properties.unhandled} ${T.unhandled}`)}).addTo(map);
  const table = document.getElementById("flags"); table.innerHTML = "";
  row(table, [[T.kelurahan], [T.categories], [T.oldest]], true);
  f.features.filter(x => x.properties.flag !== "green").forEach(x => row(table, [
    [x.properties.nama, x.properties.flag], [x.properties.categories],
    [x.properties.oldest_days, "n"]]));
}
async function loadBoard() {
  const b = await json("/api/scoreboard?days=30");
  const table = document.getElementById("board"); table.innerHTML = "";
  row(table, [["#"], ["OPD"], [T.reports], [T.within_sla], [T.response]], true);
  if (!b.opd.length) row(table, [[T.no_reports_30, "empty"]]);
  b.opd.forEach(o => row(table, [[o.rank, "n"], [o.short_name || o.opd_code],
    [o.total, "n"], [o.within_sla_share == null ? "–" :
      Math.round(o.within_sla_share * 100) + "%", "n"],
    [o.response_median_h == null ? "–" : o.response_median_h.toFixed(1) + " j", "n"]]));
}
async function loadPriorities() {
  const list = document.getElementById("priorities"); if (!list) return;
  const p = await json("/api/priorities?limit=8"); list.innerHTML = "";
  p.priorities.forEach(t => { const item = text("li", `${t.ticket} · ${t.score} — `);
    item.appendChild(text("span", t.reasons.map(r => r.reason).join("; ")));
    list.appendChild(item); });
}
let pending = null;
function refresh() { clearTimeout(pending);
  pending = setTimeout(() => { loadSummary(); loadFlags(); loadPriorities(); }, 300); }
const events = new EventSource("/api/events");
events.addEventListener("complaint", refresh);
// the server's clock (which SIGAP_NOW may pin), running on from page load
const CLOCK_OFFSET = Date.parse(T.now) - Date.now();
function tick() { document.getElementById("clock").textContent =
  new Date(Date.now() + CLOCK_OFFSET).toLocaleString(T.locale,
    {timeZone: "Asia/Makassar"}) + " WITA"; }
tick(); setInterval(tick, 1000);
Promise.all([loadSummary(), loadFlags(), loadBoard(), loadPriorities()]);
</script></body></html>"""

LOGIN = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>SIGAP — {{ _("Staff sign-in") }}</title><link rel="icon" href="data:,">
<style>body{font:15px system-ui,sans-serif;max-width:22rem;margin:4rem auto}
label,input,button{display:block;width:100%;margin:.3rem 0}.error{color:#b00020}</style>
</head><body><h1>{{ _("Staff sign-in") }}</h1>
{% if error %}<p class="error" id="error">{{ error }}</p>{% endif %}
<form method="post"><label>{{ _("Username") }}<input name="username" id="username" autofocus></label>
<label>{{ _("Password") }}<input name="password" id="password" type="password"></label>
<button type="submit" id="submit">{{ _("Sign in") }}</button></form>
<p><a href="/dashboard">{{ _("Public transparency page") }}</a></p></body></html>"""

LABELS = {"open": "Untouched", "in_progress": "In progress", "closed": "Handled"}
#: words the page's script shows, by key (msgids)
TEXTS = {
    **LABELS,
    "none": "None at the moment",
    "unhandled": "unhandled",
    "kelurahan": "Kelurahan",
    "no_reports_30": "No reports in the last 30 days",
    "categories": "Categories",
    "oldest": "Oldest (days)",
    "reports": "Reports",
    "within_sla": "Within SLA",
    "response": "First response (median)",
    "new hot spot": "new hot spot",
    "intensifying hot spot": "intensifying hot spot",
    "consecutive hot spot": "consecutive hot spot",
}


def make_blueprint() -> Blueprint:
    """The ``/dashboard`` page and its summary endpoint."""
    blueprint = Blueprint("dashboard", __name__)

    @blueprint.get("/dashboard")
    def page() -> Response:
        with language(requested_language()) as lang:
            texts = {key: _(msgid) for key, msgid in TEXTS.items()}
            texts["locale"] = "id-ID" if lang == "id" else "en-GB"
            texts["now"] = now().isoformat()
            body = render_template_string(
                PAGE,
                _=_,
                lang=lang,
                labels=LABELS,
                texts=texts,
                staff=session.get("staff"),
            )
        return Response(body, content_type="text/html; charset=utf-8")

    @blueprint.route("/login", methods=["GET", "POST"])
    def login() -> Response:
        """Staff sign in with their SIGAP account; the session lasts the browser's."""
        error = None
        with language(requested_language()) as lang:
            if request.method == "POST":
                try:
                    actor = authenticate(
                        get_connection(),
                        request.form.get("username", ""),
                        request.form.get("password", ""),
                    )
                except Forbidden as refused:
                    error = refused.message
                else:
                    session.clear()
                    session["staff"] = [actor.name, actor.role, actor.opd_code]
                    return redirect(url_for("dashboard.page"))
            body = render_template_string(LOGIN, _=_, lang=lang, error=error)
        return Response(
            body, status=403 if error else 200, content_type="text/html; charset=utf-8"
        )

    @blueprint.get("/logout")
    def logout() -> Response:
        session.clear()
        return redirect(url_for("dashboard.page"))

    @blueprint.get("/brief")
    @blueprint.get("/brief.pdf")
    def latest_brief() -> Response:
        """The newest morning brief (``sigap brief`` writes them)."""
        pdf = request.path.endswith(".pdf")
        folder = current_app.config["SIGAP_SETTINGS"].var_dir / "briefs"
        found = latest(folder, ".pdf" if pdf else ".html")
        if found is None:
            raise NotFound(bilingual("No morning brief yet: run sigap brief"))
        return send_file(
            found, mimetype="application/pdf" if pdf else "text/html", max_age=0
        )

    @blueprint.get("/api/dashboard/summary")
    def summary() -> Response:
        return jsonify(dashboard_summary(get_connection(), now()))

    return blueprint
