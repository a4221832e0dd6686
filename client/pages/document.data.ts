/** Data for `/d/:docId`: the document's metadata and the working group it belongs to (for the caller's role). */
import { query, type RoutePreloadFuncArgs } from '@solidjs/router';
import type { DocumentView } from '../../shared/api/documents.js';
import type { WorkspaceView } from '../../shared/api/workspaces.js';
import { documentsApi } from '../features/documents/api';
import { guestWorkspace } from '../features/sharing/guest-info';
import { workspacesApi } from '../features/workspaces/api';
import { ApiError } from '../lib/api';
import { getMe } from '../lib/session';

/** A document with its working group; `workspace.role` is the caller's role. */
export interface DocumentInfo {
  document: DocumentView;
  workspace: WorkspaceView;
  /** The caller is a guest of this one document, not a member of the group (features/sharing). */
  guest?: boolean;
}

export const getDocumentInfo = query(async (id: string): Promise<DocumentInfo> => {
  const { document, guest } = await documentsApi.get(id);
  if (guest) {
    // Shared with the caller as a guest: the group is not theirs to read, the "Shared with me" entry stands in.
    const workspace = await guestWorkspace(document);
    if (!workspace) throw new ApiError(404, 'not_found', 'no such document');
    return { document, workspace, guest: true };
  }
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
