/** When the server first committed each suggestion of a document (GET /api/documents/:id/suggestions). */
import type { SuggestionTimesView } from '../../../shared/api/suggestions.js';
import { request, seg } from '../../lib/api';

/** Suggestion id → the server's time of its first commit (ms). */
export async function loadSuggestionTimes(docId: string): Promise<Map<string, number>> {
  const view = await request<SuggestionTimesView>('GET', `/api/documents/${seg(docId)}/suggestions`);
  return new Map(view.suggestions.map((s) => [s.id, s.at]));
}
