/** Data for `/w/:workspaceId`: the group, its documents (live or trashed) and their deadlines, members and pending invitations. */
import { query, type RoutePreloadFuncArgs } from '@solidjs/router';
import { deadlinesApi } from '../features/deadlines/api';
import { documentsApi } from '../features/documents/api';
import { invitesApi } from '../features/invites/api';
import { membersApi } from '../features/members/api';
import { workspacesApi } from '../features/workspaces/api';

export const getWorkspace = query(async (id: string) => (await workspacesApi.get(id)).workspace, 'workspace');
export const getDocuments = query(async (id: string, trashed: boolean) => (await documentsApi.list(id, trashed)).documents, 'documents');
/** The group's deadlines by document id. */
export const getDeadlines = query(async (id: string) => new Map((await deadlinesApi.inWorkspace(id)).deadlines.map((d) => [d.documentId, d])), 'deadlines');
export const getMembers = query(async (id: string) => (await membersApi.list(id)).members, 'members');
export const getInvites = query(async (id: string) => (await invitesApi.list(id)).invites, 'invites');

export function preloadWorkspace(args: RoutePreloadFuncArgs): void {
  const id = args.params.workspaceId;
  if (!id) return;
  getWorkspace(id).catch(() => undefined);
  getDocuments(id, false).catch(() => undefined);
  getDeadlines(id).catch(() => undefined);
}
