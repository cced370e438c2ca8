// The map viewer: SIGAP's own WMS layers over Leaflet, the complaints' period
// (WMS TIME) and GetFeatureInfo on click.
import {el, json, pageData, serverClock} from "./common.js";

const T = pageData();
const map = L.map("map").setView([-10.18, 123.60], 13);
// the page tests drive the map
window.map = map;
const overlays = {};
const clock = serverClock(T.now);
const WITA_DAY = new Intl.DateTimeFormat(T.locale, {timeZone: "Asia/Makassar",
  day: "numeric", month: "short", year: "numeric"});

function period() {
  const days = +document.getElementById("days").value;
  const end = clock();
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
      map.removeLayer(overlays[name]);
      delete overlays[name];
    }
    if (overlays[name] && name === "complaints") overlays[name].setParams({TIME: time});
  });
}

function featureTable(feature) {
  const table = el("table");
  const head = el("tr");
  const title = el("th", feature.layer);
  title.colSpan = 2;
  head.appendChild(title);
  table.appendChild(head);
  Object.entries(feature.properties).forEach(([key, value]) => {
    const tr = el("tr");
    tr.append(el("th", key), el("td", value === null ? "" : String(value)));
    table.appendChild(tr);
  });
  return table;
}

async function details(event) {
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
  const found = await json("/wms?" + query);
  const info = document.getElementById("info");
  info.replaceChildren(...(found.features.length
    ? found.features.map(featureTable) : [T.nothing]));
}

document.querySelectorAll(".layer").forEach(b => b.addEventListener("change", refresh));
document.getElementById("days").addEventListener("change", refresh);
map.on("click", details);
refresh();
