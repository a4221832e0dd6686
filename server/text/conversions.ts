/**
 * The process's conversion pool, created on first use. An exception to "no module-level state",
 * made so that HTTP routes can convert off the event loop without a new dependency threaded through
 * the app: the pool's threads start on demand and exit when idle (and do not keep the process
 * alive), so there is nothing to tear down. Tests of the pool itself create their own.
 */
import { createConversionPool, type ConversionPool } from './conversion-pool.js';
import type { ImportedFile } from './conversion-protocol.js';
import type { ExportedFile, ExportFormat, ImportKind, Importer } from './convert.js';
import type { ExportImages } from './figures.js';
import type { ExportReview } from './export-review.js';

let shared: ConversionPool | null = null;
let background: ConversionPool | null = null;

function pool(): ConversionPool {
  shared ??= createConversionPool();
  return shared;
}

/**
 * Search indexing runs after every debounced burst of edits, for every document: on a pool of its own
 * (one thread, a long queue), so a busy hour of indexing never refuses a user's export or import.
 */
function backgroundPool(): ConversionPool {
  background ??= createConversionPool({ maxThreads: 1, maxQueue: 10_000 });
  return background;
}

/** An uploaded file as a new document, converted on a worker thread. Throws ImportError or ConversionUnavailableError. */
export function importFile(kind: ImportKind, bytes: Uint8Array, docId?: string, importer?: Importer): Promise<ImportedFile> {
  return pool().importFile(kind, bytes, docId, importer);
}

/** A document's encoded state as an export file, rendered on a worker thread. Throws ConversionUnavailableError. */
export function exportFile(state: Uint8Array, format: ExportFormat, title: string, images?: ExportImages, review?: ExportReview): Promise<ExportedFile> {
  return pool().exportFile(state, format, title, images, review);
}

/** A document's encoded state as plain text for the search index, extracted on a background thread. */
export function plainTextOf(state: Uint8Array): Promise<string> {
  return backgroundPool().plainText(state);
}
