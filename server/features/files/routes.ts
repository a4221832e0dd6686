/**
 * Upload (POST /api/documents/:id/files, multipart `file`, editors and owners) and download
 * (GET /api/documents/:id/files/:fileId, and GET /api/files/:docId/:fileId) of documents' files.
 * A file is served to whoever may read its document, through the same check as every other document
 * route; anyone else gets 404, exactly as for a file that does not exist, so no answer reveals one.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FILE_ID_PATTERN, fileUrl, type UploadedFileView } from '../../../shared/api/files.js';
import { documentOr404, refuseTrashed, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { FileStore } from './file-store.js';
import { sniffImageType } from './sniff.js';

export interface FileRouteDeps {
  documents: Pick<DocumentMetaStore, 'withRole'>;
  files: FileStore;
  now: () => number;
}

/** Room for the multipart framing around the largest file we accept. */
const MULTIPART_OVERHEAD = 64 * 1024;

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

function notFound(): ApiError {
  return new ApiError(404, 'not_found', 'no such file');
}

/** Answers a file of a document the caller may read, with headers for immutable, private content. */
async function serveFile(c: Context<SessionEnv>, deps: FileRouteDeps, docId: string, fileId: string): Promise<Response> {
  if (!FILE_ID_PATTERN.test(fileId)) throw notFound();
  const { doc } = await documentOr404(deps.documents, docId, c.get('session').user.id);
  // The content never changes under its hash; `private`: it is for this reader only, never for shared caches.
  return sendFile(c, deps.files, doc.id, fileId, 'private, max-age=31536000, immutable');
}

/**
 * Answers a stored file (or 304 to a matching If-None-Match), once the caller's right to read its
 * document is established; `cacheControl` says for how long that right may be taken for granted.
 */
export async function sendFile(c: Context, files: Pick<FileStore, 'info' | 'get'>, docId: string, fileId: string, cacheControl: string): Promise<Response> {
  if (!FILE_ID_PATTERN.test(fileId)) throw notFound();
  const etag = `"${fileId}"`;
  const headers = {
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
  };
  if (c.req.header('if-none-match') === etag && (await files.info(docId, fileId))) return c.body(null, 304, headers);
  const file = await files.get(docId, fileId);
  if (!file) throw notFound();
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    'Content-Type': file.contentType,
    'Content-Length': String(file.byteSize),
    'Content-Disposition': `inline; filename="figure-${fileId.slice(0, 12)}.${EXTENSIONS[file.contentType] ?? 'bin'}"`,
    // Even opened on its own, an image runs nothing and loads nothing.
    'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
  });
}

/** Upload and download under /api/documents. */
export function documentFileRoutes(deps: FileRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.post(
    '/:id/files',
    // Checked against Content-Length before anything is read, and counted while streaming otherwise.
    bodyLimit({
      maxSize: deps.files.limits.maxFileBytes + MULTIPART_OVERHEAD,
      onError: () => {
        throw new ApiError(413, 'file_too_large', `files are limited to ${deps.files.limits.maxFileBytes} bytes`, undefined, { Connection: 'close' });
      },
    }),
    async (c) => {
      const me = c.get('session').user;
      const { doc, role } = await documentOr404(deps.documents, c.req.param('id'), me.id);
      // Commenters will add figures through suggestions; until then only those who write may upload.
      requireCapability(role, 'document.write');
      refuseTrashed(doc);
      if (!/^\s*multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(415, 'unsupported_media_type', 'send the image as multipart/form-data in a field named "file"');
      }
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError(400, 'invalid_input', 'some fields are not valid', { file: ['attach an image'] });
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.byteLength === 0) throw new ApiError(400, 'invalid_input', 'some fields are not valid', { file: ['the file is empty'] });
      const contentType = await sniffImageType(bytes);
      const stored = await deps.files.put({ docId: doc.id, contentType, bytes, createdBy: me.id, createdAt: deps.now() });
      const view: UploadedFileView = { id: stored.id, url: fileUrl(doc.id, stored.id), contentType: stored.contentType, byteSize: stored.byteSize };
      return c.json({ file: view }, 201);
    },
  );
  app.get('/:id/files/:fileId', (c) => serveFile(c, deps, c.req.param('id'), c.req.param('fileId')));
  return app;
}

/** The same files under /api/files/:docId/:fileId. */
export function fileRoutes(deps: FileRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:docId/:fileId', (c) => serveFile(c, deps, c.req.param('docId'), c.req.param('fileId')));
  return app;
}
