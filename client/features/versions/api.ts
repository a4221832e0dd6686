/** Typed calls to the research API (versions, comments, search, export/import, activity, catch-up, deadlines). */
import type { DocumentView } from '../../shared/api/documents.js';
import type { ActivityView } from '../../shared/api/activity.js';
import type { CatchUpView } from '../../shared/api/catch-up.js';
import type { CompareView, VersionDetailView, VersionView } from '../../shared/api/versions.js';
import type { DeadlineView } from '../../shared/api/deadlines.js';
import type { SearchResultView } from '../../shared/api/search.js';
import { ApiError, request, toApiError } from './api';

const seg = encodeURIComponent;

export const researchApi = {
  versions: (docId: string) => request<{ versions: VersionView[] }>('GET', `/api/documents/${seg(docId)}/versions`),
  nameVersion: (docId: string, name: string) => request<{ version: VersionView }>('POST', `/api/documents/${seg(docId)}/versions`, { name }),
  version: (docId: string, versionId: string) => request<VersionDetailView>('GET', `/api/documents/${seg(docId)}/versions/${seg(versionId)}`),
  restore: (docId: string, versionId: string) => request<{ version: VersionView }>('POST', `/api/documents/${seg(docId)}/versions/${seg(versionId)}/restore`),
  /** `from` / `to`: version ids or "current". */
  compare: (docId: string, from: string, to: string) =>
    request<CompareView>('GET', `/api/documents/${seg(docId)}/compare?from=${seg(from)}&to=${seg(to)}`),
  search: (q: string, workspaceId?: string, signal?: AbortSignal) =>
    request<{ results: SearchResultView[] }>('GET', `/api/search?q=${seg(q)}${workspaceId ? `&workspace=${seg(workspaceId)}` : ''}`, undefined, signal),
  activity: (workspaceId: string) => request<{ activity: ActivityView[] }>('GET', `/api/workspaces/${seg(workspaceId)}/activity`),
  catchUp: (docId: string) => request<CatchUpView>('GET', `/api/documents/${seg(docId)}/catch-up`),
  visit: (docId: string) => request<{ visitedAt: number }>('POST', `/api/documents/${seg(docId)}/visit`),
  deadline: (docId: string) => request<{ deadline: DeadlineView }>('GET', `/api/documents/${seg(docId)}/deadline`),
  setDeadline: (docId: string, at: number | null) => request<{ deadline: DeadlineView }>('PUT', `/api/documents/${seg(docId)}/deadline`, { at }),
  exportUrl: (docId: string, format: 'md' | 'html' | 'docx') => `/api/documents/${seg(docId)}/export?format=${format}`,

  /** Uploads a .md or .docx file as a new document of the workspace. */
  async importFile(workspaceId: string, file: File): Promise<{ document: DocumentView }> {
    const form = new FormData();
    form.set('file', file);
    let res: Response;
    try {
      res = await fetch(`/api/workspaces/${seg(workspaceId)}/import`, { method: 'POST', body: form, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw toApiError(res.status, parsed);
    return parsed as { document: DocumentView };
  },
};

/** A message for any failure, for inline error text. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Try again.';
}
