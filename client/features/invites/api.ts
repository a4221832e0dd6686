/** Typed calls for invitations: a group's open ones, create, revoke, and accepting one by its token. */
import type { CreatedInviteView, CreateInviteInput, InviteView, WorkspaceView } from '../../../shared/api/workspaces.js';
import { request, seg } from '../../lib/api';

export const invitesApi = {
  list: (workspaceId: string) => request<{ invites: InviteView[] }>('GET', `/api/workspaces/${seg(workspaceId)}/invites`),
  create: (workspaceId: string, input: CreateInviteInput) => request<CreatedInviteView>('POST', `/api/workspaces/${seg(workspaceId)}/invites`, input),
  revoke: (workspaceId: string, inviteId: string) => request<null>('DELETE', `/api/workspaces/${seg(workspaceId)}/invites/${seg(inviteId)}`),
  accept: (token: string) => request<{ workspace: WorkspaceView }>('POST', `/api/invites/${seg(token)}/accept`),
};
