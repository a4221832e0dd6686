/**
 * Read-only links: what a link token stands for. The token is `<id>.<secret>` (auth/tokens.ts); only
 * the secret's hash is stored. Used by the link routes (HTTP) and by the link policy (the socket), so
 * both answer alike: unknown → 404, revoked or expired → 410.
 */
import { colorFor } from '../../shared/colors.js';
import type { Identity } from '../collab/access.js';
import type { LinkRecord, SharingStore } from '../storage/sharing.js';
import { secretMatches, splitToken } from './tokens.js';

export type LinkLookup =
  | { ok: true; link: LinkRecord }
  | { ok: false; status: 404; reason: string }
  | { ok: false; status: 410; reason: 'this link was revoked' | 'this link has expired' };

/** The link a token stands for, or why it opens nothing. */
export async function lookUpLink(store: Pick<SharingStore, 'linkById'>, token: string | undefined, now: number): Promise<LinkLookup> {
  const parts = splitToken(token);
  const link = parts ? await store.linkById(parts.id) : undefined;
  if (!parts || !link || !secretMatches(parts.secret, link.secretHash)) return { ok: false, status: 404, reason: 'no such link' };
  if (link.revokedAt !== null) return { ok: false, status: 410, reason: 'this link was revoked' };
  if (link.expiresAt <= now) return { ok: false, status: 410, reason: 'this link has expired' };
  return { ok: true, link };
}

/**
 * The identity of every socket opened through one link: the same id for all of them, so that revoking
 * the link closes them on every node with one `closeMatching({ userId })`. Never shown: link readers
 * have no presence.
 */
export function linkReaderId(linkId: string): string {
  return `link-${linkId}`;
}

export function linkReaderIdentity(linkId: string): Identity {
  const id = linkReaderId(linkId);
  return { id, name: 'Link reader', color: colorFor(id), timeZone: 'UTC' };
}
