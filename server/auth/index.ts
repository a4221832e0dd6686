/**
 * Assembles authentication and authorisation: sessions, passwords, throttling, revocation and the
 * relay's access policy, over the account and document stores it is given. Created once per server in
 * main.ts; routes get the stores they need from there, not through this object.
 */
import type { Logger } from 'pino';
import type { AccessPolicy } from '../collab/access.js';
import type { CollabHub } from '../collab/hub.js';
import type { AccountStore } from '../storage/accounts.js';
import type { DocumentMetaStore } from '../storage/documents.js';
import type { SharingStore } from '../storage/sharing.js';
import { PasswordChecker } from './passwords.js';
import { withReadOnlyLinks } from './link-policy.js';
import { sessionAccessPolicy, type SessionPolicyDeps } from './policy.js';
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
  /** Budgets that differ from defaultThrottleLimits (the others keep their defaults). */
  throttle: Partial<ThrottleLimits>;
  now: () => number;
}

export interface Auth {
  sessions: SessionManager;
  passwords: PasswordChecker;
  throttle: AuthThrottle;
  revoker: AccessRevoker;
  /** The relay's access policy: session cookie + workspace role (or guest role), or a read-only link. */
  policy: AccessPolicy;
  now: () => number;
  /** Stops the session sweep (call before closing the database). */
  stop(): Promise<void>;
}

export interface AuthDeps {
  accounts: AccountStore;
  documents: DocumentMetaStore;
  /** Read-only links, which open a document without a session (features/sharing). */
  links: Pick<SharingStore, 'linkById'>;
  hub: CollabHub;
  log: Logger;
  /** The check of a commenter's writes to a comments document (features/comments). */
  commentGuard: SessionPolicyDeps['commentGuard'];
  /** The checks of document-body writes (features/suggestions). */
  bodyGuards: SessionPolicyDeps['bodyGuards'];
}

export function createAuth(deps: AuthDeps, overrides: Partial<AuthOptions> = {}): Auth {
  const inactivity = overrides.sessionInactivityMs ?? 30 * 24 * HOUR;
  const options: AuthOptions = {
    sessionInactivityMs: inactivity,
    sessionRenewAfterMs: overrides.sessionRenewAfterMs ?? Math.min(HOUR, Math.floor(inactivity / 2)),
    sweepIntervalMs: overrides.sweepIntervalMs ?? 1000,
    limiters: overrides.limiters ?? memoryLimiters,
    throttle: overrides.throttle ?? {},
    now: overrides.now ?? Date.now,
  };
  const { accounts, documents } = deps;
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
    sessions,
    passwords: new PasswordChecker(),
    throttle: new AuthThrottle(options.limiters, { ...defaultThrottleLimits, ...options.throttle }),
    revoker,
    policy: withReadOnlyLinks(sessionAccessPolicy({ sessions, documents, commentGuard: deps.commentGuard, bodyGuards: deps.bodyGuards }), { links: deps.links, documents, now: options.now }),
    now: options.now,
    stop: stopSweep,
  };
}
