/** Typed calls for documents: a group's list (or its trash), create, read, rename, trash, restore. */
import type { CreateDocumentInput, DocumentView } from '../../../shared/api/documents.js';
import { request, seg } from '../../lib/api';

export const documentsApi = {
  list: (workspaceId: string, trashed = false) =>
    request<{ documents: DocumentView[] }>('GET', `/api/workspaces/${seg(workspaceId)}/documents${trashed ? '?trashed=1' : ''}`),
  create: (workspaceId: string, input: CreateDocumentInput) => request<{ document: DocumentView }>('POST', `/api/workspaces/${seg(workspaceId)}/documents`, input),
  /** A document's metadata; 404 both when it does not exist and when it is not yours. */
  /** `guest`: the document is shared with you as a guest (features/sharing), not through its group. */
  get: (id: string, signal?: AbortSignal) => request<{ document: DocumentView; guest?: boolean }>('GET', `/api/documents/${seg(id)}`, undefined, signal),
  rename: (id: string, title: string) => request<{ document: DocumentView }>('PATCH', `/api/documents/${seg(id)}`, { title }),
  trash: (id: string) => request<{ document: DocumentView }>('DELETE', `/api/documents/${seg(id)}`),
  restore: (id: string) => request<{ document: DocumentView }>('POST', `/api/documents/${seg(id)}/restore`),
};
