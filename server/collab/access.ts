/**
 * The access seam between the relay and whoever decides who may open a document. The route asks the
 * policy before any `101`; the relay only sees the answer.
 */
import { colorFor } from '../../shared/colors.js';
import type * as Y from 'yjs';

/** Who is behind a connection, as the server (not the client) says. Written into awareness `user`. */
export interface Identity {
  id: string;
  name: string;
  color: string;
  timeZone: string;
  /** Working hours in the user's zone, e.g. { start: "09:00", end: "17:00" }; absent when unknown. */
  workingHours?: { start: string; end: string } | undefined;
}

/** What an allowed connection may do, plus a handle to close it when access changes. */
export interface Grant {
  identity: Identity;
  canWrite: boolean;
  /** Session the socket belongs to, so that logout can close it. */
  sessionId?: string | undefined;
  /** Finer than `canWrite`: checks each update of this connection before it is applied (throws CloseError). */
  guardUpdate?: UpdateGuard | undefined;
  /** False: the connection neither sees nor shows presence (a read-only link's reader). Default true. */
  presence?: boolean | undefined;
  /** When the grant ends (a link's expiry, epoch ms): a sweep closes the socket then. */
  expiresAt?: number | undefined;
}

/**
 * Inspects a client's update against the live document and throws a CloseError to refuse it. It must
 * not change `doc`: it runs before the update is applied, and a refused update never is. `structs`, when
 * given, is the update already decoded by the room's checks (decoding it again was a second full parse).
 */
export interface UpdateGuard {
  (doc: Y.Doc, update: Uint8Array, structs?: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): void;
  /**
   * Work the guard does before it judges this connection's first frame (the suggestion guard's copy
   * of the document), started when the connection joins the room: its frames wait, as they do while
   * the room loads, until the promise settles. Null or absent: nothing to wait for.
   */
  prepare?: ((doc: Y.Doc) => Promise<void> | null) | undefined;
  /** Called once when a connection whose guard was prepared for `doc` leaves the room (frees that work). */
  release?: ((doc: Y.Doc) => void) | undefined;
}

export type AccessDecision = { allow: true; grant: Grant } | { allow: false; status: 401 | 403 | 404 | 410; reason: string };

/** Decides whether a WebSocket upgrade for `docId` may proceed. Runs before any `101`. */
export type AccessPolicy = (request: Request, docId: string) => Promise<AccessDecision>;

/**
 * Development policy: everyone may write, as an anonymous guest. Only for tests of the relay itself and
 * for the first editor page before accounts existed; never the default of a running server.
 */
export function openAccessPolicy(): AccessPolicy {
  let guest = 0;
  return async () => {
    guest += 1;
    const id = `guest-${guest}`;
    return { allow: true, grant: { identity: { id, name: `Guest ${guest}`, color: colorFor(id), timeZone: 'UTC' }, canWrite: true } };
  };
}

/** Test policy: everyone may read, nobody may write. */
export function readOnlyAccessPolicy(): AccessPolicy {
  const open = openAccessPolicy();
  return async (request, docId) => {
    const decision = await open(request, docId);
    return decision.allow ? { allow: true, grant: { ...decision.grant, canWrite: false } } : decision;
  };
}
