/**
 * Export (GET /api/documents/:id/export?format=md|html|docx) and import (POST
 * /api/workspaces/:id/import, multipart `file`, .md or .docx) through the text layer.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { text } from '../../../shared/api/fields.js';
import { exportQuery } from '../../../shared/api/transfer.js';
import { commentsDocId } from '../../../shared/comments/threads.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import { documentOr404, membershipOr404, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { queryInput } from '../../http/validate.js';
import type { DocumentMetaStore, NewDocument } from '../../storage/documents.js';
import type { DocumentStore } from '../../storage/types.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { exportFile, importFile } from '../../text/conversions.js';
import { ConversionUnavailableError, ImportError, MAX_IMPORT_BYTES } from '../../text/errors.js';
import { fileBaseName, importKindOf } from '../../text/formats.js';
import type { ActivityLog } from '../activity/index.js';
import { sniffImageType, type FileStore } from '../files/index.js';
import { onlyMe, presentDocument } from '../documents/index.js';
import type { SearchService } from '../search/index.js';
import type { VersionService } from '../versions/index.js';
import { exportPdf, type PdfExportDeps } from './pdf-export.js';
import { exportReview, type ExportReviewDeps } from './review.js';

export interface ExportRouteDeps extends PdfExportDeps, ExportReviewDeps {
  documents: DocumentMetaStore;
}

export interface ImportRouteDeps {
  documents: DocumentMetaStore;
  workspaces: WorkspaceStore;
  /** The document log, where the imported content is written. */
  store: DocumentStore;
  versions: Pick<VersionService, 'save'>;
  search: Pick<SearchService, 'indexDocument'>;
  activity: Pick<ActivityLog, 'logEvent'>;
  /** Where the pictures of an imported file are stored, as the new document's files. */
  files: Pick<FileStore, 'put'>;
  now: () => number;
}

/** Room for the multipart framing around the largest file we accept. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const importTitle = text('title', 200);

/**
 * The HTTP answer for a failed conversion. Conversions run on worker threads (text/conversions.ts), so
 * the converters never load in this thread; when the threads are saturated, the client comes back shortly.
 */
function conversionError(error: unknown): unknown {
  if (error instanceof ImportError) {
    return error.code === 'too-large'
      ? new ApiError(413, 'payload_too_large', error.message)
      : new ApiError(400, 'unreadable_file', error.message);
  }
  if (error instanceof ConversionUnavailableError) return new ApiError(503, 'conversion_unavailable', error.message, undefined, { 'Retry-After': '5' });
  return error;
}

export function exportRoutes(deps: ExportRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.get('/:id/export', queryInput(exportQuery), async (c) => {
    const me = c.get('session').user;
    const { doc } = await documentOr404(deps.documents, c.req.param('id'), me.id);
    const { format, paper, suggestions } = c.req.valid('query');
    const state = await deps.hub.readDocument(doc.id);
    if (format === 'pdf') {
      const reader = { timeZone: me.timeZone, acceptLanguage: c.req.header('accept-language') };
      const pdf = await exportPdf(deps, doc, state, reader, paper, await exportReview(deps, doc, 'html', suggestions));
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachment(`${fileBaseName(doc.title)}.pdf`),
        'Cache-Control': 'no-store',
      });
    }
    const review = await exportReview(deps, doc, format, suggestions);
    const file = await exportFile(state, format, doc.title, await deps.imagesOf(doc.id, state), review).catch((error: unknown) => {
      throw conversionError(error);
    });
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': attachment(file.fileName),
      'Cache-Control': 'no-store',
    });
  });
  return app;
}

export function importRoutes(deps: ImportRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.post(
    '/:id/import',
    // Checked against Content-Length before anything is read, and counted while streaming otherwise.
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES + MULTIPART_OVERHEAD,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'files are limited to 10 MB', undefined, { Connection: 'close' });
      },
    }),
    async (c) => {
      const me = c.get('session').user;
      const row = await membershipOr404(deps.workspaces, c.req.param('id'), me.id);
      requireCapability(row.role, 'document.manage');
      if (!/^\s*multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data in a field named "file"');
      }
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError(400, 'invalid_input', 'some fields are not valid', { file: ['attach a .md or .docx file'] });
      const kind = importKindOf(file.name);
      if (!kind) throw new ApiError(400, 'invalid_input', 'some fields are not valid', { file: ['only .md and .docx files can be imported'] });
      const docId = generateSecureRandomString();
      // A Word file's tracked changes become the importer's suggestions: the guard wants the writer's own id.
      const importer = { id: me.id, name: me.name, at: deps.now() };
      const imported = await importFile(kind, new Uint8Array(await file.arrayBuffer()), docId, importer).catch((error: unknown) => {
        throw conversionError(error);
      });
      const fallback = file.name.replace(/\.[^.]+$/, '') || 'Imported document';
      const title = importTitle.safeParse(imported.title ?? fallback).data ?? importTitle.safeParse(fallback).data ?? 'Imported document';
      const now = deps.now();
      const doc: NewDocument = {
        id: docId,
        workspaceId: row.workspace.id,
        title,
        template: 'blank',
        createdBy: me.id,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      // Pictures, then content, as in documents.ts: a failed metadata insert leaves only unreachable rows.
      for (const image of imported.images) {
        // Sniffed again here with the same check as an upload; the worker's table already took only images.
        const contentType = await sniffImageType(image.bytes).catch(() => null);
        if (contentType) await deps.files.put({ docId, contentType, bytes: image.bytes, createdBy: me.id, createdAt: now });
      }
      // The suggestions' reply threads (naming each change's author in the file) go in with the text.
      const comments = imported.comments ? [{ docId: commentsDocId(doc.id), update: imported.comments }] : [];
      await deps.store.append([{ docId: doc.id, update: imported.update }, ...comments]);
      const created = await deps.documents.create(doc);
      await deps.versions.save(doc.id, { kind: 'named', name: `Imported from ${file.name}`, createdBy: me.id, authors: [me.id], state: imported.update });
      await deps.search.indexDocument(doc.id);
      await deps.activity.logEvent(doc.id, me.id, 'imported', file.name);
      return c.json({ document: presentDocument(created, onlyMe(me)) }, 201);
    },
  );
  return app;
}
