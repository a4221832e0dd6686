/** GET /api/workspaces/:id/activity?before=&limit=: the working group's activity, newest first. */
import { Hono } from 'hono';
import { activityQuery } from '../../../shared/api/activity.js';
import { membershipOr404 } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { queryInput } from '../../http/validate.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { PeopleLookup } from '../members/index.js';
import { presentActivity } from './presenters.js';
import type { ActivityStore } from './store.js';

export interface ActivityRouteDeps {
  /** Names for user ids (members/people.ts). */
  people: PeopleLookup;
  workspaces: WorkspaceStore;
  activity: ActivityStore;
}

export function activityRoutes(deps: ActivityRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/activity', queryInput(activityQuery), async (c) => {
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), c.get('session').user.id);
    const { before, limit } = c.req.valid('query');
    const entries = await deps.activity.list({ workspaceId: row.workspace.id, before, limit });
    const people = await deps.people(entries.flatMap((e) => (e.userId ? [e.userId] : [])));
    return c.json({ activity: entries.map((e) => presentActivity(e, people)) });
  });
  return app;
}
