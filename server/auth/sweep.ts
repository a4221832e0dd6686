/**
 * Session expiry for live sockets: a socket was authorised once, at its upgrade, so something has to
 * notice when its session ends without a logout (inactivity expiry, or a logout on another node).
 * Every `intervalMs` the sweep checks the sessions behind live sockets in one query and closes the
 * sockets of those that ended, and closes sockets of read-only links that expired; once an hour it
 * also deletes expired rows.
 */
import type { Logger } from 'pino';
import type { CollabHub } from '../collab/hub.js';
import type { AccessRevoker } from './revoker.js';
import type { SessionManager } from './sessions.js';

export interface SweepDeps {
  hub: CollabHub;
  sessions: SessionManager;
  revoker: AccessRevoker;
  log: Logger;
  intervalMs: number;
  purgeEveryMs: number;
}

/** Starts the sweep; returns a function that stops it and waits for a running pass. */
export function startSessionSweep(deps: SweepDeps): () => Promise<void> {
  let running: Promise<void> | null = null;
  let lastPurge = 0;

  async function pass(): Promise<void> {
    deps.revoker.grantsExpired(deps.sessions.options.now());
    const ids = new Set<string>();
    for (const conn of deps.hub.connections) if (conn.grant.sessionId !== undefined) ids.add(conn.grant.sessionId);
    if (ids.size > 0) {
      const live = await deps.sessions.live([...ids]);
      const ended = new Set([...ids].filter((id) => !live.has(id)));
      if (ended.size > 0) deps.revoker.sessionsEnded(ended, 'your session has ended; sign in again');
    }
    const now = deps.sessions.options.now();
    if (now - lastPurge >= deps.purgeEveryMs) {
      lastPurge = now;
      await deps.sessions.purgeExpired();
    }
  }

  const timer = setInterval(() => {
    if (running) return;
    running = pass()
      .catch((error: unknown) => deps.log.warn({ err: error }, 'session sweep failed; retrying on the next tick'))
      .finally(() => {
        running = null;
      });
  }, deps.intervalMs);
  timer.unref();

  return async () => {
    clearInterval(timer);
    await running;
  };
}
