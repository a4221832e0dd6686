/** Catch-up: "what changed since your last visit", from recorded visits and the activity log. */
export { catchUpRoutes, type CatchUpRouteDeps } from './routes.js';
export { VisitStore } from './visits.js';
