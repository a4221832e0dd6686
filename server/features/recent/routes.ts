/** GET /api/recent?q=&limit=: your recent documents across all your working groups, optionally by title. */
import { Hono } from 'hono';
import { recentQuery, type RecentView } from '../../../shared/api/recent.js';
import type { SessionEnv } from '../../http/session.js';
import { queryInput } from '../../http/validate.js';
import type { PeopleLookup } from '../members/index.js';
import { presentRecent } from './presenters.js';
import type { RecentStore } from './store.js';

export interface RecentRouteDeps {
  recent: RecentStore;
  people: PeopleLookup;
}

export function recentRoutes(deps: RecentRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/', queryInput(recentQuery), async (c) => {
    const { q, limit } = c.req.valid('query');
    const records = await deps.recent.forUser(c.get('session').user.id, { q, limit });
    const people = await deps.people(records.flatMap((r) => r.changedBy));
    const view: RecentView = { documents: records.map((r) => presentRecent(r, people)) };
    return c.json(view);
  });
  return app;
}
