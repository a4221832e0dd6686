/**
 * Assembles accounts, sessions, permissions and revocation over one database and one relay hub.
 * Created once per server in main.ts and passed to the HTTP routes and the relay's access policy.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../collab/access.js';
import type { CollabHub } from '../collab/hub.js';
import { AccountStore } from '../storage/accounts.js';
import { DocumentMetaStore } from '../storage/documents.js';
import { InviteStore } from '../storage/invites.js';
import type { Schema } from '../storage/schema.js';
import { WorkspaceStore } from '../storage/workspaces.js';
import { PasswordChecker } from './passwords.js';
import { sessionAccessPolicy } from './policy.js';
import { AccessRevoker } from './revoker.js';
import { SessionManager } from './sessions.js';
import { startSessionSweep } from './sweep.js';
import { AuthThrottle, defaultThrottleLimits, memoryLimiters, type LimiterFactory, type ThrottleLimits } from './throttle.js';

const HOUR = 60 * 60 * 1000;

/** Tunables; tests shorten lifetimes and inject a clock instead of sleeping. */
export interface AuthOptions {
  /** A session unused this long ends (default 30 days). */
  sessionInactivityMs: number;
  /** Sliding renewal writes at most this often (default: hourly, or half the lifetime if that is shorter). */
  sessionRenewAfterMs: number;
  /** How often live sockets are checked for ended sessions (default 1 s). */
  sweepIntervalMs: number;
  /** Where login/signup counters live (default: memory). */
  limiters: LimiterFactory;
  throttle: ThrottleLimits;
  now: () => number;
}

export interface Auth {
  accounts: AccountStore;
  workspaces: WorkspaceStore;
  invites: InviteStore;
  documents: DocumentMetaStore;
  sessions: SessionManager;
  passwords: PasswordChecker;
  throttle: AuthThrottle;
  revoker: AccessRevoker;
  /** The relay's access policy: session cookie + workspace role. */
  policy: AccessPolicy;
  now: () => number;
  /** Stops the session sweep (call before closing the database). */
  stop(): Promise<void>;
}

export interface AuthDeps {
  db: Kysely<Schema>;
  hub: CollabHub;
  log: Logger;
}

export function createAuth(deps: AuthDeps, overrides: Partial<AuthOptions> = {}): Auth {
  const inactivity = overrides.sessionInactivityMs ?? 30 * 24 * HOUR;
  const options: AuthOptions = {
    sessionInactivityMs: inactivity,
    sessionRenewAfterMs: overrides.sessionRenewAfterMs ?? Math.min(HOUR, Math.floor(inactivity / 2)),
    sweepIntervalMs: overrides.sweepIntervalMs ?? 1000,
    limiters: overrides.limiters ?? memoryLimiters,
    throttle: overrides.throttle ?? defaultThrottleLimits,
    now: overrides.now ?? Date.now,
  };
  const accounts = new AccountStore(deps.db);
  const workspaces = new WorkspaceStore(deps.db);
  const invites = new InviteStore(deps.db, workspaces);
  const documents = new DocumentMetaStore(deps.db);
  const sessions = new SessionManager(accounts, {
    inactivityMs: options.sessionInactivityMs,
    renewAfterMs: options.sessionRenewAfterMs,
    now: options.now,
  });
  const revoker = new AccessRevoker(deps.hub, documents);
  const stopSweep = startSessionSweep({
    hub: deps.hub,
    sessions,
    revoker,
    log: deps.log,
    intervalMs: options.sweepIntervalMs,
    purgeEveryMs: HOUR,
  });
  return {
    accounts,
    workspaces,
    invites,
    documents,
    sessions,
    passwords: new PasswordChecker(),
    throttle: new AuthThrottle(options.limiters, options.throttle),
    revoker,
    policy: sessionAccessPolicy({ sessions, documents }),
    now: options.now,
    stop: stopSweep,
  };
}
