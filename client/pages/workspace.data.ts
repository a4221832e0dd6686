/** Data for `/w/:workspaceId`: the group, its documents (live or trashed), members and pending invitations. */
import { query, type RoutePreloadFuncArgs } from '@solidjs/router';
import { api } from '../lib/api';

export const getWorkspace = query(async (id: string) => (await api.workspace(id)).workspace, 'workspace');
export const getDocuments = query(async (id: string, trashed: boolean) => (await api.documents(id, trashed)).documents, 'documents');
export const getMembers = query(async (id: string) => (await api.members(id)).members, 'members');
export const getInvites = query(async (id: string) => (await api.invites(id)).invites, 'invites');

export function preloadWorkspace(args: RoutePreloadFuncArgs): void {
  const id = args.params.workspaceId;
  if (!id) return;
  getWorkspace(id).catch(() => undefined);
  getDocuments(id, false).catch(() => undefined);
}
