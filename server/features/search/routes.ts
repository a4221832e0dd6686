/**
 * GET /api/search?q=&workspace=: ranked full-text hits among the live documents of the caller's own
 * working groups (or of one of them). The workspace filter comes from memberships, never from the
 * index, so a hit can never cross into another group.
 */
import { Hono } from 'hono';
import { maxSearchQueryLength } from '../../../shared/api/search.js';
import type { Auth } from '../../auth/index.js';
import type { Research } from '../versions/service.js';
import { membershipOr404 } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import { presentSearchHit } from '../versions/presenters.js';
import type { SessionEnv } from '../../http/session.js';

export function searchRoutes(deps: { auth: Auth; research: Research }): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/', async (c) => {
    const me = c.get('session').user;
    const q = (c.req.query('q') ?? '').trim();
    if (q.length === 0 || q.length > maxSearchQueryLength) {
      throw new ApiError(400, 'invalid_input', 'some fields are not valid', { q: [`q must be 1 to ${maxSearchQueryLength} characters`] });
    }
    const only = c.req.query('workspace');
    const workspaceIds = only
      ? [(await membershipOr404(deps.auth, only, me.id)).workspace.id]
      : (await deps.auth.workspaces.listForUser(me.id)).map((row) => row.workspace.id);
    // Documents never edited since creation (templates) have no entry yet: index a few per search.
    await deps.research.backfill(workspaceIds);
    const hits = await deps.research.search.query(q, workspaceIds);
    return c.json({ results: hits.map(presentSearchHit) });
  });
  return app;
}
