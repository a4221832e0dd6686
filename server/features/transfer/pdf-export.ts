/**
 * The PDF download: the HTML export (rendered on a conversion worker) with a title block naming the
 * authors and the date, printed by the server's Chromium (text/pdf/). The date is written in the
 * reader's language and time zone, as it would be on a letter they printed themselves.
 */
import type { PaperSize } from '../../text/pdf/paper.js';
import { printPage } from '../../text/pdf/print-page.js';
import { PdfBusyError, PdfUnavailableError, type PdfRenderer } from '../../text/pdf/renderer.js';
import { exportFile } from '../../text/conversions.js';
import type { ExportImages } from '../../text/figures.js';
import type { ExportReview } from '../../text/export-review.js';
import { ApiError } from '../../http/errors.js';
import type { DocumentRecord } from '../../storage/documents.js';

export interface PdfExportDeps {
  pdf: Pick<PdfRenderer, 'render'>;
  /** Display names of the document's authors, creator first. */
  authorsOf: (doc: DocumentRecord) => Promise<string[]>;
  now: () => number;
  /** The stored images of the document's figures, inlined: the renderer makes no network request. */
  imagesOf: (docId: string, state: Uint8Array) => Promise<ExportImages>;
}

/** The first language of an Accept-Language header that Intl knows, else English. */
export function readerLocale(acceptLanguage: string | undefined): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (!tag || tag === '*') continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0) return tag;
    } catch {
      // A malformed tag is skipped, like any other the server does not know.
    }
  }
  return 'en';
}

/** The date line of the title block, e.g. "2 December 2026". */
export function titleDate(at: number, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  }
}

/** Renders the document's state as a PDF; refusals become 501 (no Chromium) or 503 (busy). */
export async function exportPdf(
  deps: PdfExportDeps,
  doc: DocumentRecord,
  state: Uint8Array,
  reader: { timeZone: string; acceptLanguage: string | undefined },
  paper: PaperSize,
  review?: ExportReview,
): Promise<Uint8Array> {
  const images = await deps.imagesOf(doc.id, state);
  const [html, authors] = await Promise.all([exportFile(state, 'html', doc.title, images, review), deps.authorsOf(doc)]);
  const date = titleDate(deps.now(), readerLocale(reader.acceptLanguage), reader.timeZone);
  const page = printPage(new TextDecoder().decode(html.body), doc.title, { authors, date });
  return deps.pdf.render(page, { paper }).catch((error: unknown) => {
    if (error instanceof PdfUnavailableError) throw new ApiError(501, 'pdf_unavailable', error.message);
    if (error instanceof PdfBusyError) throw new ApiError(503, 'pdf_busy', error.message, undefined, { 'Retry-After': '10' });
    throw error;
  });
}
