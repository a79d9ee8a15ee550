// Soft Token's service worker: serves the app from a versioned cache so it
// starts with no network, and switches versions only when the page asks.
//
// scripts/post-build.mjs writes this file into the build as sw.js, with
// VERSION (a hash of every file of the build) and FILES (every file's path
// and the Base64 SHA-256 of its bytes) filled in, so the list can never go
// stale. Contract:
// - install: fetches every file of this build, bypassing the HTTP cache,
//   checks each against its SHA-256, and caches them only when all match.
//   A file that differs (a deploy caught half-way, a proxy's rewrite) fails
//   the install: the old version stays, and no mix of versions is cached.
//   The new worker then waits while an older one controls a page;
// - activate: deletes every other version's cache and takes control of open
//   pages (the first install has no older worker, so it controls at once);
// - fetch: same-origin GETs only; app routes (navigations) get index.html;
//   anything else comes from the cache, else from the network;
// - brand icons (icons/<slug>.svg, docs/icon-pack.md) are too many to
//   precache: each one a page shows is kept, when first fetched, in a cache
//   of the icon pack's version (ICON_PACK), which outlives app versions and
//   goes only when the pack changes; so an icon seen once shows offline;
// - message "skip-waiting": the page's Reload button, the one way an update
//   takes over.
const VERSION = "development";
const FILES = [];
const ICON_PACK = "development";

const CACHE_PREFIX = "softtoken-";
const CACHE = CACHE_PREFIX + VERSION;
const ICON_CACHE = CACHE_PREFIX + "icons-" + ICON_PACK;

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

async function precache() {
  const fetched = await Promise.all(
    FILES.map(async ([file, expected]) => {
      const response = await fetch(new Request(file, { cache: "reload" }));
      if (!response.ok) {
        throw new Error(`${file}: HTTP ${response.status}`);
      }
      if ((await sha256(response)) !== expected) {
        throw new Error(`${file} is not the file of version ${VERSION}`);
      }
      return [file, response];
    }),
  );
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(fetched.map(([file, response]) => cache.put(file, response)));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE && name !== ICON_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/icons/")) {
    event.respondWith(icon(request));
    return;
  }
  const cached =
    request.mode === "navigate"
      ? caches.match("index.html", { cacheName: CACHE })
      : caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  event.respondWith(cached.then((response) => response || fetch(request)));
});

/** A brand icon: from its cache, else fetched and kept when it is one. */
async function icon(request) {
  const cache = await caches.open(ICON_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});
