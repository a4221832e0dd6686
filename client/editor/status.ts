/**
 * What the status line says, as pure functions of what the provider has told us, so the rules can be
 * tested without a browser.
 */
import { CloseCode } from '../../shared/protocol/index.js';

/** What we know about the connection, updated from provider and window events. */
export interface ConnectionFacts {
  /** The socket state the provider last reported. */
  socket: 'connecting' | 'connected' | 'disconnected';
  /** The provider finished the initial sync on the current socket. */
  synced: boolean;
  /** Some socket of this session synced once; later attempts are reconnects. */
  everSynced: boolean;
  /** Socket attempts that closed without syncing, since the last sync. */
  failures: number;
  /** navigator.onLine as last reported by the browser. */
  online: boolean;
  /** The server closed with a 44xx code, or refused us for good: we stopped reconnecting. */
  stopped: { code: number; message: string } | null;
}

/** The connection as the status line shows it. */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting' }
  | { kind: 'offline' }
  | { kind: 'stopped'; code: number; message: string };

/** Failed attempts after which we call the server unreachable ("Offline") rather than "Reconnecting". */
export const OFFLINE_AFTER_FAILURES = 3;

/** Initial facts for a new session. */
export function initialFacts(online: boolean): ConnectionFacts {
  return { socket: 'connecting', synced: false, everSynced: false, failures: 0, online, stopped: null };
}

/** Derives the state to show from the facts. */
export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.stopped) return { kind: 'stopped', ...facts.stopped };
  if (!facts.online) return { kind: 'offline' };
  if (facts.socket === 'connected' && facts.synced) return { kind: 'connected' };
  if (facts.failures >= OFFLINE_AFTER_FAILURES) return { kind: 'offline' };
  return facts.everSynced ? { kind: 'reconnecting' } : { kind: 'connecting' };
}

/** Human words for a fatal close code; the server's reason is appended when it gave one. */
export function closeMessage(code: number, reason: string): string {
  const base =
    code === CloseCode.Unauthenticated
      ? 'Your session has ended. Sign in again to keep editing.'
      : code === CloseCode.Forbidden
        ? 'You no longer have access to this document.'
        : code === CloseCode.TooLarge
          ? 'A change was too large for the server to accept.'
          : code === CloseCode.RateLimited
            ? 'Too many changes too quickly; the server paused this connection.'
            : code === CloseCode.Malformed
              ? 'The server could not read a message from this browser.'
              : `The server closed the connection (code ${code}).`;
  return reason ? `${base} (${reason})` : base;
}

/** Whether the local changes are durable: "saved" iff the committed clock covers every local client. */
export type SaveState = 'unknown' | 'saved' | 'saving';

/**
 * Compares the server's committed state vector with the local one. Every update the server relayed to
 * us is already committed (the durability invariant), so only our own unsent or uncommitted edits can
 * make this false.
 */
export function isCommitted(committed: ReadonlyMap<number, number>, local: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of local) {
    if ((committed.get(client) ?? 0) < clock) return false;
  }
  return true;
}
