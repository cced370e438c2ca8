// SIGAP's own basemap, the one every map calls: the city outline on a sea
// background, kelurahan boundaries with their names, the road network by class
// (names of the larger roads as you zoom in), all from one document the server
// writes from SIGAP's own PostGIS data (/api/basemap.json) — no internet tiles, so
// a phone without signal still has its city (the service worker caches it).
// When the installation configures SIGAP_BASEMAP_URL, its web tiles go underneath.
//
//   import {addBasemap} from "/static/js/basemap.js";
//   const map = L.map("map");
//   const base = await addBasemap(map);   // fits the city unless {fit: false}
//   base.kelurahanAt(latlng)              // the kelurahan feature under a point

export const BASEMAP_URL = "/api/basemap.json";

const ROAD = {
  arteri: {color: "#e39b35", weight: 4.5},
  kolektor: {color: "#f3c969", weight: 3.2},
  lokal: {color: "#ffffff", weight: 2.2},
  lingkungan: {color: "#ffffff", weight: 1.3},
};
// below this zoom only arterials and collectors are drawn, labels appear above
const MINOR_ROADS_FROM = 14;
const KELURAHAN_LABELS_FROM = 13;
const ROAD_LABELS_FROM = 16;

let documentPromise = null;

function stylesheet() {
  const href = new URL("../css/basemap.css", import.meta.url).href;
  if ([...document.styleSheets].some(s => s.href === href)) return;
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

/** The basemap document, fetched once per page. */
export function basemapData(url = BASEMAP_URL) {
  if (!documentPromise) {
    documentPromise = fetch(url).then(r => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    });
    documentPromise.catch(() => { documentPromise = null; });
  }
  return documentPromise;
}

function pointInRing(lng, lat, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Whether GeoJSON (Multi)Polygon `geometry` contains [lng, lat]. */
export function contains(geometry, lng, lat) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(rings => pointInRing(lng, lat, rings[0])
    && !rings.slice(1).some(hole => pointInRing(lng, lat, hole)));
}

// a label's text as text, never as HTML
function text(value) {
  const span = document.createElement("span");
  span.textContent = value;
  return span;
}

function middle(geometry) {
  const lines = geometry.type === "LineString" ? [geometry.coordinates] : geometry.coordinates;
  const longest = lines.reduce((a, b) => (b.length > a.length ? b : a));
  const [lng, lat] = longest[Math.floor(longest.length / 2)];
  return [lat, lng];
}

/**
 * Draw SIGAP's basemap on Leaflet `map`; resolves to an object with the layer
 * group (`layer`), the document (`data`), the city's bounds (`bounds`) and
 * `kelurahanAt(latlng)`. Options: `fit` (default true) fits the city when the map
 * has no view yet; `labels` (default true); `online` (default true) adds the
 * configured web tiles; `url` another document.
 */
export async function addBasemap(map, options = {}) {
  const {fit = true, labels = true, online = true, url = BASEMAP_URL} = options;
  stylesheet();
  const container = map.getContainer();
  container.classList.add("sigap-basemap");
  const renderer = L.canvas({padding: 0.3});
  const group = L.layerGroup().addTo(map);
  const data = await basemapData(url);
  const [west, south, east, north] = data.bounds;
  const bounds = L.latLngBounds([south, west], [north, east]);

  if (online && data.online && data.online.url) {
    container.classList.add("sigap-basemap-online");
    L.tileLayer(data.online.url, {attribution: data.online.attribution || "",
      maxZoom: 19, pane: "tilePane"}).addTo(group);
  }
  const onlineTiles = container.classList.contains("sigap-basemap-online");
  // land is the kelurahan themselves: the city outline is drawn from another
  // source and does not follow every kelurahan's shore
  L.geoJSON(data.kelurahan, {renderer, interactive: false, style: {stroke: false,
    fill: !onlineTiles, fillColor: "#efe9dc", fillOpacity: 1}}).addTo(group);

  // one layer per road class (not per road): fewer objects for a phone to keep
  const byClass = {};
  for (const feature of data.roads) {
    const cls = ROAD[feature.properties.class] ? feature.properties.class : "lokal";
    (byClass[cls] = byClass[cls] || []).push(feature);
  }
  const minor = L.layerGroup();
  const major = L.layerGroup().addTo(group);
  for (const [cls, features] of Object.entries(byClass)) {
    const style = ROAD[cls];
    const line = L.geoJSON(features, {renderer, interactive: false,
      style: {...style, opacity: onlineTiles ? 0.6 : 1, lineCap: "round"}});
    (style.weight >= 3 ? major : minor).addLayer(line);
  }
  const kelurahan = L.geoJSON(data.kelurahan, {renderer, interactive: false,
    style: {color: "#8d7fa8", weight: 1.2, dashArray: "4 3", fill: false}}).addTo(group);

  const kelurahanNames = L.layerGroup();
  const roadNames = L.layerGroup();
  // larger kelurahan first, then arterials, then collectors: a label that would
  // overlap one already placed is hidden at this zoom
  const placed = [];
  if (labels) {
    const bySize = [...data.kelurahan].sort((a, b) => b.properties.area_km2 - a.properties.area_km2);
    for (const f of bySize) {
      const [lng, lat] = f.properties.label;
      kelurahanNames.addLayer(L.marker([lat, lng], {interactive: false, keyboard: false,
        icon: L.divIcon({className: "sigap-label-kelurahan", html: "",
          iconSize: null})}).on("add", e => {
        e.target.getElement().replaceChildren(text(f.properties.nama));
      }));
    }
    const named = new Set();
    const roadOrder = [...data.roads].sort((a, b) => (a.properties.class === "arteri" ? -1 : 0)
      - (b.properties.class === "arteri" ? -1 : 0));
    for (const f of roadOrder) {
      const name = f.properties.name;
      if (!name || named.has(name) || !["arteri", "kolektor"].includes(f.properties.class)) continue;
      named.add(name);
      roadNames.addLayer(L.marker(middle(f.geometry), {interactive: false, keyboard: false,
        icon: L.divIcon({className: "sigap-label-road", html: "", iconSize: null})})
        .on("add", e => { e.target.getElement().replaceChildren(text(name)); }));
    }
  }

  function declutter() {
    // all writes, then all reads, then all writes: one layout, not one per label
    const shown = [kelurahanNames, roadNames].filter(names => group.hasLayer(names));
    const elements = [];
    for (const names of shown) {
      names.eachLayer(marker => {
        const element = marker.getElement();
        if (element) elements.push(element);
      });
    }
    for (const element of elements) element.style.visibility = "";
    const boxes = elements.map(element => element.firstChild.getBoundingClientRect());
    placed.length = 0;
    elements.forEach((element, i) => {
      const box = boxes[i];
      const clash = placed.some(o => box.left < o.right + 4 && box.right + 4 > o.left
        && box.top < o.bottom + 2 && box.bottom + 2 > o.top);
      if (clash) element.style.visibility = "hidden";
      else placed.push(box);
    });
  }

  function byZoom() {
    const z = map.getZoom();
    const show = (layer, from) => {
      if (z >= from && !group.hasLayer(layer)) group.addLayer(layer);
      if (z < from && group.hasLayer(layer)) group.removeLayer(layer);
    };
    show(minor, MINOR_ROADS_FROM);
    show(kelurahanNames, KELURAHAN_LABELS_FROM);
    show(roadNames, ROAD_LABELS_FROM);
    // one canvas draws in insertion order: arterials over minor streets,
    // boundaries over both
    major.eachLayer(l => l.bringToFront());
    kelurahan.bringToFront();
    declutter();
  }
  map.on("zoomend", byZoom);
  map.on("moveend", declutter);
  const hasView = map._loaded;
  if (fit && !hasView) map.fitBounds(bounds);
  else if (!hasView) map.setView(bounds.getCenter(), 13);
  map.setMaxBounds(bounds.pad(0.5));
  byZoom();

  return {
    layer: group,
    data,
    bounds,
    kelurahanAt(latlng) {
      const {lat, lng} = L.latLng(latlng);
      return data.kelurahan.find(f => contains(f.geometry, lng, lat)) || null;
    },
  };
}
