/** Mounts the research routes (versions, comments, search, export/import, activity) under the signed-in API. */
import { Hono } from 'hono';
import type { DocumentStore } from '../storage/types.js';
import { documentActivityRoutes, workspaceActivityRoutes } from './activity/routes.js';
import { commentRoutes } from './comments/routes.js';
import { searchRoutes } from './search/routes.js';
import type { SessionEnv } from '../http/session.js';
import { exportRoutes, importRoutes } from './transfer/routes.js';
import { versionRoutes, type ResearchRouteDeps } from './versions/routes.js';

export function researchRoutes(deps: ResearchRouteDeps & { store: DocumentStore }): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.route('/search', searchRoutes(deps));
  app.route('/workspaces', importRoutes(deps));
  app.route('/workspaces', workspaceActivityRoutes(deps));
  app.route('/documents', versionRoutes(deps));
  app.route('/documents', exportRoutes(deps));
  app.route('/documents', documentActivityRoutes(deps));
  app.route('/documents', commentRoutes(deps));
  return app;
}
