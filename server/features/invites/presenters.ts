/** An invitation as the API shows it: never its secret. */
import type { InviteView } from '../../../shared/api/workspaces.js';
import type { InviteRecord } from '../../storage/invites.js';

export function presentInvite(invite: InviteRecord): InviteView {
  return {
    id: invite.id,
    workspaceId: invite.workspaceId,
    role: invite.role,
    email: invite.email,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
  };
}
