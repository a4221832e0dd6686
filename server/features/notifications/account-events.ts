/**
 * Notifications that come from account events rather than documents: an invitation addressed to your
 * email, and your role in a working group changed by someone else. The routes that make these changes
 * call these (through deps wired in api.ts); the actor is the signed-in user who made the change.
 */
import type { NewNotification } from './store.js';

/**
 * An email-bound invitation, for the account with that address. The inbox links to the invitation, so
 * the row keeps its token: a token bound to an address is worth nothing to anyone else (accepting it
 * needs that account, verified when email is on), and its expiry and revocation still hold.
 */
export function invitationNotification(userId: string, i: { token: string; workspaceId: string; workspaceName: string; role: string; byId: string; inviteId: string }): NewNotification {
  return {
    userId,
    kind: 'invitation',
    actorId: i.byId,
    workspaceId: i.workspaceId,
    docId: null,
    target: { type: 'invitation', token: i.token },
    excerpt: `Join ${i.workspaceName} as ${i.role}`,
    sourceKey: `invitation:${i.inviteId}`,
  };
}

/** Your role in a working group changed; one per change (the time makes each change its own). */
export function roleChangedNotification(c: { workspaceId: string; workspaceName: string; userId: string; role: string; byId: string }, at: number): NewNotification {
  return {
    userId: c.userId,
    kind: 'role-changed',
    actorId: c.byId,
    workspaceId: c.workspaceId,
    docId: null,
    target: { type: 'workspace' },
    excerpt: `You are now ${c.role} in ${c.workspaceName}`,
    sourceKey: `role:${c.workspaceId}:${c.userId}:${String(at)}`,
  };
}
