// The command room: today's numbers, red flags, trend, scoreboard, hot spots and
// the newest reports, refreshed whenever /api/events says a complaint changed.
import {el, fill, json, numberFormats, pageData, serverClock} from "./common.js";

const T = pageData();
const format = numberFormats(T.locale);
const GROUPS = T.groups;  // layers.status.Group, in order
const COLORS = {untouched: "#d7191c", in_progress: "#fd8d3c", handled: "#1a9641",
  rejected: "#969696"};
const FLAG_COLORS = {red: "#d7191c", amber: "#fdae61", green: "#a6d96a"};
const DAY = new Intl.DateTimeFormat(T.locale, {day: "numeric", month: "short", timeZone: "UTC"});

const map = L.map("map", {zoomControl: true}).setView([-10.18, 123.60], 12);
const events = new EventSource("/api/events");
// the page tests and benchmarks/live.py drive the map and the stream
Object.assign(window, {map, events});
let flagLayer = null;
let fitted = false;
let chart = null;

function row(table, cells, head) {
  const tr = document.createElement("tr");
  cells.forEach(([value, cls]) => tr.appendChild(el(head ? "th" : "td", value, cls)));
  table.appendChild(tr);
}

async function loadSummary() {
  const s = await json("/api/dashboard/summary");
  for (const g of GROUPS) {
    document.getElementById("today-" + g).textContent = format.whole(s.counts.today[g]);
    document.getElementById("week-" + g).textContent = format.whole(s.counts.week[g]);
  }
  const live = document.getElementById("live");
  live.replaceChildren(...s.latest.map(r => el("li",
    `${r.ticket} · ${r.category} · ${r.kelurahan} · ${T[r.status_group]}`, "ticket")));
  const emerging = document.getElementById("emerging");
  emerging.replaceChildren(...(s.emerging.length ? s.emerging.map(e => el("li",
    `${e.kelurahan} · ${e.category} · ${T[e.pattern] || e.pattern}`)) : [el("li", T.none)]));
  const days = [...new Set(s.series.map(p => p.day))];
  const count = (d, g) => (s.series.find(p => p.day === d && p.group === g) || {count: 0}).count;
  const datasets = GROUPS.map(g => ({label: T[g], data: days.map(d => count(d, g)),
    backgroundColor: COLORS[g]}));
  const labels = days.map(d => DAY.format(new Date(d + "T00:00:00Z")));
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update();
  } else {
    chart = new Chart(document.getElementById("trend"), {type: "bar",
      data: {labels, datasets},
      options: {animation: false, responsive: true, maintainAspectRatio: false,
        locale: T.locale, scales: {x: {stacked: true}, y: {stacked: true}}}});
  }
}

async function loadFlags() {
  const f = await json("/api/feeds/red-flags?limit=100");
  if (flagLayer) map.removeLayer(flagLayer);
  flagLayer = L.geoJSON(f, {
    style: x => ({color: "#555", weight: 1, fillOpacity: .6,
      fillColor: FLAG_COLORS[x.properties.flag]}),
    onEachFeature: (x, layer) => {
      const popup = el("div");
      popup.append(el("b", x.properties.nama), el("br"), x.properties.categories,
        el("br"), `${format.whole(x.properties.unhandled)} ${T.unhandled}`);
      layer.bindPopup(popup);
    },
  }).addTo(map);
  // the first time, show the whole city whatever the screen
  if (!fitted && flagLayer.getLayers().length) {
    map.fitBounds(flagLayer.getBounds(), {padding: [8, 8]});
    fitted = true;
  }
  const table = document.getElementById("flags");
  table.replaceChildren();
  row(table, [[T.kelurahan], [T.categories], [T.oldest, "n"]], true);
  f.features.filter(x => x.properties.flag !== "green").forEach(x => row(table, [
    [x.properties.nama, x.properties.flag], [x.properties.categories],
    [format.one(x.properties.oldest_days), "n"]]));
}

async function loadBoard() {
  const b = await json("/api/scoreboard?days=30");
  const table = document.getElementById("board");
  table.replaceChildren();
  row(table, [["#", "n"], ["OPD"], [T.reports, "n"], [T.within_sla, "n"], [T.response, "n"]], true);
  if (!b.opd.length) row(table, [[T.no_reports_30, "empty"]]);
  b.opd.forEach(o => row(table, [[o.rank, "n"], [o.short_name || o.opd_code],
    [format.whole(o.total), "n"], [format.percent(o.within_sla_share), "n"],
    [o.response_median_h == null ? "–" : fill(T.hours, {n: format.one(o.response_median_h)}), "n"]]));
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

let pending = null;
function refresh() {
  clearTimeout(pending);
  pending = setTimeout(() => { loadSummary(); loadFlags(); loadPriorities(); }, 300);
}
events.addEventListener("complaint", refresh);

const clock = serverClock(T.now);
function tick() {
  document.getElementById("clock").textContent =
    clock().toLocaleString(T.locale, {timeZone: "Asia/Makassar"}) + " WITA";
}
tick();
setInterval(tick, 1000);
Promise.all([loadSummary(), loadFlags(), loadBoard(), loadPriorities()]);
