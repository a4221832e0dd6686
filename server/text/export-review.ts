/**
 * What an export needs beyond the document body to show its review state: who wrote the suggestions
 * and comments (names by user id, the server's word), the comments document, and the time of the
 * export. Travels to the conversion thread with the export request.
 */
import type { SuggestionExportMode } from '../../shared/api/transfer.js';

export type { SuggestionExportMode } from '../../shared/api/transfer.js';

export interface ExportReview {
  /** Display names by user id, for suggestion and comment authors. */
  names: Record<string, string>;
  /** The encoded state of the document's comments document (its threads become Word comments), if any. */
  comments: Uint8Array | null;
  /**
   * When the export was made, in ms. Tracked changes carry it as their date: the server does not
   * record a time per suggestion yet, so the export time is the best honest date there is.
   */
  at: number;
  /** How Markdown and HTML show suggestions; DOCX always writes them as tracked changes. */
  suggestions: SuggestionExportMode;
}
