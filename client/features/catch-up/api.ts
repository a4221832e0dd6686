/** Typed calls for "since your last visit": what changed, and marking the document as seen. */
import type { CatchUpView } from '../../../shared/api/catch-up.js';
import { request, seg } from '../../lib/api';

const visitPath = (docId: string) => `/api/documents/${seg(docId)}/visit`;

export const catchUpApi = {
  get: (docId: string) => request<CatchUpView>('GET', `/api/documents/${seg(docId)}/catch-up`),
  /** Marks the document as seen from now on. */
  visit: (docId: string) => request<{ visitedAt: number }>('POST', visitPath(docId)),
  /** `visit` for a page that is going away: `keepalive` lets the request outlive it; nobody reads the answer. */
  leave: (docId: string) => {
    void fetch(visitPath(docId), { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => undefined);
  },
};
