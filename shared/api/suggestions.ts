/**
 * Suggestions (issue 15):
 *   GET /api/documents/:id/suggestions → SuggestionTimesView: each suggestion id the server has seen
 *   in the document, its author and when the server first committed it (ms since the epoch).
 */
export interface SuggestionTimeView {
  id: string;
  authorId: string;
  at: number;
}

export interface SuggestionTimesView {
  suggestions: SuggestionTimeView[];
}
