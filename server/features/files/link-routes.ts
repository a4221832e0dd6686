/**
 * GET /api/documents/:id/files/:fileId?link=<token>: the images of a document opened through a
 * read-only link, signed in or not. Like the socket `/collab/:docId?link=<token>` (auth/link-policy.ts),
 * the link alone decides, and only for its own document: an unknown token, another document's id or a
 * trashed document answer 404 (as a missing file does), a revoked or expired link 410 `gone`, as
 * `/api/links/:token` does, so the shared page can say why. Without `link` the request goes on to the
 * signed-in route (routes.ts).
 *
 * Registered before the session middleware. The token is in the address, so a cached answer is only
 * ever reused for the same link (no `Vary` needed: nothing else, cookie included, changes the answer),
 * but never as `immutable`: `no-cache` makes the browser ask again at each use (a cheap 304 while the
 * link lasts), so a revoked or expired link shows nothing more, even from the browser's cache.
 */
import { Hono } from 'hono';
import { lookUpLink } from '../../auth/links.js';
import { ApiError } from '../../http/errors.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { SharingStore } from '../../storage/sharing.js';
import type { FileStore } from './file-store.js';
import { sendFile } from './routes.js';

export interface LinkFileRouteDeps {
  links: Pick<SharingStore, 'linkById'>;
  documents: Pick<DocumentMetaStore, 'byId'>;
  files: Pick<FileStore, 'info' | 'get'>;
  now: () => number;
}

/** Private to the link's holder, and checked again at every use. */
export const LINK_FILE_CACHE_CONTROL = 'private, no-cache';

/** Under /api/documents, before the signed-in routes. */
export function linkFileRoutes(deps: LinkFileRouteDeps): Hono {
  const app = new Hono();
  app.get('/:id/files/:fileId', async function fileThroughLink(c, next) {
    const token = c.req.query('link');
    if (token === undefined) return next();
    const found = await lookUpLink(deps.links, token, deps.now());
    if (!found.ok) throw found.status === 404 ? new ApiError(404, 'not_found', 'no such file') : new ApiError(410, 'gone', found.reason);
    const docId = c.req.param('id');
    // Never another document's files, whatever the path says.
    if (found.link.docId !== docId) throw new ApiError(404, 'not_found', 'no such file');
    const doc = await deps.documents.byId(docId);
    if (!doc || doc.deletedAt !== null) throw new ApiError(404, 'not_found', 'no such file');
    return sendFile(c, deps.files, doc.id, c.req.param('fileId'), LINK_FILE_CACHE_CONTROL);
  });
  return app;
}
