// The citizen app: category, photos, the spot on the map, what is already
// reported nearby, the details — sent at once, or kept on the phone until there
// is signal. Texts come from the page (Indonesian first).
import {addBasemap} from "./basemap.js";
import {el, fill, pageData} from "./common.js";
import {drafts, removeDraft, saveDraft} from "./lapor-drafts.js";
import {exifGps, shrink} from "./lapor-photos.js";

const P = pageData();
const T = P.texts;
const $ = id => document.getElementById(id);
const categories = Object.fromEntries(P.groups.flatMap(g => g.categories).map(c => [c.code, c]));
const state = {category: null, photos: [], point: null, accuracy: null, place: null,
  inside: false, sending: false};
const DATE = new Intl.DateTimeFormat(T.locale, {timeZone: "Asia/Makassar",
  day: "numeric", month: "short", year: "numeric"});
const NUMBER = new Intl.NumberFormat(T.locale);

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(P.urls.worker, {scope: "/lapor"}).catch(() => {});
}

// --- 1. category -----------------------------------------------------------
function chooseCategory(code) {
  state.category = code;
  document.querySelectorAll(".tile").forEach(tile =>
    tile.setAttribute("aria-pressed", String(tile.dataset.code === code)));
  renderQuestions(categories[code]);
  $("form-error").textContent = "";
  lookNearby();
}
document.querySelectorAll(".tile").forEach(tile =>
  tile.addEventListener("click", () => chooseCategory(tile.dataset.code)));

function renderQuestions(category) {
  const box = $("questions");
  box.replaceChildren();
  for (const q of category.questions) {
    const id = `q-${q.code}`;
    const name = `attribute[${q.code}]`;
    const label = el("label", q.text + (q.required ? " *" : ""));
    label.htmlFor = id;
    let input;
    if (q.datatype.endsWith("valuelist")) {
      input = el("select");
      input.append(el("option", "–"));
      input.firstChild.value = "";
      for (const v of q.values) {
        const option = el("option", v.name);
        option.value = v.key;
        input.append(option);
      }
    } else {
      input = el("input");
      if (q.datatype === "number") {
        input.type = "number";
        input.inputMode = "numeric";
        input.min = "0";
      }
    }
    input.id = id;
    input.name = name;
    input.required = q.required;
    input.dataset.question = q.text;
    box.append(label, input);
  }
}

// --- 2. photos ---------------------------------------------------------------
async function addPhotos(files) {
  $("photo-error").textContent = "";
  for (const file of files) {
    if (state.photos.length >= P.max_photos) {
      $("photo-error").textContent = fill(T.max_photos, {n: P.max_photos});
      break;
    }
    if (file.size > P.max_bytes) {
      $("photo-error").textContent = fill(T.photo_too_big, {mb: Math.round(P.max_bytes / 2 ** 20)});
      continue;
    }
    let blob, gps = null;
    try {
      gps = await exifGps(file).catch(() => null);
      blob = await shrink(file, P.max_edge);
    } catch (error) {
      $("photo-error").textContent = T.not_a_photo;
      continue;
    }
    state.photos.push({blob, url: URL.createObjectURL(blob)});
    if (gps && !state.point) placePin(L.latLng(gps.lat, gps.lng), null, T.from_photo);
  }
  renderPhotos();
}

function renderPhotos() {
  $("photos").replaceChildren(...state.photos.map((photo, index) => {
    const item = el("li");
    const image = el("img");
    image.src = photo.url;
    image.alt = "";
    const remove = el("button", "×", "remove");
    remove.type = "button";
    remove.setAttribute("aria-label", T.remove_photo);
    remove.addEventListener("click", () => {
      URL.revokeObjectURL(photo.url);
      state.photos.splice(index, 1);
      renderPhotos();
    });
    item.append(image, remove);
    return item;
  }));
}
for (const id of ["camera", "gallery"]) {
  $(id).addEventListener("change", async event => {
    await addPhotos([...event.target.files]);
    event.target.value = "";
  });
}

// --- 3. the spot --------------------------------------------------------------
let map = null, base = null, pin = null, circle = null, lookup = 0;

function startMap() {
  if (map || typeof L === "undefined") return;
  map = L.map("map", {zoomControl: true, tap: true}).setView([-10.17, 123.6], 13);
  window.laporMap = map;  // the page tests drive the map
  addBasemap(map, {fit: false}).then(b => { base = b; if (state.point) describePlace(); })
    .catch(() => {});
  map.on("click", event => placePin(event.latlng, null));
}

function placePin(latlng, accuracy, note) {
  state.point = latlng;
  state.accuracy = accuracy;
  startMap();
  if (!map) return;
  if (!pin) {
    pin = L.marker(latlng, {draggable: true, autoPan: true, keyboard: true,
      title: T.pick_place}).addTo(map);
    pin.on("drag", () => { state.point = pin.getLatLng(); describeLocally(); });
    pin.on("dragend", () => {
      state.point = pin.getLatLng();
      state.accuracy = null;
      if (circle) circle.remove();
      circle = null;
      $("accuracy").textContent = "";
      describePlace();
    });
  } else pin.setLatLng(latlng);
  if (circle) circle.remove();
  circle = accuracy ? L.circle(latlng, {radius: accuracy, weight: 1, color: "#0b5d75",
    fillOpacity: 0.1, interactive: false}).addTo(map) : null;
  $("accuracy").textContent = accuracy ? fill(T.accuracy, {m: NUMBER.format(Math.round(accuracy))})
    : (note || "");
  // a spot off the city is shown with the coast in sight
  const inCity = !base || base.kelurahanAt(latlng);
  map.setView(latlng, inCity ? Math.max(map.getZoom(), 17) : 14);
  describePlace();
}

function describeLocally() {
  if (!base) return;
  const kelurahan = base.kelurahanAt(state.point);
  state.inside = Boolean(kelurahan);
  showPlace(kelurahan ? fill(T.kelurahan, {name: kelurahan.properties.nama}) : T.outside,
    !kelurahan);
}

function showPlace(text, outside) {
  const place = $("place");
  place.textContent = text;
  place.classList.toggle("error", Boolean(outside));
}

async function describePlace() {
  describeLocally();
  const ticket = ++lookup;
  const {lat, lng} = state.point;
  try {
    const response = await fetch(`${P.urls.place}?lat=${lat.toFixed(6)}&lon=${lng.toFixed(6)}`);
    const place = await response.json();
    if (ticket !== lookup) return;
    if (!response.ok) throw new Error(place.description);
    state.inside = place.inside;
    if (!place.inside) {
      showPlace(place.message, true);
    } else {
      let text = fill(T.kelurahan, {name: place.kelurahan.nama});
      if (place.road) {
        text += " · " + fill(T.near_road, {road: place.road.name,
          m: NUMBER.format(place.road.distance_m)});
      }
      showPlace(text, false);
    }
  } catch (error) {
    // offline: the basemap's kelurahan is what we know
  }
  lookNearby();
}

$("locate").addEventListener("click", () => {
  if (!navigator.geolocation) {
    $("accuracy").textContent = T.no_location;
    return;
  }
  $("accuracy").textContent = T.locating;
  navigator.geolocation.getCurrentPosition(
    position => placePin(L.latLng(position.coords.latitude, position.coords.longitude),
      position.coords.accuracy),
    () => { $("accuracy").textContent = T.no_location; },
    {enableHighAccuracy: true, timeout: 15000, maximumAge: 30000});
});

// --- nearby: support instead of a new ticket ----------------------------------
let nearbyAsked = 0;
async function lookNearby() {
  const section = $("nearby");
  if (!state.category || !state.point || !state.inside) {
    section.hidden = true;
    return;
  }
  const asked = ++nearbyAsked;
  const {lat, lng} = state.point;
  let found;
  try {
    const response = await fetch(`${P.urls.nearby}?kategori=${state.category}`
      + `&lat=${lat.toFixed(6)}&lon=${lng.toFixed(6)}`);
    if (!response.ok) return;
    found = (await response.json()).reports;
  } catch (error) {
    return;
  }
  if (asked !== nearbyAsked) return;
  section.hidden = found.length === 0;
  $("nearby-list").replaceChildren(...found.map(report => {
    const item = el("li");
    if (report.photo) {
      const image = el("img");
      image.src = report.photo;
      image.alt = "";
      image.loading = "lazy";
      image.width = 72;
      image.height = 72;
      item.append(image);
    } else item.append(el("div", "", "no-photo"));
    const text = el("div", undefined, "text");
    const head = el("p", undefined, "head");
    head.append(el("strong", report.ticket), " ", el("span", report.status_label, "status"));
    text.append(head);
    if (report.description) text.append(el("p", report.description, "description"));
    text.append(el("p", [fill(T.meters, {m: NUMBER.format(report.distance_m)}),
      DATE.format(new Date(report.reported_at)),
      fill(T.supporters, {n: NUMBER.format(report.supporters + 1)})].join(" · "), "hint"));
    const button = el("button", T.me_too, "button secondary me-too");
    button.type = "button";
    button.dataset.ticket = report.ticket;
    button.addEventListener("click", () => send(report.ticket));
    text.append(button);
    item.append(text);
    return item;
  }));
}

// --- 4. details ---------------------------------------------------------------
function countChars() {
  $("chars").textContent = fill(T.chars, {n: NUMBER.format($("description").value.length),
    max: NUMBER.format(P.max_description)});
}
$("description").addEventListener("input", countChars);
countChars();

// what the text model reads in the description: a suggestion the resident may
// take, never a change made for them
const SURE = 0.6;
const PERCENT = new Intl.NumberFormat(T.locale, {style: "percent"});
let suggestTimer = null;
async function suggestCategory() {
  const text = $("description").value.trim();
  const box = $("suggestion");
  if (text.length < 15 || !navigator.onLine) { box.hidden = true; return; }
  try {
    const response = await fetch(`${P.urls.suggest}?k=1&text=${encodeURIComponent(text)}`);
    if (!response.ok) return;
    const [top] = (await response.json()).suggestions;
    if (!top || top.category === state.category || top.probability < SURE
        || !categories[top.category]) { box.hidden = true; return; }
    const button = el("button", T.use_suggestion);
    button.type = "button";
    button.id = "use-suggestion";
    button.addEventListener("click", () => { chooseCategory(top.category); box.hidden = true; });
    box.replaceChildren(fill(T.suggestion, {category: categories[top.category].name,
      share: PERCENT.format(top.probability)}), " ", button);
    box.hidden = false;
  } catch { box.hidden = true; }
}
$("description").addEventListener("input", () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(suggestCategory, 600);
});

// --- sending, or keeping for later ---------------------------------------------
function collect(supports) {
  if (!state.category) return {error: T.pick_category, focus: document.querySelector(".tile")};
  if (!state.point) return {error: T.pick_place, focus: $("locate")};
  if (!state.inside) return {error: T.outside, focus: $("map")};
  const answers = {};
  for (const input of $("questions").querySelectorAll("input, select")) {
    if (input.required && !input.value.trim()) {
      return {error: fill(T.required, {question: input.dataset.question}), focus: input};
    }
    if (input.value.trim()) answers[input.name] = input.value.trim();
  }
  return {draft: {
    id: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
    created: Date.now(),
    kategori: state.category,
    lat: state.point.lat.toFixed(6),
    lon: state.point.lng.toFixed(6),
    description: $("description").value,
    name: $("name").value,
    phone: $("phone").value,
    website: $("website").value,
    supports: supports || "",
    answers,
    photos: state.photos.map(p => p.blob),
  }};
}

async function token() {
  const response = await fetch(P.urls.token, {cache: "no-store", credentials: "same-origin"});
  if (!response.ok) throw new TypeError("token");
  return (await response.json()).csrf_token;
}

/** POST one draft: {ok, body} from the server, or throws TypeError offline. */
async function post(draft) {
  const form = new FormData();
  for (const key of ["kategori", "lat", "lon", "description", "name", "phone", "website",
    "supports"]) form.append(key, draft[key] || "");
  for (const [name, value] of Object.entries(draft.answers)) form.append(name, value);
  draft.photos.forEach((blob, i) => form.append("photo", blob, `foto-${i + 1}.jpg`));
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(P.urls.submit, {method: "POST", body: form,
      headers: {"X-CSRF-Token": await token()}, credentials: "same-origin"});
    let body;
    try {
      body = await response.json();
    } catch (error) {
      body = {description: response.statusText};
    }
    // an expired form token is renewed once
    if (response.status === 403 && body.code === "csrf" && attempt === 0) continue;
    if (response.status >= 500) throw new TypeError(body.description || "server");
    return {ok: response.ok, status: response.status, body};
  }
}

function showResult(body) {
  $("report").hidden = true;
  $("result").hidden = false;
  $("result-text").textContent = fill(body.joined ? T.joined : T.sent, {ticket: body.ticket});
  $("follow").href = body.follow_url;
  $("result").scrollIntoView({block: "start"});
  $("follow").focus({preventScroll: true});
}

async function showPending() {
  const waiting = await drafts().catch(() => []);
  const banner = $("pending");
  banner.hidden = waiting.length === 0;
  banner.textContent = waiting.length > 1
    ? `${T.waiting} · ${fill(T.waiting_count, {n: waiting.length})}`
    : waiting.length ? T.waiting : "";
}

let flushing = false;
/** Send every waiting draft; the first one sent from this page shows its ticket. */
async function flush(showFirst) {
  if (flushing) return;
  flushing = true;
  try {
    for (const draft of await drafts()) {
      let result;
      try {
        result = await post(draft);
      } catch (error) {
        break;  // still no signal: keep them all
      }
      await removeDraft(draft.id);
      if (result.ok && showFirst) {
        showFirst = false;
        showResult(result.body);
      } else if (!result.ok) {
        $("form-error").textContent = fill(T.error, {message: result.body.description});
      }
    }
  } finally {
    flushing = false;
    await showPending();
  }
}

async function send(supports) {
  if (state.sending) return;
  const {draft, error, focus} = collect(supports);
  $("form-error").textContent = error || "";
  if (error) {
    if (focus) focus.focus();
    return;
  }
  state.sending = true;
  $("send").disabled = true;
  $("send").textContent = T.sending;
  try {
    let result = null;
    if (navigator.onLine) {
      try {
        result = await post(draft);
      } catch (offline) {
        result = null;
      }
    }
    if (result === null) {
      await saveDraft(draft);
      await showPending();
      $("pending").scrollIntoView({block: "center"});
    } else if (result.ok) {
      showResult(result.body);
    } else {
      $("form-error").textContent = fill(T.error, {message: result.body.description});
    }
  } finally {
    state.sending = false;
    $("send").disabled = false;
    $("send").textContent = sendLabel;
  }
}
const sendLabel = $("send").textContent;

$("report").addEventListener("submit", event => {
  event.preventDefault();
  send("");
});
$("again").addEventListener("click", () => { window.location.reload(); });

window.addEventListener("online", () => flush(true));
// the connection may come back without an event (a captive portal, a weak cell)
setInterval(() => { if (navigator.onLine) flush(true); }, 30000);

function start() {
  // the map is below the fold: drawn when the resident comes near it (or needs a
  // pin), so the first screen is ready sooner on a slow phone
  if ("IntersectionObserver" in window) {
    const watch = new IntersectionObserver(entries => {
      if (entries.some(e => e.isIntersecting)) {
        watch.disconnect();
        startMap();
      }
    }, {rootMargin: "300px"});
    watch.observe($("map"));
  } else startMap();
  showPending();
  if (navigator.onLine) flush(true);
}
if (document.readyState === "complete") start();
else window.addEventListener("load", start);
