/** Typed calls for a document's deadline. */
import type { DeadlineView } from '../../../shared/api/deadlines.js';
import { request, seg } from '../../lib/api';

export const deadlinesApi = {
  get: (docId: string) => request<{ deadline: DeadlineView }>('GET', `/api/documents/${seg(docId)}/deadline`),
  /** Sets the deadline (ms since the epoch), or clears it with null. */
  set: (docId: string, at: number | null) => request<{ deadline: DeadlineView }>('PUT', `/api/documents/${seg(docId)}/deadline`, { at }),
};
