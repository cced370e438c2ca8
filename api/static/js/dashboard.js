// The command room: backlog first, the day's flow, named red flags, OPD
// performance, rising hot spots and a labelled map; every number links to the
// tickets behind it. Fresh over /api/events (reconnecting after a restart), and
// on the wall (?layar=dinding) the side panels take turns.
import {addBasemap} from "./basemap.js";
import {cityPanel} from "./city_panel.js";
import {el, fill, json, numberFormats, pageData, serverClock} from "./common.js";

const T = pageData();
const format = numberFormats(T.locale);
const GROUPS = T.groups;  // layers.status.Group, in order
const COLORS = T.colours;  // layers.status.GROUP_COLOURS
// the status model's colours, for the stylesheet too
for (const [group, colour] of Object.entries(COLORS)) {
  document.documentElement.style.setProperty(`--group-${group}`, colour);
}
const FLOW_COLORS = {new: "#12355b", handled: COLORS.handled, rejected: COLORS.rejected};
const FLAG_COLORS = {red: "#d7191c", amber: "#fdae61"};
const DAY = new Intl.DateTimeFormat(T.locale, {day: "numeric", month: "short", timeZone: "UTC"});
const TIME = new Intl.DateTimeFormat(T.locale, {hour: "2-digit", minute: "2-digit",
  timeZone: "Asia/Makassar"});
const STALE_MS = 90_000;  // no fresh data for this long and the page says so

/** The ticket list behind a number: the public list, or the staff inbox. */
export function ticketsLink(filters) {
  const query = new URLSearchParams(filters);
  if (T.lang === "en") query.set("lang", "en");
  return `${T.tickets_url}?${query}`;
}

const days = v => fill(T.days, {n: format.one(v)});

function link(text, filters, cls) {
  const a = el("a", text, cls);
  a.href = ticketsLink(filters);
  return a;
}

// --- map -------------------------------------------------------------------
const map = L.map("map", {zoomControl: !T.wall, preferCanvas: true, zoomSnap: 0.25});
const events = {source: null};
Object.assign(window, {map, events, ticketsLink});
// SIGAP's own offline basemap underneath: land, roads, boundaries, names from
// zoom 13 (the flagged kelurahan are named at every zoom, below)
const basemap = addBasemap(map, {fit: true});
// the command room's own layers in a pane above the basemap's canvas
map.createPane("board").style.zIndex = 450;
const boardCanvas = L.canvas({pane: "board", padding: 0.3});
const areaLayer = L.geoJSON(null, {
  pane: "board", renderer: boardCanvas,
  // every kelurahan answers a click; only flagged ones are coloured
  style: f => ({color: "#7f0000", weight: f.properties.flag ? 1.2 : 0,
    fillOpacity: f.properties.flag ? .55 : 0,
    fillColor: FLAG_COLORS[f.properties.flag] || "#ffffff"}),
  onEachFeature: (f, layer) => {
    const p = f.properties;
    const popup = el("div");
    popup.append(el("b", p.nama), el("br"),
      link(fill(T.open_list, {name: p.nama}) + ` (${format.whole(p.open)})`, {kelurahan: p.kode}));
    layer.bindPopup(popup);
  },
}).addTo(map);
const labelLayer = L.layerGroup().addTo(map);
const openLayer = L.layerGroup().addTo(map);
const hotLayer = L.layerGroup().addTo(map);
L.control.layers(null, {
  [T.red_flags]: areaLayer, [T.kelurahan_names]: labelLayer,
  [T.open_tickets]: openLayer, [T.hot_spots]: hotLayer,
}, {collapsed: true}).addTo(map);

const legend = L.control({position: "bottomright"});
legend.onAdd = () => {
  const box = el("div", undefined, "legend");
  box.append(el("b", T.legend));
  const swatch = (colour, text, round) => {
    const item = el("div");
    const mark = el("i", undefined, round ? "dot" : "box");
    mark.style.background = colour;
    item.append(mark, text);
    box.append(item);
  };
  swatch(FLAG_COLORS.red, T.red_flags);
  swatch(FLAG_COLORS.amber, T.amber_flags);
  swatch(COLORS.untouched, `${T.open_tickets}: ${T.untouched}`, true);
  swatch(COLORS.in_progress, `${T.open_tickets}: ${T.in_progress}`, true);
  const hot = el("div");
  hot.append(el("i", "▲", "hot"), T.hot_spots);
  box.append(hot);
  return box;
};
legend.addTo(map);

function showLabels() {
  // from zoom 13 the basemap names every kelurahan: no second label on top
  document.getElementById("map").classList.toggle("basemap-names", map.getZoom() >= 13);
}
map.on("zoomend", showLabels);

let fitted = false;
async function loadMap() {
  const m = await json("/api/dashboard/map");
  areaLayer.clearLayers().addData(m.kelurahan);
  labelLayer.clearLayers();
  for (const f of m.kelurahan.features) {
    const [lon, lat] = f.properties.label;
    // the flagged kelurahan are named at city zoom; closer, the basemap names all
    if (!f.properties.flag) continue;
    const cls = "area-name flagged";
    labelLayer.addLayer(L.marker([lat, lon], {interactive: false, keyboard: false,
      icon: L.divIcon({className: "area-label", html: "", iconSize: null})})
      .bindTooltip(f.properties.nama, {permanent: true, direction: "center",
        className: cls}));
  }
  openLayer.clearLayers();
  for (const [lon, lat, g] of m.open) {
    // a white ring keeps a ticket apart from the orange arterials beneath
    openLayer.addLayer(L.circleMarker([lat, lon], {radius: T.wall ? 4.5 : 3.5, weight: 1,
      color: "#ffffff", fillOpacity: .95, fillColor: COLORS[g], interactive: false,
      pane: "board", renderer: boardCanvas}));
  }
  if (!fitted && areaLayer.getLayers().length) {
    map.fitBounds(areaLayer.getBounds(), {padding: [4, 4]});
    fitted = true;
  }
  showLabels();
}

// --- summary ---------------------------------------------------------------
function change(n) {
  if (!n) return T.same_as_yesterday;
  const signed = (n > 0 ? "+" : "−") + format.whole(Math.abs(n));
  return fill(T.since_yesterday, {change: signed});
}

function flagItem(area) {
  const li = el("li", undefined, "flag " + area.flag);
  const head = el("div", undefined, "flag-head");
  head.append(link(area.kelurahan, area.filters, "flag-name"),
    el("span", `${T[area.flag]} · ${fill(T.unhandled_of, {n: format.whole(area.unhandled)})}`
      + ` · ${fill(T.oldest_days, {days: days(area.oldest_days)})}`, "flag-meta"));
  li.append(head);
  const list = el("ul", undefined, "flag-categories");
  for (const c of area.categories) {
    const item = el("li", undefined, c.flag);
    item.append(link(c.name, c.filters, "category"),
      el("span", ` — ${fill(T.unhandled_of, {n: format.whole(c.unhandled)})}, `
        + `${fill(T.oldest_days, {days: days(c.oldest_days)})}, ${fill(T.opd_of, {opd: c.opd})}`));
    list.append(item);
  }
  li.append(list);
  return li;
}

async function loadSummary() {
  const s = await json("/api/dashboard/summary");
  for (const [key, tile] of Object.entries(s.backlog)) {
    const box = document.getElementById("backlog-" + key);
    box.href = ticketsLink(tile.filters);
    box.querySelector(".tile-count").textContent = format.whole(tile.count);
    const c = box.querySelector(".tile-change");
    c.textContent = change(tile.change);
    c.className = "tile-change " + (tile.change > 0 ? "up" : tile.change < 0 ? "down" : "");
    box.querySelector(".tile-oldest").textContent =
      tile.oldest_days == null ? "" : fill(T.oldest_days, {days: days(tile.oldest_days)});
  }
  document.getElementById("open-total").textContent = `(${format.whole(s.open)})`;
  const since = {today: s.windows.today.slice(0, 10), week: s.windows.week.slice(0, 10)};
  for (const w of ["today", "week"]) {
    for (const [key, n] of Object.entries(s.flow[w])) {
      const a = document.getElementById(`flow-${w}-${key}`);
      a.textContent = format.whole(n);
      a.href = ticketsLink(key === "new" ? {sejak: since[w]}
        : {kelompok: key, sejak: since[w]});
    }
  }
  const flags = document.getElementById("flags");
  flags.replaceChildren(...(s.flags.length ? s.flags.map(flagItem) : [el("li", T.no_flags)]));
  const emerging = document.getElementById("emerging");
  emerging.replaceChildren(...(s.hotspots.length ? s.hotspots.map(h => {
    const li = el("li");
    li.append(link(h.sentence, h.filters));
    return li;
  }) : [el("li", T.none)]));
  hotLayer.clearLayers();
  for (const h of s.hotspots) {
    hotLayer.addLayer(L.marker([h.lat, h.lon], {icon: L.divIcon({className: "hot-mark",
      html: "▲", iconSize: [24, 24]}), title: h.sentence})
      .on("click", () => { window.location.href = ticketsLink(h.filters); }));
  }
  const live = document.getElementById("live");
  live.replaceChildren(...s.latest.map(r => {
    const li = el("li", undefined, "ticket");
    const dot = el("i", undefined, "dot");
    dot.style.background = COLORS[r.status_group];
    li.append(dot, `${r.ticket} · ${r.category} · ${r.kelurahan} · ${T[r.status_group]}`);
    return li;
  }));
  fresh();
}

// --- trend -----------------------------------------------------------------
let chart = null;
async function loadTrend() {
  const t = await json("/api/dashboard/trend?days=30");
  const labels = t.days.map(d => DAY.format(new Date(d.day + "T00:00:00Z")));
  const datasets = ["new", "handled", "rejected"].map(k => ({label: T["flow_" + k],
    data: t.days.map(d => d[k]), backgroundColor: FLOW_COLORS[k]}));
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update();
    return;
  }
  chart = new Chart(document.getElementById("trend"), {type: "bar", data: {labels, datasets},
    options: {animation: false, responsive: true, maintainAspectRatio: false, locale: T.locale,
      plugins: {legend: {position: "bottom"}},
      scales: {x: {ticks: {maxRotation: 0, autoSkip: true, maxTicksLimit: 8}}}}});
}

// --- OPD performance -------------------------------------------------------
let headings = [];
function row(table, cells, head, href) {
  const tr = document.createElement("tr");
  if (head) headings = cells.map(([value]) => value);
  cells.forEach(([value, cls], i) => {
    const td = el(head ? "th" : "td", undefined, cls);
    // a phone shows each OPD as a card: every value says what it is
    if (!head && headings[i]) td.dataset.label = headings[i];
    if (value instanceof Node) td.append(value); else td.textContent = value;
    tr.appendChild(td);
  });
  if (href) {
    tr.classList.add("link");
    tr.addEventListener("click", e => { if (e.target.tagName !== "A") window.location.href = href; });
  }
  table.appendChild(tr);
}

const pair = (a, b, f) => (a == null ? "–" : `${f(a)} / ${f(b)}`);
const hours = v => fill(T.hours, {n: format.one(v)});
function trendMark(now, before) {
  if (now == null || before == null) return "";
  const d = now - before;
  return Math.abs(d) < 0.005 ? " =" : d > 0 ? ` ▲ ${format.percent(d)}` : ` ▼ ${format.percent(-d)}`;
}

async function loadBoard() {
  const b = await json("/api/scoreboard?days=30");
  const table = document.getElementById("board");
  table.replaceChildren();
  row(table, [["#", "n"], ["OPD"], [T.reports, "n"], [T.backlog_age, "n"],
    [T.response, "n"], [T.resolution, "n"], [T.within_sla, "n"], [T.reopen, "n"]], true);
  if (!b.opd.length) row(table, [[T.no_reports_30, "empty"]]);
  for (const o of b.opd) {
    const filters = {opd: o.opd_code};
    const name = link(o.short_name || o.opd_code, filters);
    const share = o.few ? el("span", fill(T.few, {n: format.whole(o.sla_decided)}), "few")
      : `${format.percent(o.within_sla_share)}${trendMark(o.within_sla_share, o.previous_within_sla_share)}`;
    row(table, [[o.rank == null ? "–" : o.rank, "n"], [name], [format.whole(o.total), "n"],
      [[o.backlog_0_3d, o.backlog_3_7d, o.backlog_7_14d, o.backlog_14d_plus]
        .map(format.whole).join(" / "), "n"],
      [pair(o.response_median_h, o.response_p90_h, hours), "n"],
      [pair(o.resolution_median_h, o.resolution_p90_h, hours), "n"],
      [share, "n"], [format.percent(o.reopen_rate), "n"]], false, ticketsLink(filters));
  }
}

async function loadPriorities() {
  const list = document.getElementById("priorities");
  if (!list) return;
  const p = await json("/api/priorities?limit=8");
  list.replaceChildren(...p.priorities.map(t => {
    const item = el("li", `${t.ticket} · ${format.one(t.score)} — `);
    item.appendChild(el("span", t.reasons.map(r => r.reason).join("; ")));
    return item;
  }));
}

async function loadWarnings() {
  const w = await json("/api/ai/peringatan");
  const list = document.getElementById("warnings");
  list.replaceChildren(...(w.warnings.length ? w.warnings.map(item => {
    const li = el("li");
    li.append(link(item.text, item.filters));
    return li;
  }) : [el("li", w.run_id ? T.no_warnings : T.no_forecast)]));
}

async function loadPolicy() {
  const p = await json("/api/ai/prioritas?limit=8");
  const list = document.getElementById("policy");
  list.replaceChildren(...(p.priorities.length ? p.priorities.map(e => {
    const li = el("li");
    li.append(link(e.title, e.filters), " ",
      el("span", `· ${format.one(e.score)}`, "score"),
      el("span", e.reasons.map(r => r.reason).join("; "), "why"));
    return li;
  }) : [el("li", T.none)]));
}

// --- the city: accidents, poverty, lighting, angkot, waste (city_panel.js) ---
const city = cityPanel({T, format, link});
const loadCity = () => city.load();

// --- freshness and the stream ----------------------------------------------
let lastFresh = Date.now();
let streamDown = false;
function fresh() {
  lastFresh = Date.now();
  showFreshness();
}
function showFreshness() {
  const box = document.getElementById("freshness");
  const stale = streamDown || Date.now() - lastFresh > STALE_MS;
  const at = TIME.format(new Date(clock().getTime() - (Date.now() - lastFresh)));
  box.textContent = fill(stale ? T.stale : T.updated, {time: at});
  box.classList.toggle("stale", stale);
  document.body.classList.toggle("is-stale", stale);
}

let pending = null;
function refresh() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    Promise.all([loadSummary(), loadMap(), loadPriorities(), loadWarnings(), loadPolicy(),
      loadCity()]).catch(() => {});
  }, 300);
}

let retry = 1000;
function connect() {
  const source = new EventSource("/api/events");
  events.source = source;
  window.events = source;
  source.addEventListener("complaint", refresh);
  source.addEventListener("open", () => {
    retry = 1000;
    if (streamDown) {
      streamDown = false;
      refresh();  // whatever happened while the server was away
    }
  });
  source.addEventListener("error", () => {
    streamDown = true;
    showFreshness();
    // the browser retries by itself unless the server answered with an error:
    // then start again, waiting longer each time (at most 30 s)
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30_000);
    }
  });
}

const clock = serverClock(T.now);
function tick() {
  const text = clock().toLocaleString(T.locale, {timeZone: "Asia/Makassar",
    dateStyle: "medium", timeStyle: "short"}) + " WITA";
  document.getElementById("clock").textContent = text;
  const wall = document.getElementById("wall-clock");
  if (wall) wall.textContent = text;
}

// --- the wall: side panels take turns ----------------------------------------
function rotate() {
  const panels = [...document.querySelectorAll(".rotating")];
  let shown = 0;
  const show = () => {
    panels.forEach((p, i) => p.classList.toggle("on-air", i === shown));
    if (chart) chart.resize();
    shown = (shown + 1) % panels.length;
  };
  show();
  setInterval(show, T.turn_seconds * 1000);
}

tick();
setInterval(tick, 1000);
setInterval(showFreshness, 10_000);
// a slow safety net besides the stream: every five minutes
setInterval(refresh, 300_000);
if (T.wall) rotate();
connect();
window.dashboardReady = Promise.all([basemap, loadSummary(), loadMap(), loadTrend(), loadBoard(),
  loadPriorities(), loadWarnings(), loadPolicy(), loadCity()]).then(() => {
  window.dashboardLoaded = performance.now();
});
