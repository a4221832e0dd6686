/**
 * GET /api/search?q=&workspace=: ranked full-text hits among the live documents of the caller's own
 * working groups (or of one of them). The workspace filter comes from memberships, never from the
 * index, so a hit can never cross into another group.
 */
import { Hono } from 'hono';
import { searchQuery } from '../../../shared/api/search.js';
import { membershipOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { queryInput } from '../../http/validate.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { presentSearchHit } from './presenters.js';
import type { SearchService } from './service.js';

export interface SearchRouteDeps {
  workspaces: WorkspaceStore;
  search: SearchService;
}

export function searchRoutes(deps: SearchRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/', queryInput(searchQuery), async (c) => {
    const me = c.get('session').user;
    const { q, workspace } = c.req.valid('query');
    const workspaceIds = workspace
      ? [(await membershipOr404(deps.workspaces, workspace, me.id)).workspace.id]
      : (await deps.workspaces.listForUser(me.id)).map((row) => row.workspace.id);
    const hits = await deps.search.query(q, workspaceIds);
    return c.json({ results: hits.map(presentSearchHit) });
  });
  return app;
}
