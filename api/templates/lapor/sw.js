// The citizen app's service worker (served at /lapor/sw.js, scope /lapor): keeps
// the app shell and SIGAP's basemap so /lapor opens and shows the city without
// signal. Reports made offline wait in IndexedDB (the page sends them); nothing
// else is touched here — every other request goes to the network as usual.
const VERSION = {{ version | tojson }};
const SHELL = `lapor-shell-${VERSION}`;
const DATA = "lapor-data";
const PAGE = {{ page | tojson }};
const BASEMAP = {{ basemap | tojson }};
const ASSETS = {{ assets | tojson }};

self.addEventListener("install", event => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL);
    await shell.addAll([PAGE, ...ASSETS]);
    const data = await caches.open(DATA);
    try {
      await data.add(BASEMAP);
    } catch (error) {
      // the basemap is kept on its first successful fetch instead
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("lapor-shell-") && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** The network's answer (kept in `cacheName`), else the kept copy. */
async function networkFirst(request, cacheName, key, timeout) {
  const cache = await caches.open(cacheName);
  const kept = cache.match(key || request, {ignoreSearch: false});
  try {
    const fetched = fetch(request);
    const response = await (timeout
      ? Promise.race([fetched, new Promise((_, reject) => setTimeout(() => reject(new Error("slow")), timeout))])
      : fetched);
    if (response.ok) await cache.put(key || request, response.clone());
    return response;
  } catch (error) {
    const copy = await kept;
    if (copy) return copy;
    throw error;
  }
}

/** The kept copy at once, refreshed from the network behind it. */
async function staleWhileRevalidate(event, cacheName) {
  const cache = await caches.open(cacheName);
  const copy = await cache.match(event.request);
  const refresh = fetch(event.request).then(response => {
    if (response.ok) cache.put(event.request, response.clone());
    return response;
  });
  if (copy) {
    event.waitUntil(refresh.catch(() => {}));
    return copy;
  }
  return refresh;
}

self.addEventListener("fetch", event => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) {
    // a weak signal should not keep a resident staring at a white page
    event.respondWith(networkFirst(request, SHELL, url.pathname + url.search, 4000));
  } else if (url.pathname === BASEMAP) {
    event.respondWith(networkFirst(request, DATA, BASEMAP, 6000));
  } else if (ASSETS.includes(url.pathname) || url.pathname.startsWith("/static/vendor/leaflet/images/")) {
    event.respondWith(staleWhileRevalidate(event, SHELL));
  }
});
