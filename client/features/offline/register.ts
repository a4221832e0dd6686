/**
 * Registers the service worker (features/offline/sw.ts) in builds only: the Vite dev server has no
 * /sw.js, and a worker caching dev modules would only get in the way. The mode, not PROD, tells a
 * build: the browser tests build with NODE_ENV=test, which turns PROD off in a real build.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No worker (private mode, storage full): the app still works online, as before.
    });
  };
  // After the page has loaded, so that precaching never competes with the first render (the page
  // may have loaded before this runs).
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
