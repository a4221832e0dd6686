/** Deadlines of documents (a funder's call closing, a protocol's submission date). */
export { deadlineRoutes, type DeadlineRouteDeps } from './routes.js';
export { DeadlineStore } from './store.js';
