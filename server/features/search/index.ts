/** Full-text search over the documents of your working groups (SQLite FTS5 or PostgreSQL tsvector). */
export { searchRoutes, type SearchRouteDeps } from './routes.js';
export { SearchService, defaultSearchTimings, type SearchTimings } from './service.js';
