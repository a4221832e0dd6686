/** Errors the text layer throws for bad input; HTTP routes turn them into 400 / 413 / 503 responses. */
import { conversionLimits } from './limits.js';

/** Why an import was refused: over a size cap (413), nested too deeply or not readable (400). */
export type ImportErrorCode = 'too-large' | 'too-deep' | 'unreadable';

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

/** Every conversion thread is busy and the queue is full, or a conversion failed for want of resources: try later. */
export class ConversionUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConversionUnavailableError';
  }
}

/** Largest file the importers accept (Markdown or DOCX). A .docx is a zip: its parts are capped too (limits.ts). */
export const MAX_IMPORT_BYTES = conversionLimits.maxFileBytes;
