/** Typed calls for invitations: a group's open ones, create, revoke, and accepting one by its token. */
import type { AcceptedInviteView, CreatedInviteView, CreateInviteInput, InvitePreviewView, InviteView } from '../../../shared/api/workspaces.js';
import { request, seg } from '../../lib/api';

export const invitesApi = {
  list: (workspaceId: string) => request<{ invites: InviteView[] }>('GET', `/api/workspaces/${seg(workspaceId)}/invites`),
  create: (workspaceId: string, input: CreateInviteInput) => request<CreatedInviteView>('POST', `/api/workspaces/${seg(workspaceId)}/invites`, input),
  revoke: (workspaceId: string, inviteId: string) => request<null>('DELETE', `/api/workspaces/${seg(workspaceId)}/invites/${seg(inviteId)}`),
  /** Which group, who invited and as what; answered without a session (404 unknown, 410 no longer usable). */
  preview: (token: string) => request<{ invite: InvitePreviewView }>('GET', `/api/invites/${seg(token)}`),
  /** The group joined, or (an invitation to one document as a guest) that document. */
  accept: (token: string) => request<AcceptedInviteView>('POST', `/api/invites/${seg(token)}/accept`),
};
