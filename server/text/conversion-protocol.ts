/**
 * Messages between the conversion pool and its worker threads. Errors cross the thread boundary
 * as values: a thrown ImportError would arrive as a plain Error without its code.
 */
import type { ExportedFile, ExportFormat, ImportKind } from './convert.js';
import type { ImportErrorCode } from './errors.js';

/** One conversion for a worker thread. */
export type ConversionTask =
  | { op: 'import'; kind: ImportKind; bytes: Uint8Array }
  | { op: 'export'; format: ExportFormat; state: Uint8Array; title: string };

/** A new document's initial Yjs update and its title (the JSON stays in the worker). */
export interface ImportedFile {
  update: Uint8Array;
  title: string | null;
}

/** What the worker answers: the result, or why the input was refused. */
export type ConversionReply =
  | { ok: true; op: 'import'; imported: ImportedFile }
  | { ok: true; op: 'export'; file: ExportedFile }
  | { ok: false; code: ImportErrorCode; message: string; /** The underlying error, for the log. */ detail?: string };
