/**
 * GET /api/search?q=&workspace=: ranked full-text hits among the live documents of the caller's own
 * working groups (or of one of them), and among their comment threads. The workspace filter comes from memberships, never from the
 * index, so a hit can never cross into another group.
 */
import { Hono } from 'hono';
import { searchQuery } from '../../../shared/api/search.js';
import { membershipOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { queryInput } from '../../http/validate.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { SearchAnswerView } from '../../../shared/api/search.js';
import { presentCommentHit, presentSearchHit } from './presenters.js';
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
    const [hits, comments] = await Promise.all([deps.search.query(q, workspaceIds), deps.search.queryComments(q, workspaceIds)]);
    const answer: SearchAnswerView = { results: hits.map(presentSearchHit), comments: comments.map(presentCommentHit) };
    return c.json(answer);
  });
  return app;
}
