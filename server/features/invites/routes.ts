/**
 * Invitations: owners create (token shown once), list and revoke them; a signed-in user accepts one.
 * Each invitation is single-use, expires, and, when it names an email, only that account may accept it.
 * An invitation to one document (made by features/sharing) makes a guest of that document instead.
 */
import { Hono } from 'hono';
import { createInviteInput, defaultInviteHours } from '../../../shared/api/workspaces.js';
import { newToken } from '../../auth/tokens.js';
import { membershipOr404, requireCapability } from '../../http/access.js';
import { ApiError } from '../../http/errors.js';
import type { SessionEnv } from '../../http/session.js';
import { jsonBody } from '../../http/validate.js';
import type { InviteRecord, InviteStore } from '../../storage/invites.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { presentWorkspace } from '../workspaces/index.js';
import { presentInvite } from './presenters.js';
import { usableInvite } from './usable.js';

const HOUR = 60 * 60 * 1000;

export interface InviteRouteDeps {
  invites: InviteStore;
  workspaces: WorkspaceStore;
  now: () => number;
  /** When email is on: mails an email-bound invitation's link to its address (features/mail). */
  mailInvite?: (to: string, token: string, inviterId: string, workspaceName: string) => Promise<void>;
  /**
   * When email is on: whether an account's address is verified. An email-bound invitation is then
   * accepted only by a verified address, else anyone could sign up with it and take the invitation.
   */
  isEmailVerified?: (userId: string) => Promise<boolean>;
  /** Tells the account an email-bound invitation names, if it exists (features/notifications: kind invitation). */
  /** Told when someone accepts an invitation (features/notifications: its notification is read). */
  onAccepted?: (userId: string, inviteId: string) => Promise<void>;
  onInvited?: (invitation: { email: string; token: string; workspaceId: string; workspaceName: string; role: string; byId: string; inviteId: string }) => Promise<void>;
}

/** Routes under /api/workspaces/:id/invites. */
export function workspaceInviteRoutes(deps: InviteRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.post('/:id/invites', jsonBody(createInviteInput), async (c) => {
    const me = c.get('session').user;
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), me.id);
    requireCapability(row.role, 'invites.manage');
    const input = c.req.valid('json');
    const now = deps.now();
    const { id, token, secretHash } = newToken();
    const invite: InviteRecord = {
      id,
      workspaceId: row.workspace.id,
      secretHash,
      role: input.role,
      email: input.email ?? null,
      createdBy: me.id,
      createdAt: now,
      expiresAt: now + (input.expiresInHours ?? defaultInviteHours) * HOUR,
      revokedAt: null,
      acceptedAt: null,
      acceptedBy: null,
      docId: null,
    };
    await deps.invites.create(invite);
    if (invite.email && deps.mailInvite) await deps.mailInvite(invite.email, token, me.id, row.workspace.name);
    if (invite.email) {
      await deps.onInvited?.({ email: invite.email, token, workspaceId: row.workspace.id, workspaceName: row.workspace.name, role: invite.role, byId: me.id, inviteId: invite.id });
    }
    return c.json({ token, invite: presentInvite(invite), emailed: Boolean(invite.email && deps.mailInvite) }, 201);
  });

  app.get('/:id/invites', async (c) => {
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), c.get('session').user.id);
    requireCapability(row.role, 'invites.manage');
    const pending = await deps.invites.pending(row.workspace.id, deps.now());
    return c.json({ invites: pending.map(presentInvite) });
  });

  app.delete('/:id/invites/:inviteId', async (c) => {
    const row = await membershipOr404(deps.workspaces, c.req.param('id'), c.get('session').user.id);
    requireCapability(row.role, 'invites.manage');
    const revoked = await deps.invites.revoke(row.workspace.id, c.req.param('inviteId'), deps.now());
    if (!revoked) throw new ApiError(404, 'not_found', 'no pending invitation with this ID');
    return c.body(null, 204);
  });

  return app;
}

/** Routes under /api/invites/:token. */
export function inviteRoutes(deps: InviteRouteDeps): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();

  app.post('/:token/accept', async (c) => {
    const me = c.get('session').user;
    const invite = await usableInvite(deps.invites, c.req.param('token'), deps.now());
    if (invite.email !== null && invite.email !== me.email) {
      throw new ApiError(403, 'invite_for_someone_else', 'this invitation is for a different email address');
    }
    if (invite.email !== null && deps.isEmailVerified && !(await deps.isEmailVerified(me.id))) {
      throw new ApiError(403, 'email_not_verified', 'verify your email address first: your profile can send you a link');
    }
    const existing = await deps.workspaces.membership(invite.workspaceId, me.id);
    if (invite.docId !== null) {
      // To one document as a guest (features/sharing). A member sees it already: the invitation stays unused.
      if (!existing && !(await deps.invites.accept(invite, me.id, deps.now()))) {
        throw new ApiError(410, 'invite_used', 'this invitation is no longer valid');
      }
      return c.json({ document: { id: invite.docId } });
    }
    // Already a member: the invitation stays unused, and it never changes an existing role.
    if (existing) return c.json({ workspace: presentWorkspace(existing.workspace, existing.role) });
    if (!(await deps.invites.accept(invite, me.id, deps.now()))) {
      throw new ApiError(410, 'invite_used', 'this invitation is no longer valid');
    }
    const joined = await membershipOr404(deps.workspaces, invite.workspaceId, me.id);
    await deps.onAccepted?.(me.id, invite.id);
    return c.json({ workspace: presentWorkspace(joined.workspace, joined.role) });
  });

  return app;
}
