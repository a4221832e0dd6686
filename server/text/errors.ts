/** Errors the text layer throws for bad input; HTTP routes turn them into 400 / 413 responses. */

/** Why an import was refused. */
export type ImportErrorCode = 'too-large' | 'unreadable';

/** An uploaded file that cannot become a document. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/** Largest file the importers accept (Markdown or DOCX). A .docx is a zip: its parts are capped too. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
