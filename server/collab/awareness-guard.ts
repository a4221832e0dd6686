/**
 * Binds awareness to connections: a connection may only set or remove the client IDs it introduced,
 * and the `user` field is always the server's word (from the session), so nobody can impersonate or
 * remove another person's presence.
 */
import { limits } from '../../shared/limits.js';
import { CloseCode, type AwarenessEntry } from '../../shared/protocol/index.js';
import type { Identity } from './access.js';
import { CloseError } from './errors.js';

/** The awareness `user` field as clients (CollaborationCaret, presence lists) read it. */
export function presenceUser(identity: Identity) {
  return {
    id: identity.id,
    name: identity.name,
    color: identity.color,
    timeZone: identity.timeZone,
    workingHours: identity.workingHours ?? null,
  };
}

/** The owner of each awareness client ID in one room. */
export interface AwarenessOwnership<C> {
  ownerOf(clientId: number): C | undefined;
  clientsOf(conn: C): ReadonlySet<number>;
}

/**
 * Returns the entries `conn` may apply, with `user` rewritten. Entries for client IDs owned by someone
 * else (or by the server) are dropped; an oversized state closes the sender (4413).
 */
export function filterAwareness<C>(
  entries: AwarenessEntry[],
  conn: C,
  identity: Identity,
  ownership: AwarenessOwnership<C>,
  serverClientId: number,
): AwarenessEntry[] {
  const accepted: AwarenessEntry[] = [];
  let introduced = ownership.clientsOf(conn).size;
  for (const entry of entries) {
    if (entry.clientId === serverClientId) continue;
    const owner = ownership.ownerOf(entry.clientId);
    if (owner !== undefined && owner !== conn) continue;
    if (entry.state === null) {
      if (owner === conn) accepted.push(entry);
      continue;
    }
    if (entry.stateBytes > limits.maxAwarenessStateBytes) {
      throw new CloseError(CloseCode.TooLarge, `awareness state of ${entry.stateBytes} bytes is over the limit`);
    }
    if (owner === undefined) {
      if (introduced >= limits.maxAwarenessClientsPerConnection) continue;
      introduced += 1;
    }
    accepted.push({ ...entry, state: { ...entry.state, user: presenceUser(identity) } });
  }
  return accepted;
}
