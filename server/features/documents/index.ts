/** Documents of a working group: create (seeded from a template), list, read, rename, trash, restore. */
export { documentRoutes, workspaceDocumentRoutes, type DocumentRouteDeps, type DocumentSeeder } from './routes.js';
export { onlyMe, presentDocument } from './presenters.js';
export { ChangeTracker, defaultChangeTimings, type ChangeTimings } from './changes.js';
