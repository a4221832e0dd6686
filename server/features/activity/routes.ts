/**
 * Working across time zones: the activity list of a working group, a document's deadline, and
 * catch-up ("what changed since your last visit": who, when, and a highlighted diff).
 *
 *   GET  /api/workspaces/:id/activity?before=&limit=
 *   GET  /api/documents/:id/catch-up      what changed since your last recorded visit
 *   POST /api/documents/:id/visit         records that you have now seen the current state
 *   GET  /api/documents/:id/deadline, PUT { at: ms | null }
 */
import { Hono } from 'hono';
import { setDeadlineInput } from '../../../shared/api/deadlines.js';
import { type CatchUpView } from '../../../shared/api/catch-up.js';
import { peopleByIds } from '../members/people.js';
import { documentOr404, membershipOr404, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import { presentActivity, presentDeadline } from '../versions/presenters.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import { refuseTrashed, type ResearchRouteDeps } from '../versions/routes.js';

function limitParam(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ApiError(400, 'invalid_input', 'some fields are not valid', { limit: [`limit must be 1 to ${max}`] });
  return n;
}

export function workspaceActivityRoutes(deps: ResearchRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/activity', async (c) => {
    const row = await membershipOr404(deps.auth, c.req.param('id'), c.get('session').user.id);
    const before = c.req.query('before');
    const beforeMs = before === undefined ? undefined : Number(before);
    if (beforeMs !== undefined && !Number.isFinite(beforeMs)) throw new ApiError(400, 'invalid_input', 'some fields are not valid', { before: ['before must be a timestamp'] });
    const entries = await deps.research.activity.list({ workspaceId: row.workspace.id, before: beforeMs, limit: limitParam(c.req.query('limit'), 50, 200) });
    const people = await peopleByIds(deps.research.db, entries.flatMap((e) => (e.userId ? [e.userId] : [])));
    return c.json({ activity: entries.map((e) => presentActivity(e, people)) });
  });
  return app;
}

export function documentActivityRoutes(deps: ResearchRouteDeps): Hono<SessionEnv> {
  const { auth, research } = deps;
  const app = new Hono<SessionEnv>();

  app.get('/:id/catch-up', async (c) => {
    const me = c.get('session').user;
    const { doc } = await documentOr404(auth, c.req.param('id'), me.id);
    const visit = await research.visits.get(me.id, doc.id);
    if (!visit) {
      const first: CatchUpView = { lastVisitAt: null, authors: [], activity: [], blocks: [], insertions: 0, deletions: 0 };
      return c.json(first);
    }
    const comparison = research.compare(visit.snapshot, await deps.hub.readDocument(doc.id));
    const entries = await research.activity.list({ docId: doc.id, since: visit.visitedAt, limit: 100 });
    const authorIds = new Set([...entries.flatMap((e) => (e.userId ? [e.userId] : [])), ...research.pendingAuthors(doc.id)]);
    const people = await peopleByIds(research.db, authorIds);
    const view: CatchUpView = {
      lastVisitAt: visit.visitedAt,
      authors: [...authorIds].map((id) => people.get(id) ?? { id, name: 'Former member' }),
      activity: entries.map((e) => presentActivity(e, people)),
      // Only the changed blocks and a little context are worth sending to someone catching up.
      blocks: comparison.insertions + comparison.deletions === 0 ? [] : comparison.blocks,
      insertions: comparison.insertions,
      deletions: comparison.deletions,
    };
    return c.json(view);
  });

  app.post('/:id/visit', async (c) => {
    const me = c.get('session').user;
    const { doc } = await documentOr404(auth, c.req.param('id'), me.id);
    const at = auth.now();
    await research.visits.record(me.id, doc.id, at, await deps.hub.readDocument(doc.id));
    return c.json({ visitedAt: at });
  });

  app.get('/:id/deadline', async (c) => {
    const { doc } = await documentOr404(auth, c.req.param('id'), c.get('session').user.id);
    const deadline = await research.deadlines.get(doc.id);
    const people = await peopleByIds(research.db, deadline ? [deadline.setBy] : []);
    return c.json({ deadline: presentDeadline(doc.id, deadline, people) });
  });

  app.put('/:id/deadline', jsonBody(setDeadlineInput), async (c) => {
    const me = c.get('session').user;
    const { doc, role } = await documentOr404(auth, c.req.param('id'), me.id);
    requireCapability(role, 'document.manage');
    refuseTrashed(doc);
    const { at } = c.req.valid('json');
    await research.deadlines.set(doc.id, at, me.id, auth.now());
    const deadline = await research.deadlines.get(doc.id);
    const people = await peopleByIds(research.db, deadline ? [deadline.setBy] : []);
    return c.json({ deadline: presentDeadline(doc.id, deadline, people) });
  });

  return app;
}
