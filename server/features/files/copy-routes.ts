/**
 * POST /api/documents/:id/files/copy `{ fromDoc, fileId }`: copies a file of another document into
 * this one, for a figure pasted across documents. Without the copy the figure would keep pointing at
 * the other document, and readers of this one who cannot read that one would see no image.
 * Checks, in order: the caller may edit the target (404 / 403 / 409 trashed), may read the source and
 * the file exists there (404 either way, so no answer reveals a document or file), and the target's
 * limits (413, counted by FileStore.put). The same bytes already in the target cost nothing.
 */
import { Hono } from 'hono';
import { copyFileInput, fileUrl, type UploadedFileView } from '../../../shared/api/files.js';
import { documentOr404, refuseTrashed, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { FileRouteDeps } from './routes.js';

export function fileCopyRoutes(deps: FileRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.post('/:id/files/copy', jsonBody(copyFileInput), async (c) => {
    const me = c.get('session').user;
    const { fromDoc, fileId } = c.req.valid('json');
    const { doc, role, guest } = await documentOr404(deps.documents, c.req.param('id'), me.id);
    requireCapability(role, 'document.write', guest);
    refuseTrashed(doc);
    const source = await documentOr404(deps.documents, fromDoc, me.id).catch((error: unknown) => {
      // The source's absence and a missing file answer alike.
      if (error instanceof ApiError && error.status === 404) throw new ApiError(404, 'not_found', 'no such file');
      throw error;
    });
    const file = await deps.files.get(source.doc.id, fileId);
    if (!file) throw new ApiError(404, 'not_found', 'no such file');
    // The bytes were sniffed when first stored; their type travels with them.
    const stored = await deps.files.put({ docId: doc.id, contentType: file.contentType, bytes: file.bytes, createdBy: me.id, createdAt: deps.now() });
    const view: UploadedFileView = { id: stored.id, url: fileUrl(doc.id, stored.id), contentType: stored.contentType, byteSize: stored.byteSize };
    return c.json({ file: view }, 201);
  });
  return app;
}
