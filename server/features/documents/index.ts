/** Documents of a working group: create (seeded from a template), list, read, rename, trash, restore. */
export { documentRoutes, workspaceDocumentRoutes, type DocumentRouteDeps, type DocumentSeeder } from './routes.js';
export { presentDocument } from './presenters.js';
