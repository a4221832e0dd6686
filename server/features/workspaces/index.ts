/** Working groups: create, list, read, rename. */
export { workspaceRoutes, type WorkspaceRouteDeps } from './routes.js';
export { presentWorkspace } from './presenters.js';
