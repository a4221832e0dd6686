/**
 * The service worker (built by vite-plugin-pwa's injectManifest into /sw.js): the app opens with no
 * network. It precaches the app shell (index.html, scripts, styles, fonts of this build) and answers:
 * - page loads (navigations): network first, so a deploy is picked up at once; with no network, the
 *   precached index.html, whatever the route (the client routes it and opens the document's copy
 *   from IndexedDB);
 * - the build's own files: from the precache;
 * - everything else (/api, /collab, /healthz, /metrics, downloads): not at all, so the browser asks
 *   the server as if there were no worker, and nothing a server says about data is ever cached here.
 */
import { addRoute, cleanupOutdatedCaches, matchPrecache, precache, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** The worker's global scope, as far as this file uses it (the client's tsconfig has no WebWorker lib). */
declare const self: {
  __WB_MANIFEST: (string | PrecacheEntry)[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: { waitUntil(promise: Promise<unknown>): void }) => void): void;
};

/** Paths the worker never answers, even when they are navigated to (a calendar feed, an export). */
export const SERVER_PATHS = /^\/(?:api|collab|healthz|metrics)(?:\/|$)/;

// A new build takes over at once rather than when every tab has closed: the shell it caches is the
// one the server now serves, and a stale shell would open offline with yesterday's code.
self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

cleanupOutdatedCaches();
precache(self.__WB_MANIFEST);

// Registered before the precache route, so that a navigation to "/" never gets the cached page first.
registerRoute(
  new NavigationRoute(
    async ({ request }) => {
      try {
        return await fetch(request);
      } catch (error) {
        const shell = await matchPrecache('/index.html');
        if (shell) return shell;
        throw error;
      }
    },
    { denylist: [SERVER_PATHS] },
  ),
);
addRoute();
