// /laporan: the reports listed, on a map of the city; "Near me" reloads the list
// around the resident's position (the browser's Geolocation API).
import {addBasemap} from "./basemap.js";
import {pageData} from "./common.js";

const data = pageData();
const colours = {untouched: "#d7191c", in_progress: "#e66101", handled: "#1a9641", rejected: "#636363"};
const map = L.map("map", {zoomControl: true}).setView([-10.18, 123.60], 12);
// SIGAP's own basemap (kelurahan, roads, names): no internet tiles needed
const basemap = addBasemap(map, {fit: false});

const bounds = [];
for (const point of data.points) {
  const marker = L.circleMarker([point.lat, point.lon], {
    radius: 7, weight: 2, color: "#fff", fillColor: colours[point.group] || "#12355b", fillOpacity: 0.9,
  }).addTo(map);
  const link = document.createElement("a");
  link.href = point.url;
  link.textContent = `${point.category} · ${point.ticket}`;
  marker.bindPopup(link);
  bounds.push([point.lat, point.lon]);
}
if (data.near) {
  L.circleMarker([data.near[1], data.near[0]], {radius: 6, color: "#0b5cad", fillOpacity: 1}).addTo(map);
  bounds.push([data.near[1], data.near[0]]);
}
// no zoom animation: the list is what people came for, the map follows at once
if (bounds.length === 1) map.setView(bounds[0], 15, {animate: false});
else if (bounds.length) map.fitBounds(bounds, {padding: [20, 20], maxZoom: 16, animate: false});
else basemap.then(() => map.setView([-10.18, 123.60], 12));

const nearButton = document.getElementById("near-me");
nearButton.addEventListener("click", () => {
  if (!navigator.geolocation) {
    nearButton.textContent = data.texts.noLocation;
    return;
  }
  nearButton.textContent = data.texts.locating;
  navigator.geolocation.getCurrentPosition(
    position => {
      const query = new URLSearchParams(new FormData(document.getElementById("filters")));
      query.set("lon", position.coords.longitude.toFixed(6));
      query.set("lat", position.coords.latitude.toFixed(6));
      window.location.search = query.toString();
    },
    () => { nearButton.textContent = data.texts.noLocation; },
    {enableHighAccuracy: true, timeout: 15000},
  );
});
