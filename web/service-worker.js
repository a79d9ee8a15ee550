// Soft Token's service worker: serves the app from a versioned cache so it
// starts with no network, and switches versions only when the page asks.
//
// scripts/post-build.mjs writes this file into the build as sw.js, with
// VERSION (a hash of every file of the build) and FILES (every file's path)
// filled in, so the list can never go stale. Contract:
// - install: caches every file of this build, bypassing the HTTP cache; the
//   new worker then waits while an older one controls a page;
// - activate: deletes every other version's cache and takes control of open
//   pages (the first install has no older worker, so it controls at once);
// - fetch: same-origin GETs only; app routes (navigations) get index.html;
//   anything else comes from the cache, else from the network;
// - message "skip-waiting": the page's Reload button, the one way an update
//   takes over.
const VERSION = "development";
const FILES = [];

const CACHE_PREFIX = "softtoken-";
const CACHE = CACHE_PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  const cached =
    request.mode === "navigate"
      ? caches.match("index.html", { cacheName: CACHE })
      : caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  event.respondWith(cached.then((response) => response || fetch(request)));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});
