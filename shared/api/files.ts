/** Files of documents (the images of figures). */
import { z } from 'zod';
import { limits } from '../limits.js';

/** Where a document's stored file is served; the only image source a figure may hold (shared/editor/figure.ts). */
export function fileUrl(docId: string, fileId: string): string {
  return `/api/documents/${docId}/files/${fileId}`;
}

/** A file's id: SHA-256 of its bytes, lower-case hex. */
export const FILE_ID_PATTERN = /^[0-9a-f]{64}$/;

/** POST /api/documents/:id/files (multipart `file`) answers 201 with this. */
export interface UploadedFileView {
  id: string;
  /** The address to put in a figure. */
  url: string;
  contentType: string;
  byteSize: number;
}

/**
 * POST /api/documents/:id/files/copy: a figure pasted from another document brings its image along.
 * The caller must be able to read `fromDoc` (else 404, as for a missing file) and edit `:id`; the copy
 * counts against `:id`'s limits (413). Answers 201 with `{ file: UploadedFileView }` (the new src).
 */
export const copyFileInput = z.object({
  fromDoc: z.string().regex(limits.docIdPattern, { error: 'not a document id' }),
  fileId: z.string().regex(FILE_ID_PATTERN, { error: 'not a file id' }),
});
export type CopyFileInput = z.input<typeof copyFileInput>;
