/**
 * Sharing with someone who has no account yet: an invitation to the one document, bound to their
 * email, that they accept after signing up (`/invite/<token>`, features/invites), which makes them a
 * guest. The token is shown once to whoever shared; only its hash is kept. It lasts a week.
 */
import type { GuestRole } from '../../../shared/api/sharing.js';
import { newToken } from '../../auth/tokens.js';
import type { DocumentRecord } from '../../storage/documents.js';
import type { InviteRecord } from '../../storage/invites.js';
import type { SharingDeps } from './deps.js';

const WEEK = 7 * 24 * 60 * 60 * 1000;

export async function inviteToDocument(
  deps: Pick<SharingDeps, 'invites' | 'now'>,
  doc: DocumentRecord,
  email: string,
  role: GuestRole,
  by: string,
): Promise<{ invite: InviteRecord; token: string }> {
  const now = deps.now();
  const { id, token, secretHash } = newToken();
  const invite: InviteRecord = {
    id,
    workspaceId: doc.workspaceId,
    secretHash,
    role,
    email,
    createdBy: by,
    createdAt: now,
    expiresAt: now + WEEK,
    revokedAt: null,
    acceptedAt: null,
    acceptedBy: null,
    docId: doc.id,
  };
  await deps.invites.create(invite);
  return { invite, token };
}
