// The staff console: the map of the list and the chosen ticket, keyboard
// shortcuts, the rejection note that follows the reason, and on a phone the
// place where the after-photo was taken.
import {addBasemap} from "./basemap.js";
import {pageData} from "./common.js";
import "./photo_repeats.js";
import "./similar.js";

const data = pageData();
const COLOURS = {untouched: "#d7191c", in_progress: "#e66101", handled: "#1a9641", rejected: "#636363"};

function drawMap(element) {
  const points = data.points.filter(p => p.lon !== null);
  const chosen = data.selected;
  if (!element || (!points.length && !chosen)) return;
  const map = L.map(element, {attributionControl: false});
  const bounds = [];
  const near = chosen ? new Set(chosen.nearby.map(n => n.ticket)) : new Set();
  for (const n of chosen ? chosen.nearby : []) {
    L.circleMarker([n.lat, n.lon], {pane: "markerPane", radius: 6, color: "#12355b", weight: 2, fillOpacity: 0.2})
      .bindTooltip(n.ticket).addTo(map);
    bounds.push([n.lat, n.lon]);
  }
  for (const p of points) {
    if (chosen && (p.ticket === chosen.ticket || near.has(p.ticket))) continue;
    L.circleMarker([p.lat, p.lon], {pane: "markerPane", radius: 5, color: COLOURS[p.group], weight: p.red ? 3 : 1, fillOpacity: 0.7})
      .bindTooltip(p.ticket)
      .on("click", () => { location.search = withTicket(p.ticket); })
      .addTo(map);
    if (!chosen) bounds.push([p.lat, p.lon]);
  }
  if (chosen) {
    L.circleMarker([chosen.lat, chosen.lon], {pane: "markerPane", radius: 9, color: "#000", weight: 2, fillColor: "#f2b134", fillOpacity: 1})
      .bindTooltip(chosen.ticket, {permanent: false}).addTo(map);
    bounds.push([chosen.lat, chosen.lon]);
  }
  if (bounds.length === 1) map.setView(bounds[0], 16);
  else map.fitBounds(bounds, {padding: [20, 20], maxZoom: 16});
  // SIGAP's own basemap (kelurahan, roads; no internet) under the tickets
  addBasemap(map, {fit: false}).catch(() => {});
}

function withTicket(ticket) {
  const params = new URLSearchParams(location.search);
  params.set("tiket", ticket);
  return "?" + params.toString();
}

drawMap(document.getElementById("map"));
const queueMap = document.getElementById("queue-map");
if (queueMap) {
  data.selected = null;
  drawMap(queueMap);
}

// the public note of a rejection follows the chosen reason until it is edited
for (const select of document.querySelectorAll("select.reason")) {
  const note = select.form.querySelector("textarea.public-note");
  let edited = false;
  note.addEventListener("input", () => { edited = true; });
  select.addEventListener("change", () => {
    if (!edited) note.value = select.selectedOptions[0].dataset.note;
  });
}

// an answer template fills the public note (still editable)
for (const select of document.querySelectorAll("select.template")) {
  select.addEventListener("change", () => {
    const chosen = select.selectedOptions[0];
    if (chosen.dataset.note) select.form.querySelector("textarea.public-note").value = chosen.dataset.note;
  });
}

// the after-photo's place: the phone's position when the photo is chosen
for (const input of document.querySelectorAll("input.after-input")) {
  input.addEventListener("change", () => {
    const form = input.form;
    const where = form.querySelector(".photo-where");
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(
      position => {
        form.querySelector(".photo-lat").value = position.coords.latitude.toFixed(6);
        form.querySelector(".photo-lon").value = position.coords.longitude.toFixed(6);
        where.textContent = data.texts.camera;
      },
      () => { where.textContent = data.texts.no_location; },
      {enableHighAccuracy: true, timeout: 10000},
    );
  });
}

// keyboard: j/k through the list, a move's letter opens its form, / searches
const rows = [...document.querySelectorAll("#rows li.row")];
const current = rows.findIndex(r => r.classList.contains("current"));
document.addEventListener("keydown", event => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target.closest("input, textarea, select")) {
    if (event.key === "Escape") target.blur();
    return;
  }
  const key = event.key;
  if (key === "j" || key === "k") {
    const next = rows[Math.min(Math.max(current + (key === "j" ? 1 : -1), 0), rows.length - 1)];
    if (next) next.querySelector("a.open").click();
  } else if (key === "/") {
    const search = document.getElementById("search");
    if (search) { event.preventDefault(); search.focus(); }
  } else if (key === "x" && current >= 0) {
    const box = rows[current].querySelector("input.pick");
    if (box) box.checked = !box.checked;
  } else {
    const form = document.querySelector(`form.move[data-key="${key}"]`);
    if (!form) return;
    event.preventDefault();
    form.scrollIntoView({block: "center"});
    const field = form.querySelector("select, textarea, input[type=text], input[type=file], input[type=radio]");
    // a move that needs nothing more goes at once; the others wait for the field
    if (form.dataset.move === "verify" || form.dataset.move === "start") form.requestSubmit();
    else if (field) field.focus();
  }
});
