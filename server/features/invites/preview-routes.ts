/**
 * GET /api/invites/:token, answered without a session: which group, who invited you and as what, so
 * the invitation page can say so before you sign in or create an account.
 *
 * The token is the secret (48 random characters, stored hashed), so whoever holds the link may see
 * the group's name, as Slack and Google Docs show an invitation's workspace to a signed-out visitor.
 * Nothing more: not the invited email, the members or the documents. An unknown or forged token is a
 * 404; a used, expired or revoked one is a 410 that names only which, never the group.
 */
import { Hono } from 'hono';
import type { InvitePreviewView } from '../../../shared/api/workspaces.js';
import { ApiError } from '../../http/errors.js';
import type { DocumentMetaStore } from '../../storage/documents.js';
import type { InviteStore } from '../../storage/invites.js';
import type { WorkspaceStore } from '../../storage/workspaces.js';
import { person, type PeopleLookup } from '../members/index.js';
import { usableInvite } from './usable.js';

export interface InvitePreviewDeps {
  invites: InviteStore;
  workspaces: WorkspaceStore;
  people: PeopleLookup;
  /** Titles of the documents that invitations to one document (as a guest) are for. */
  documents?: Pick<DocumentMetaStore, 'byId'>;
  now: () => number;
}

/** Routes under /api/invites, mounted before the session middleware. */
export function invitePreviewRoutes(deps: InvitePreviewDeps): Hono {
  const app = new Hono();

  app.get('/:token', async (c) => {
    const invite = await usableInvite(deps.invites, c.req.param('token'), deps.now());
    const workspace = await deps.workspaces.byId(invite.workspaceId);
    if (!workspace) throw new ApiError(404, 'not_found', 'no such invitation');
    const inviter = person(await deps.people([invite.createdBy]), invite.createdBy);
    const preview: InvitePreviewView = {
      workspaceName: workspace.name,
      invitedBy: inviter?.name ?? 'Former member',
      role: invite.role,
      expiresAt: invite.expiresAt,
      addressed: invite.email !== null,
      // Only for an invitation to one document (as a guest): which one.
      ...(invite.docId !== null ? { documentTitle: (await deps.documents?.byId(invite.docId))?.title ?? null } : {}),
    };
    // Never cached by a proxy or the browser: the answer changes once the link is used.
    c.header('Cache-Control', 'no-store');
    return c.json({ invite: preview });
  });

  return app;
}
