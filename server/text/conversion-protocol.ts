/**
 * Messages between the conversion pool and its worker threads. Errors cross the thread boundary
 * as values: a thrown ImportError would arrive as a plain Error without its code.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ExportedFile, ExportFormat, ImportKind, Importer } from './convert.js';
import type { ImportErrorCode } from './errors.js';
import type { ExportImages } from './figures.js';
import type { ImportedImage } from './import-images.js';
import type { ExportReview } from './export-review.js';

/** What to convert. */
export type ConversionRequest =
  | { op: 'import'; kind: ImportKind; bytes: Uint8Array; /** The new document's id, which its figures' sources name. */ docId?: string; /** Whose suggestions tracked changes become. */ importer?: Importer }
  | { op: 'export'; format: ExportFormat; state: Uint8Array; title: string; /** Figures' images by file id. */ images: ExportImages; /** Names, comments and suggestion mode. */ review?: ExportReview }
  /** The document's plain text, for the search index. */
  | { op: 'text'; state: Uint8Array };

/** One conversion for a worker thread. */
export type ConversionTask = ConversionRequest & {
  /** The worker posts on it when the conversion starts: the deadline counts from then, not from a thread's start-up. */
  started: MessagePort;
};

/** A new document's initial Yjs update and its title (the JSON stays in the worker). */
export interface ImportedFile {
  update: Uint8Array;
  title: string | null;
  /** Pictures of the file, to store as the new document's files. */
  images: ImportedImage[];
  /** The new document's comments document, or null. */
  comments: Uint8Array | null;
}

/** What the worker answers: the result, or why the input was refused. */
export type ConversionReply =
  | { ok: true; op: 'import'; imported: ImportedFile }
  | { ok: true; op: 'export'; file: ExportedFile }
  | { ok: true; op: 'text'; text: string }
  | { ok: false; code: ImportErrorCode; message: string; /** The underlying error, for the log. */ detail?: string };
