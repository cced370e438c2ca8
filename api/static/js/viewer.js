// The map viewer: SIGAP's own WMS layers over Leaflet in a grouped tree, their
// legends, a WITA period with playback by week (WMS TIME), and a click panel
// that speaks in words and Indonesian number formats.
import {addBasemap} from "./basemap.js";
import {el, fill, json, pageData} from "./common.js";

const T = pageData();
const texts = T.texts;
const map = L.map("map", {zoomSnap: 0.25});
const [west, south, east, north] = T.bbox;
// SIGAP's layers above the basemap's land and boundaries, below its names
map.createPane("sigap").style.zIndex = 450;
// the page tests drive the map
window.map = map;
const overlays = {};
const DAY = 86400000;
const WITA_OFFSET = "+08:00";
const DATE = new Intl.DateTimeFormat(T.locale, {timeZone: "Asia/Makassar",
  day: "numeric", month: "short", year: "numeric"});
const SHORT = new Intl.DateTimeFormat(T.locale, {timeZone: "Asia/Makassar",
  day: "numeric", month: "short"});
const TIME = new Intl.DateTimeFormat(T.locale, {timeZone: "Asia/Makassar",
  hour: "2-digit", minute: "2-digit", hour12: false});
const NUMBER = new Intl.NumberFormat(T.locale, {maximumFractionDigits: 2});
// drawn from the bottom up: areas, then lines, then points on top
const Z = {raster: 5, polygon: 10, line: 20, point: 30};

// ---- period: whole WITA days from one date to another ---------------------

const startInput = document.getElementById("start");
const endInput = document.getElementById("end");
let week = null;  // the first day of the week played, or null: the whole period
let playing = null;

/** A WITA calendar day ("2026-11-01") as the instant it starts. */
function dayStart(day) {
  return new Date(`${day}T00:00:00${WITA_OFFSET}`);
}

function isoDay(date) {
  return new Date(date.getTime() + 8 * 3600000).toISOString().slice(0, 10);
}

/** [start, end) of what is shown: the period, or one week of it. */
function window_() {
  const first = dayStart(startInput.value), last = new Date(dayStart(endInput.value).getTime() + DAY);
  if (week === null) return [first, last];
  const from = new Date(Math.max(first, week));
  return [from, new Date(Math.min(last, week.getTime() + 7 * DAY))];
}

function describePeriod() {
  const [from, to] = window_();
  const lastDay = new Date(to.getTime() - DAY);
  const out = document.getElementById("period");
  if (week === null) {
    out.textContent = `${DATE.format(from)} – ${DATE.format(lastDay)}`;
  } else {
    out.textContent = fill(texts.week, {start: SHORT.format(from), end: DATE.format(lastDay)});
  }
}

function timeParam() {
  const [from, to] = window_();
  return `${isoDay(from)}T00:00:00${WITA_OFFSET}/${isoDay(to)}T00:00:00${WITA_OFFSET}`;
}

function validRange() {
  const ok = startInput.value && endInput.value && startInput.value <= endInput.value;
  startInput.setCustomValidity(ok ? "" : texts.bad_range);
  if (!ok) document.getElementById("period").textContent = texts.bad_range;
  return ok;
}

/** Monday 00:00 WITA of the week holding `date`. */
function mondayOf(date) {
  const day = dayStart(isoDay(date));
  const weekday = (new Date(day.getTime() + 8 * 3600000).getUTCDay() + 6) % 7;
  return new Date(day.getTime() - weekday * DAY);
}

function stepWeek(direction) {
  if (!validRange()) return false;
  const first = mondayOf(dayStart(startInput.value));
  const last = dayStart(endInput.value);
  const next = week === null
    ? (direction > 0 ? first : mondayOf(last))
    : new Date(week.getTime() + direction * 7 * DAY);
  if (next < first || next > last) return false;
  week = next;
  applyTime();
  return true;
}

function stopPlaying() {
  if (playing) clearInterval(playing);
  playing = null;
  document.getElementById("play").textContent = texts.play;
}

function togglePlay() {
  if (playing) return stopPlaying();
  if (!validRange()) return;
  week = null;
  stepWeek(1);
  document.getElementById("play").textContent = texts.pause;
  playing = setInterval(() => { if (!stepWeek(1)) stopPlaying(); }, 1800);
}

function applyTime() {
  describePeriod();
  const time = timeParam();
  Object.entries(overlays).forEach(([name, layer]) => {
    if (T.layers[name].time) layer.setParams({TIME: time});
  });
}

// ---- layers and legend ----------------------------------------------------

function categoryLayer(kind) {
  return `${kind}_${document.getElementById("category").value}`;
}

/** Names of the layers ticked, in tree order. */
function chosen() {
  const names = [...document.querySelectorAll(".layer:checked")].map(b => b.value);
  document.querySelectorAll(".kind:checked").forEach(b => {
    const name = categoryLayer(b.value);
    if (T.layers[name]) names.push(name);
  });
  return names;
}

function scaleDenominator() {
  // Web Mercator metres per pixel at the zoom, in 0.28 mm pixels (as the WMS computes)
  return 40075016.686 / (256 * 2 ** map.getZoom()) / 0.00028;
}

function legendUrl(layer) {
  return "/wms?" + new URLSearchParams({SERVICE: "WMS", VERSION: "1.3.0",
    REQUEST: "GetLegendGraphic", FORMAT: "image/png", LAYER: layer.name,
    STYLE: layer.style, SLD_VERSION: "1.1.0", SCALE: Math.round(scaleDenominator()),
    LANGUAGE: T.language});
}

function drawLegend() {
  const legend = document.getElementById("legend");
  const names = Object.keys(overlays);
  if (!names.length) return legend.replaceChildren(el("p", texts.no_layer, "muted"));
  legend.replaceChildren(...names.reverse().map(name => {
    const layer = T.layers[name];
    const entry = el("figure", undefined, "legend-entry");
    const image = el("img");
    image.src = legendUrl(layer);
    image.alt = layer.title;
    entry.append(el("figcaption", layer.title), image);
    return entry;
  }));
}

function refresh() {
  const wanted = new Set(chosen());
  Object.keys(overlays).forEach(name => {
    if (!wanted.has(name)) {
      map.removeLayer(overlays[name]);
      delete overlays[name];
    }
  });
  const time = timeParam();
  wanted.forEach(name => {
    if (overlays[name]) return;
    const layer = T.layers[name];
    const params = {layers: name, styles: layer.style, format: "image/png",
      transparent: true, version: "1.3.0", tileSize: 512, pane: "sigap",
      zIndex: Z[layer.kind] || 10};
    if (layer.time) params.TIME = time;
    overlays[name] = L.tileLayer.wms("/wms", params).addTo(map);
  });
  document.querySelectorAll("details.group").forEach(group => {
    const ticked = group.querySelectorAll("input:checked").length;
    group.querySelector(".count").textContent = ticked ? `(${ticked})` : "";
  });
  drawLegend();
}

// ---- click panel ----------------------------------------------------------

/** "Luas (km²)" → ["Luas", "km²"]: the unit travels from the title to the value. */
function splitUnit(title) {
  const found = /^(.*\S)\s*\(([^()]*)\)$/.exec(title);
  if (!found || /^[A-Z]{1,6}$/.test(found[2])) return [title, ""];
  return [found[1], found[2]];
}

// how GetFeatureInfo writes a time: "2026-10-12 14:03 WITA"
const STAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d) WITA$/;

function formatValue(column, value, unit) {
  if (value === null || value === undefined || value === "") return "–";
  const words = T.values[column];
  if (words && words[value] !== undefined) return words[value];
  if (typeof value === "boolean") return value ? texts.yes : texts.no;
  if (typeof value === "number") {
    const number = NUMBER.format(value);
    return unit ? `${number} ${unit}` : number;
  }
  const stamp = STAMP.exec(String(value));
  if (stamp) {
    const moment = new Date(`${stamp[1]}T${stamp[2]}:00${WITA_OFFSET}`);
    return `${DATE.format(moment)} ${TIME.format(moment)} WITA`;
  }
  return unit ? `${value} ${unit}` : String(value);
}

function featureTable(feature) {
  const layer = T.layers[feature.layer];
  const table = el("table");
  const caption = el("caption", layer ? layer.title : feature.layer);
  table.appendChild(caption);
  const props = feature.properties;
  if ("point_count" in props) {
    const row = el("tr");
    const cell = el("td", fill(texts.grouped, {count: NUMBER.format(props.point_count)}));
    cell.colSpan = 2;
    row.appendChild(cell);
    table.appendChild(row);
    return table;
  }
  const columns = layer && layer.columns.length ? layer.columns
    : Object.keys(props).map(key => [key, key]);
  columns.forEach(([column, title]) => {
    if (!(column in props)) return;
    const [label, unit] = splitUnit(title);
    const tr = el("tr");
    const td = el("td", formatValue(column, props[column], unit));
    if (column === "ticket" && props[column]) {
      const link = el("a", props[column]);
      link.href = `/aduan/${encodeURIComponent(props[column])}`;
      link.title = texts.open_ticket;
      td.replaceChildren(link);
    }
    tr.append(el("th", label), td);
    table.appendChild(tr);
  });
  return table;
}

async function details(event) {
  const names = Object.keys(overlays).filter(n => T.layers[n].queryable).reverse();
  if (!names.length) return;
  const size = map.getSize(), bounds = map.getBounds();
  const sw = map.options.crs.project(bounds.getSouthWest());
  const ne = map.options.crs.project(bounds.getNorthEast());
  const point = map.latLngToContainerPoint(event.latlng);
  const query = new URLSearchParams({SERVICE: "WMS", VERSION: "1.3.0",
    REQUEST: "GetFeatureInfo", LAYERS: names.join(","), QUERY_LAYERS: names.join(","),
    STYLES: names.map(n => T.layers[n].style).join(","), CRS: "EPSG:3857",
    BBOX: [sw.x, sw.y, ne.x, ne.y].join(","),
    WIDTH: size.x, HEIGHT: size.y, I: Math.round(point.x), J: Math.round(point.y),
    INFO_FORMAT: "application/json", FEATURE_COUNT: 5, TIME: timeParam()});
  const found = await json("/wms?" + query);
  // ring what was found, so the panel's rows point at something on the map
  highlight.clearLayers();
  found.features.forEach(f => { if (f.geometry) highlight.addData(f.geometry); });
  const info = document.getElementById("info");
  info.replaceChildren(...(found.features.length
    ? found.features.map(featureTable) : [el("p", texts.nothing, "muted")]));
  if (PHONE.matches && found.features.length) {
    const box = el("div", undefined, "popup-info");
    box.append(...found.features.slice(0, 2).map(featureTable));
    L.popup({maxWidth: 300}).setLatLng(event.latlng).setContent(box).openOn(map);
  }
}

// ---- panel ----------------------------------------------------------------

const PHONE = window.matchMedia("(max-width: 700px)");
const toggle = document.getElementById("panel-toggle");
const highlight = L.geoJSON(null, {pane: "sigap", interactive: false,
  style: {color: "#00a6c8", weight: 3, fill: false},
  pointToLayer: (feature, latlng) => L.circleMarker(latlng, {radius: 10})}).addTo(map);

function setPanel(open) {
  document.getElementById("panel").classList.toggle("collapsed", !open);
  toggle.setAttribute("aria-expanded", String(open));
  toggle.textContent = open ? toggle.dataset.open : toggle.dataset.closed;
  map.invalidateSize();
}

toggle.addEventListener("click", () => {
  const open = toggle.getAttribute("aria-expanded") !== "true";
  setPanel(open);
  if (open && PHONE.matches) document.getElementById("panel").scrollIntoView({block: "start"});
});
document.querySelectorAll(".layer, .kind").forEach(b => b.addEventListener("change", refresh));
document.getElementById("category")?.addEventListener("change", refresh);
[startInput, endInput].forEach(input => input.addEventListener("change", () => {
  stopPlaying();
  week = null;
  if (validRange()) applyTime();
}));
document.getElementById("play").addEventListener("click", togglePlay);
document.getElementById("step-forward").addEventListener("click", () => { stopPlaying(); stepWeek(1); });
document.getElementById("step-back").addEventListener("click", () => { stopPlaying(); stepWeek(-1); });
map.on("click", details);
map.on("zoomend", drawLegend);
setPanel(!PHONE.matches);
map.fitBounds([[south, west], [north, east]]);
addBasemap(map, {fit: false});
describePeriod();
refresh();
