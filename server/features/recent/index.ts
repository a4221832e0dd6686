/** Recent documents across all of a person's working groups (home page, quick switcher). */
export { recentRoutes, type RecentRouteDeps } from './routes.js';
export { RecentStore } from './store.js';
