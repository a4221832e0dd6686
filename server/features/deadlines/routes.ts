/**
 * Deadlines. Under /api/documents: GET and PUT /:id/deadline (PUT for editors and owners), GET
 * /:id/deadline.ics (one event to add to a calendar). Under /api/workspaces: GET /:id/deadlines (the
 * group's, soonest first), GET/POST/DELETE /:id/calendar-feed (your secret feed address). The feed
 * itself, GET /api/calendar/:token.ics, is in calendar-routes.ts: calendar apps have no session.
 */
import { Hono } from 'hono';
import { setDeadlineInput } from '../../../shared/api/deadlines.js';
import { documentOr404, membershipOr404, refuseTrashed, requireCapability } from '../../http/access.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { fileBaseName } from '../../text/formats.js';
import type { PeopleLookup } from '../members/index.js';
import { attachment } from '../transfer/index.js';
import { loadCalendar } from './calendar-loader.js';
import type { CalendarFeedStore } from './feeds.js';
import { presentDeadline } from './presenters.js';
import type { DeadlineStore } from './store.js';
import { instantOf } from './zoned.js';

export interface DeadlineRouteDeps {
  /** Names for user ids (members/people.ts). */
  people: PeopleLookup;
  documents: DocumentMetaStore;
  deadlines: DeadlineStore;
  now: () => number;
  /** PUBLIC_URL, for links in calendars; default: the request's own origin. */
  publicUrl?: string | undefined;
}

/** The origin that links in a calendar point to. */
export function linkOrigin(publicUrl: string | undefined, requestUrl: string): string {
  return (publicUrl ? new URL(publicUrl) : new URL(requestUrl)).origin;
}

export function deadlineRoutes(deps: DeadlineRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  const present = async (docId: string) => {
    const deadline = await deps.deadlines.get(docId);
    const people = await deps.people(deadline ? [deadline.setBy] : []);
    return presentDeadline(docId, deadline, people);
  };

  app.get('/:id/deadline', async (c) => {
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
    return c.json({ deadline: await present(doc.id) });
  });

  app.get('/:id/deadline.ics', async (c) => {
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), c.get('session').user.id);
    const deadline = await deps.deadlines.get(doc.id);
    if (!deadline) return c.json({ error: { code: 'not_found', message: 'this document has no deadline' } }, 404);
    const setBy = (await deps.people([deadline.setBy])).get(deadline.setBy)?.name ?? 'Former member';
    const url = `${linkOrigin(deps.publicUrl, c.req.url)}/d/${doc.id}`;
    const { deadlineCalendar } = await loadCalendar();
    const body = deadlineCalendar(doc.title, [{ ...deadline, title: doc.title, setByName: setBy, url }]);
    return c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': attachment(`${fileBaseName(doc.title)} deadline.ics`),
      'Cache-Control': 'no-store',
    });
  });

  app.put('/:id/deadline', jsonBody(setDeadlineInput), async (c) => {
    const me = c.get('session').user;
    const { doc, role, guest } = await documentOr404(deps.documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.manage', guest);
    refuseTrashed(doc);
    const input = c.req.valid('json');
    const timeZone = input.timeZone ?? 'UTC';
    const at = input.local !== undefined ? instantOf(input.local, timeZone) : input.at;
    await deps.deadlines.set(doc.id, at === null || at === undefined ? null : { at, timeZone }, me.id, deps.now());
    return c.json({ deadline: await present(doc.id) });
  });

  return app;
}

export interface WorkspaceDeadlineRouteDeps {
  people: PeopleLookup;
  workspaces: Pick<WorkspaceStore, 'membership'>;
  deadlines: DeadlineStore;
  feeds: CalendarFeedStore;
  now: () => number;
  publicUrl?: string | undefined;
}

/** The secret address of a feed token. */
export function feedUrl(origin: string, token: string): string {
  return `${origin}/api/calendar/${token}.ics`;
}

export function workspaceDeadlineRoutes(deps: WorkspaceDeadlineRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.get('/:id/deadlines', async (c) => {
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), c.get('session').user.id);
    const records = await deps.deadlines.inWorkspace(row.workspace.id);
    const people = await deps.people(records.map((r) => r.setBy));
    return c.json({ deadlines: records.map((r) => ({ ...presentDeadline(r.docId, r, people), documentTitle: r.title })) });
  });

  app.get('/:id/calendar-feed', async (c) => {
    const me = c.get('session').user;
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), me.id);
    return c.json({ feed: { createdAt: (await deps.feeds.createdAt(me.id, row.workspace.id)) ?? null } });
  });

  app.post('/:id/calendar-feed', async (c) => {
    const me = c.get('session').user;
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), me.id);
    const now = deps.now();
    const token = await deps.feeds.issue(me.id, row.workspace.id, now);
    c.header('Cache-Control', 'no-store');
    return c.json({ feed: { url: feedUrl(linkOrigin(deps.publicUrl, c.req.url), token), createdAt: now } }, 201);
  });

  app.delete('/:id/calendar-feed', async (c) => {
    const me = c.get('session').user;
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), me.id);
    await deps.feeds.revoke(me.id, row.workspace.id);
    return c.body(null, 204);
  });

  return app;
}
