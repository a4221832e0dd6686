/** Data for `/d/:docId`: the document's metadata and the working group it belongs to (for the caller's role). */
import { query, type RoutePreloadFuncArgs } from '@solidjs/router';
import type { DocumentView } from '../../shared/api/documents.js';
import type { WorkspaceView } from '../../shared/api/workspaces.js';
import { documentsApi } from '../features/documents/api';
import { workspacesApi } from '../features/workspaces/api';
import { getMe } from '../lib/session';

/** A document with its working group; `workspace.role` is the caller's role. */
export interface DocumentInfo {
  document: DocumentView;
  workspace: WorkspaceView;
}

export const getDocumentInfo = query(async (id: string): Promise<DocumentInfo> => {
  const { document } = await documentsApi.get(id);
  const { workspace } = await workspacesApi.get(document.workspaceId);
  return { document, workspace };
}, 'document-info');

export function preloadDocument(args: RoutePreloadFuncArgs): void {
  const id = args.params.docId;
  if (!id) return;
  getMe()
    .then((me) => (me ? getDocumentInfo(id) : null))
    .catch(() => undefined);
}
