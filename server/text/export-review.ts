/**
 * What an export needs beyond the document body to show its review state: who wrote the suggestions
 * and comments (names by user id, the server's word), when each suggestion was made (the server's
 * record), the comments document, and the time of the export. Travels to the conversion thread with the export request.
 */
import type { SuggestionExportMode } from '../../shared/api/transfer.js';

export type { SuggestionExportMode } from '../../shared/api/transfer.js';

export interface ExportReview {
  /** Display names by user id, for suggestion and comment authors. */
  names: Record<string, string>;
  /** The encoded state of the document's comments document (its threads become Word comments), if any. */
  comments: Uint8Array | null;
  /**
   * The time the server recorded at commit for each suggestion, by id (ms; table suggestion_times):
   * the tracked changes' dates. DOCX only; empty otherwise.
   */
  times: Record<string, number>;
  /**
   * When the export was made, in ms: the date of a suggestion the server has no time for yet (its
   * time is recorded within a couple of seconds of its commit).
   */
  at: number;
  /** How Markdown and HTML show suggestions; DOCX always writes them as tracked changes. */
  suggestions: SuggestionExportMode;
}
