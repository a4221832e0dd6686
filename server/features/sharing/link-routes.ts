/**
 * Read-only links under /api/documents/:id/links (owners and editors of the group): make one that
 * lives 1, 7 or 30 days (its token is shown once; only a hash is kept), list the live ones, revoke one,
 * which closes every socket opened through it.
 */
import { Hono } from 'hono';
import { createLinkInput } from '../../../shared/api/sharing.js';
import { newToken } from '../../auth/tokens.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { LinkRecord } from '../../storage/sharing.js';
import type { SharingDeps } from './deps.js';
import { shareableDocument } from './manage.js';
import { presentLink } from './presenters.js';

const DAY = 24 * 60 * 60 * 1000;

export function linkRoutes(deps: SharingDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.post('/:id/links', jsonBody(createLinkInput), async (c) => {
    const me = c.get('session').user;
    const doc = await shareableDocument(deps, c.req.param('id'), me.id);
    const { days } = c.req.valid('json');
    const now = deps.now();
    const { id, token, secretHash } = newToken();
    const link: LinkRecord = { id, docId: doc.id, secretHash, createdBy: me.id, createdAt: now, expiresAt: now + days * DAY, revokedAt: null };
    await deps.sharing.createLink(link);
    await deps.activity.logEvent(doc.id, me.id, 'link-created', days === 1 ? '1 day' : `${days} days`);
    return c.json({ token, link: presentLink(link, await deps.people([me.id])) }, 201);
  });

  app.get('/:id/links', async (c) => {
    const doc = await shareableDocument(deps, c.req.param('id'), c.get('session').user.id);
    const links = await deps.sharing.liveLinks(doc.id, deps.now());
    const people = await deps.people(links.map((l) => l.createdBy));
    return c.json({ links: links.map((l) => presentLink(l, people)) });
  });

  app.delete('/:id/links/:linkId', async (c) => {
    const me = c.get('session').user.id;
    const doc = await shareableDocument(deps, c.req.param('id'), me);
    const linkId = c.req.param('linkId');
    if (!(await deps.sharing.revokeLink(doc.id, linkId, deps.now()))) throw new ApiError(404, 'not_found', 'no live link with this ID');
    deps.auth.revoker.linkRevoked(linkId);
    await deps.activity.logEvent(doc.id, me, 'link-revoked', null);
    return c.body(null, 204);
  });

  return app;
}
