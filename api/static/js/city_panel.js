// The command room's "Kota" panel: accidents this month against the last with
// the blackspots on a small map over the poverty choropleth, the poor residents,
// streetlight poles out and lit roads, angkot coverage and waste collection, from
// /api/city/panel (and the poverty feed for the map). Kelurahan lines link to the
// tickets of that kelurahan.
import {addBasemap} from "./basemap.js";
import {el, fill, json} from "./common.js";

const POVERTY_COLOURS = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"];
const BLACKSPOT_COLOUR = "#d7191c";

/** Class breaks: the quintiles of the values, so every colour is used. */
function quintiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return [1, 2, 3, 4].map(i => sorted[Math.floor((i * sorted.length) / 5)]);
}

/** ``{load}`` of the panel; ``link(text, filters)`` makes a drill-down link. */
export function cityPanel({T, format, link}) {
  const percent = v => v === null || v === undefined ? "–" :
    new Intl.NumberFormat(T.locale, {style: "percent", maximumFractionDigits: 1}).format(v);
  const text = (id, value) => { document.getElementById(id).textContent = value; };
  const list = (id, items) => document.getElementById(id).replaceChildren(...items);
  const item = (content, filters) => {
    const li = el("li");
    li.append(filters ? link(content, filters) : content);
    return li;
  };
  // a kelurahan's line, linked to its tickets (``filters`` narrow them further)
  const kelurahanItem = (template, k, values, filters = {}) =>
    item(fill(template, {name: k.nama, ...values}), {kelurahan: k.kode, ...filters});

  // the map is made once, the first time the panel has data; the wall hides it
  let map = null;
  let povertyLayer = null;
  let spotLayer = null;
  function ensureMap() {
    if (map || T.wall) return map;
    map = L.map("city-map", {zoomSnap: 0.25, attributionControl: false, preferCanvas: true});
    addBasemap(map, {fit: true, labels: false});
    map.createPane("city").style.zIndex = 450;
    povertyLayer = L.geoJSON(null, {pane: "city"}).addTo(map);
    spotLayer = L.layerGroup().addTo(map);
    return map;
  }

  // the choropleth shows one measure at a time: poverty share or density
  const MEASURES = {poverty_pct: T.legend_poverty, density: T.legend_density};
  let measure = "poverty_pct";
  let feed = null;
  let sites = [];

  function legend(breaks) {
    const box = document.getElementById("city-legend");
    const rows = [el("b", MEASURES[measure])];
    const one = new Intl.NumberFormat(T.locale, {maximumFractionDigits: 1});
    const edges = [null, ...breaks, null];
    POVERTY_COLOURS.forEach((colour, i) => {
      const row = el("span", undefined, "legend-item");
      const mark = el("i", undefined, "box");
      mark.style.background = colour;
      const low = edges[i], high = edges[i + 1];
      const label = low === null ? `< ${one.format(high)}` :
        high === null ? `≥ ${one.format(low)}` : `${one.format(low)}–${one.format(high)}`;
      row.append(mark, label);
      rows.push(row);
    });
    const spot = el("span", undefined, "legend-item");
    const dot = el("i", undefined, "dot");
    dot.style.background = BLACKSPOT_COLOUR;
    spot.append(dot, T.legend_blackspot);
    rows.push(spot);
    box.replaceChildren(...rows);
  }

  function switcher() {
    const box = document.getElementById("city-measure");
    if (!box || box.childElementCount) return;
    for (const [key, label] of Object.entries(MEASURES)) {
      const button = el("button", label);
      button.type = "button";
      button.setAttribute("aria-pressed", String(key === measure));
      button.addEventListener("click", () => {
        measure = key;
        box.querySelectorAll("button").forEach(b =>
          b.setAttribute("aria-pressed", String(b === button)));
        paint();
      });
      box.append(button);
    }
  }

  async function drawMap(newSites) {
    if (!ensureMap()) return;
    sites = newSites;
    feed = await json("/api/feeds/city/poverty?limit=100");
    switcher();
    paint();
  }

  function paint() {
    const values = feed.features.map(f => f.properties[measure]).filter(v => v !== null);
    const breaks = values.length ? quintiles(values) : [];
    const colour = v => POVERTY_COLOURS[v === null ? 0 : breaks.filter(b => v >= b).length];
    const number = new Intl.NumberFormat(T.locale, {maximumFractionDigits: 1});
    const unit = measure === "poverty_pct" ? " %" : " /km²";
    povertyLayer.clearLayers();
    povertyLayer.addData(feed);
    povertyLayer.eachLayer(layer => {
      const v = layer.feature.properties[measure];
      layer.setStyle({color: "#555", weight: .6, fillOpacity: .75, fillColor: colour(v)});
      layer.bindTooltip(`${layer.feature.properties.nama}: ${v === null ? "–" : number.format(v) + unit}`);
    });
    spotLayer.clearLayers();
    for (const s of sites) {
      L.circleMarker([s.lat, s.lon], {pane: "city", radius: 7, color: "#fff", weight: 2,
        fillColor: BLACKSPOT_COLOUR, fillOpacity: 1})
        .bindTooltip(blackspotText(s)).addTo(spotLayer);
    }
    if (breaks.length) legend(breaks);
  }

  const blackspotText = s => fill(T.blackspot, {
    road: s.road_names.join(" / ") || T.unnamed_road, aek: format.one(s.aek),
    accidents: format.whole(s.accidents), died: format.whole(s.died)});

  function accidents(c) {
    const a = c.accidents;
    const year = a.last_12_months;
    const any = year.accidents > 0 || c.blackspots.sites.length > 0;
    text("accidents-month", any ? format.whole(a.this_month.accidents) : "–");
    text("accidents-note", any ? fill(T.accidents_note, {last: format.whole(a.last_month.accidents),
      year: format.whole(year.accidents), died: format.whole(year.died),
      serious: format.whole(year.serious_injuries), minor: format.whole(year.minor_injuries),
      per_1000: year.per_1000_residents === undefined ? "–" :
        new Intl.NumberFormat(T.locale, {maximumFractionDigits: 2}).format(year.per_1000_residents),
    }) : T.no_accidents);
    list("blackspot-list", c.blackspots.sites.slice(0, 3).map(s => item(blackspotText(s))));
  }

  function poverty(c) {
    const p = c.population;
    text("poverty-share", p.population ? percent(p.poor_share) : "–");
    let note = p.population ? fill(T.poverty_note, {poor: format.whole(p.poor_people),
      population: format.whole(p.population), period: p.period}) : T.no_indicators;
    if (p.synthetic) note += ` · ${T.synthetic}`;
    text("poverty-note", note);
    list("poverty-list", (p.poorest || []).slice(0, 3).map(k =>
      kelurahanItem(T.poverty_item, k, {share: percent(k.poor_share)})));
  }

  function poles(c) {
    const s = c.streetlights;
    text("poles-out", s.total ? format.whole(s.dead + s.damaged) : "–");
    text("poles-note", s.total ? fill(T.poles_note, {dead: format.whole(s.dead),
      damaged: format.whole(s.damaged), total: format.whole(s.total), on: format.whole(s.on)})
      : T.no_poles);
  }

  function lighting(c) {
    const l = c.streetlights.lighting;
    text("lighting-share", l.run_id ? percent(l.lit_share) : "–");
    text("lighting-note", l.run_id ? fill(T.lighting_note, {lit: format.one(l.lit_km),
      road: format.one(l.road_km), reports: format.whole(l.reports),
      dead: format.whole(c.streetlights.dead),
      repeated: format.whole(l.repeated_pole_outages)}) : T.no_networks);
    const gaps = (l.report_gaps || []).map(k => kelurahanItem(T.lighting_gap, k,
      {reports: format.whole(k.reports), dead: format.whole(k.dead + k.damaged)},
      {kategori: "lampu_jalan_mati"}));
    const corridors = (l.dead_lamp_corridors || []).slice(0, 2).map(k => item(
      fill(T.lighting_corridor, {roads: k.roads.join(", "), reports: format.whole(k.reports),
        m: format.whole(k.length_m)})));
    list("lighting-gaps", gaps.concat(corridors));
  }

  function angkot(c) {
    const a = c.angkot;
    text("angkot-share", a.run_id ? percent(a.share) : "–");
    text("angkot-note", a.run_id ? fill(T.angkot_note, {covered: format.whole(a.residents_covered),
      population: format.whole(a.population), stops: format.whole(a.stops),
      routes: format.whole(a.routes)}) : T.no_networks);
    const least = (a.least_covered || []).map(k => kelurahanItem(T.angkot_least, k,
      {share: percent(k.share), stops: format.whole(k.stops)}));
    const routes = (a.routes_most_complaints || []).slice(0, 1).map(r => item(fill(T.angkot_route,
      {code: r.code, name: r.name, complaints: format.whole(r.complaints), per_km: format.one(r.per_km)})));
    list("angkot-least", least.concat(routes));
  }

  function waste(c) {
    const w = c.waste;
    text("waste-share", w.analysed ? percent(w.share) : "–");
    text("waste-note", w.analysed ? fill(T.waste_note, {covered: format.whole(w.residents_covered),
      population: format.whole(w.population), points: format.whole(w.points),
      reports_share: percent(w.reports_share), reports: format.whole(w.rubbish_reports)})
      : T.no_waste);
    const problems = (w.schedule_problems || []).map(p => {
      const li = item(fill(T.waste_problem, {name: p.name, kelurahan: p.nama || "–",
        off: format.whole(p.off_day_reports), reports: format.whole(p.reports)}),
      {kelurahan: p.kode, kategori: "kebersihan"});
      li.classList.add("problem");
      return li;
    });
    const least = (w.least_covered || []).map(k => kelurahanItem(T.waste_least, k,
      {share: percent(k.share), points: format.whole(k.points)}, {kategori: "kebersihan"}));
    list("waste-list", problems.concat(least));
  }

  async function load() {
    const c = await json("/api/city/panel");
    accidents(c);
    poverty(c);
    poles(c);
    lighting(c);
    angkot(c);
    waste(c);
    await drawMap(c.blackspots.sites);
  }
  return {load};
}
