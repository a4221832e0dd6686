/**
 * A guest of one document is not in its working group, so the group cannot be read (404): the page
 * stands the "Shared with me" entry in for it, with the guest's role on this one document.
 */
import type { DocumentView } from '../../../shared/api/documents.js';
import type { WorkspaceView } from '../../../shared/api/workspaces.js';
import { sharingApi } from './api';

/** The group as a guest sees it, or undefined when the document is not shared with the caller either. */
export async function guestWorkspace(document: DocumentView): Promise<WorkspaceView | undefined> {
  const { documents } = await sharingApi.sharedWithMe();
  const shared = documents.find((d) => d.id === document.id);
  return shared && { id: document.workspaceId, name: `shared by ${shared.sharedBy.name}`, role: shared.role, createdAt: shared.sharedAt };
}
