/** The check every use of an invitation link starts with: accepting it, or previewing it. */
import { secretMatches, splitToken } from '../../auth/tokens.js';
import { ApiError } from '../../http/errors.js';
import type { InviteRecord, InviteStore } from '../../storage/invites.js';

/**
 * The invitation a token stands for: 404 when unknown (or the secret is wrong), 410 when revoked, used
 * or expired. The 410s say only which of the three; nothing about the group.
 */
export async function usableInvite(invites: InviteStore, token: string, now: number): Promise<InviteRecord> {
  const parts = splitToken(token);
  const invite = parts ? await invites.byId(parts.id) : undefined;
  if (!parts || !invite || !secretMatches(parts.secret, invite.secretHash)) {
    throw new ApiError(404, 'not_found', 'no such invitation');
  }
  if (invite.revokedAt !== null) throw new ApiError(410, 'invite_revoked', 'this invitation was revoked');
  if (invite.acceptedAt !== null) throw new ApiError(410, 'invite_used', 'this invitation has already been used');
  if (invite.expiresAt <= now) throw new ApiError(410, 'invite_expired', 'this invitation has expired');
  return invite;
}
