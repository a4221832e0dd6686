/** Working groups, their members and invitations. */
import { z } from 'zod';
import { roles, type Role } from '../roles.js';
import { email, text } from './fields.js';

export const role = z.enum(roles, { error: `role must be one of ${roles.join(', ')}` });

export const createWorkspaceInput = z.object({ name: text('name', 100) });
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;

export const renameWorkspaceInput = createWorkspaceInput;

export const updateMemberInput = z.object({ role });
export type UpdateMemberInput = z.input<typeof updateMemberInput>;

/** Invitations last a week unless asked otherwise; at most 30 days. */
export const defaultInviteHours = 24 * 7;

export const createInviteInput = z.object({
  role,
  /** When set, only the account with this email may accept. */
  email: email.optional(),
  expiresInHours: z
    .number({ error: 'expiresInHours must be a number' })
    .int('expiresInHours must be a whole number')
    .min(1, 'expiresInHours must be at least 1')
    .max(24 * 30, 'expiresInHours must be at most 720 (30 days)')
    .optional(),
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

export interface WorkspaceView {
  id: string;
  name: string;
  /** The caller's role in it. */
  role: Role;
  createdAt: number;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  joinedAt: number;
}

export interface InviteView {
  id: string;
  workspaceId: string;
  role: Role;
  email: string | null;
  createdAt: number;
  expiresAt: number;
}

/**
 * What the holder of an invitation link may see before signing in: the group, who invited them and
 * as what. Never the invited email, the group's members or its documents.
 */
export interface InvitePreviewView {
  workspaceName: string;
  invitedBy: string;
  role: Role;
  expiresAt: number;
  /** Only the email address it was sent to can accept it. */
  addressed: boolean;
  /** Set for an invitation to one document as a guest (not to the group): its title. */
  documentTitle?: string | null;
}

/** What accepting an invitation answers: the group joined, or the one document now shared with you. */
export type AcceptedInviteView = { workspace: WorkspaceView } | { document: { id: string } };

/** Returned once, when the invitation is made: the token is never shown again (only its hash is kept). */
export interface CreatedInviteView {
  token: string;
  invite: InviteView;
}
