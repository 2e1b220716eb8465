/// <reference lib="webworker" />
/**
 * The service worker, bundled by src/integrations/service-worker.ts into
 * `<base>sw.js` with the build's manifest. Install precaches the site; a new
 * build's worker takes over at once (no waiting for every tab to close) and
 * deletes the previous build's caches; pages never reload themselves.
 */
import { routeOf, staleCaches, type OfflineManifest } from '../lib/offline';
import { cachedFirst, pageResponse, precache, pythonResponse, removeStale, type Environment } from './strategies';

declare const __WAYMARK_OFFLINE__: OfflineManifest;
declare const self: ServiceWorkerGlobalScope;

const manifest = __WAYMARK_OFFLINE__;
const PAGE_TIMEOUT_MS = 3000;

function environment(waitUntil: (work: Promise<unknown>) => void): Environment {
  return { origin: self.location.origin, caches, fetch: (request) => fetch(request), pageTimeoutMs: PAGE_TIMEOUT_MS, waitUntil };
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache(
      environment((w) => event.waitUntil(w)),
      manifest,
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    removeStale(
      environment((w) => event.waitUntil(w)),
      (keys) => staleCaches(keys, manifest),
    ).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const route = routeOf(request, self.location.origin, manifest);
  if (route === 'none') return;
  const env = environment((w) => event.waitUntil(w));
  if (route === 'page') event.respondWith(pageResponse(request, env, manifest));
  else if (route === 'python') event.respondWith(pythonResponse(request, env, manifest));
  else event.respondWith(cachedFirst(request, env, manifest, route === 'asset'));
});
