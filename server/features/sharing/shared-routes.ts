/** GET /api/shared-with-me: the documents other groups shared with you as a guest, most recently changed first. */
import { Hono } from 'hono';
import type { SessionEnv } from '../../http/session.js';
import type { SharingDeps } from './deps.js';
import { presentShared } from './presenters.js';

export function sharedWithMeRoutes(deps: Pick<SharingDeps, 'sharing' | 'people'>): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/', async (c) => {
    const shared = await deps.sharing.sharedWith(c.get('session').user.id);
    const people = await deps.people(shared.map((s) => s.invitedBy));
    return c.json({ documents: shared.map((s) => presentShared(s, people)) });
  });
  return app;
}
