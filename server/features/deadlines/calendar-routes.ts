/**
 * GET /api/calendar/:token.ics: a working group's deadlines for a calendar app. No session (calendar
 * apps cannot sign in): the secret token in the address is the credential (feeds.ts), and the
 * person it belongs to must still be in the group. Anything else is the same 404.
 */
import { Hono } from 'hono';
import { ApiError } from '../../http/errors.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import type { PeopleLookup } from '../members/index.js';
import { loadCalendar } from './calendar-loader.js';
import type { CalendarFeedStore } from './feeds.js';
import { linkOrigin } from './routes.js';
import type { DeadlineStore } from './store.js';

export interface CalendarFeedRouteDeps {
  people: PeopleLookup;
  workspaces: Pick<WorkspaceStore, 'membership'>;
  deadlines: DeadlineStore;
  feeds: CalendarFeedStore;
  publicUrl?: string | undefined;
}

export function calendarFeedRoutes(deps: CalendarFeedRouteDeps): Hono {
  const app = new Hono();
  app.get('/:file', async (c) => {
    const token = /^(.+)\.ics$/.exec(c.req.param('file'))?.[1];
    const feed = token ? await deps.feeds.find(token) : undefined;
    const row = feed && (await deps.workspaces.membership(feed.workspaceId, feed.userId));
    if (!row) throw new ApiError(404, 'not_found', 'no such calendar');
    const records = await deps.deadlines.inWorkspace(row.workspace.id);
    const people = await deps.people(records.map((r) => r.setBy));
    const origin = linkOrigin(deps.publicUrl, c.req.url);
    const { deadlineCalendar } = await loadCalendar();
    const body = deadlineCalendar(
      `${row.workspace.name} deadlines`,
      records.map((r) => ({ ...r, setByName: people.get(r.setBy)?.name ?? 'Former member', url: `${origin}/d/${r.docId}` })),
    );
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-cache' });
  });
  return app;
}
