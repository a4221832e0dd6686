/** Typed calls for a document's versions: list, name, read, restore, compare. */
import type { CompareView, VersionDetailView, VersionView } from '../../../shared/api/versions.js';
import { request, seg } from '../../lib/api';

export const versionsApi = {
  list: (docId: string) => request<{ versions: VersionView[] }>('GET', `/api/documents/${seg(docId)}/versions`),
  /** Saves the current text as a named version. */
  name: (docId: string, name: string) => request<{ version: VersionView }>('POST', `/api/documents/${seg(docId)}/versions`, { name }),
  get: (docId: string, versionId: string) => request<VersionDetailView>('GET', `/api/documents/${seg(docId)}/versions/${seg(versionId)}`),
  restore: (docId: string, versionId: string) => request<{ version: VersionView }>('POST', `/api/documents/${seg(docId)}/versions/${seg(versionId)}/restore`),
  /** `from` / `to`: version ids or "current". */
  compare: (docId: string, from: string, to: string) =>
    request<CompareView>('GET', `/api/documents/${seg(docId)}/compare?from=${seg(from)}&to=${seg(to)}`),
};
