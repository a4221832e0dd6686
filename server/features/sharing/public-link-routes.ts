/**
 * GET /api/links/:token, answered without a session: which document a read-only link opens (its id and
 * title), so the /shared/<token> page can open it. The token is the secret; an unknown one is a 404, a
 * revoked or expired one a 410 (`gone`) that names only which.
 */
import { Hono } from 'hono';
import type { LinkTargetView } from '../../../shared/api/sharing.js';
import { lookUpLink } from '../../auth/links.js';
import { ApiError } from '../../http/errors.js';
import type { SharingDeps } from './deps.js';

export function publicLinkRoutes(deps: Pick<SharingDeps, 'sharing' | 'documents' | 'now'>): Hono {
  const app = new Hono();
  app.get('/:token', async (c) => {
    // Never cached: the answer changes when the link is revoked or expires.
    c.header('Cache-Control', 'no-store');
    const found = await lookUpLink(deps.sharing, c.req.param('token'), deps.now());
    if (!found.ok) throw found.status === 404 ? new ApiError(404, 'not_found', found.reason) : new ApiError(410, 'gone', found.reason);
    const doc = await deps.documents.byId(found.link.docId);
    if (!doc || doc.deletedAt !== null) throw new ApiError(404, 'not_found', 'this document is not available');
    const link: LinkTargetView = { documentId: doc.id, title: doc.title, expiresAt: found.link.expiresAt };
    return c.json({ link });
  });
  return app;
}
