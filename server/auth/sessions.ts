/**
 * Sessions after Lucia's design: a session expires after `inactivityMs` without use; each use slides
 * the expiry forward, but the database is written at most once per `renewAfterMs` (hourly by default)
 * so that every request does not become a write.
 */
import type { AccountStore, SessionRecord, UserRecord } from '../storage/accounts.js';
import { newToken, secretMatches, splitToken } from './tokens.js';

export interface SessionOptions {
  /** A session unused for this long is over. */
  inactivityMs: number;
  /** Minimum time between two writes of `last_used_at` for one session. */
  renewAfterMs: number;
  now: () => number;
}

/** A session that passed validation, with its user. */
export interface ValidSession {
  session: SessionRecord;
  user: UserRecord;
  /** The expiry moved forward: the caller should re-send the cookie with the new lifetime. */
  renewed: boolean;
  expiresAt: number;
}

export class SessionManager {
  constructor(
    private readonly accounts: AccountStore,
    readonly options: SessionOptions,
  ) {}

  /** Starts a session; the token goes to the client once and is never stored. */
  async create(userId: string): Promise<{ token: string; session: SessionRecord; expiresAt: number }> {
    const { id, token, secretHash } = newToken();
    const now = this.options.now();
    const session: SessionRecord = { id, userId, secretHash, createdAt: now, lastUsedAt: now };
    await this.accounts.createSession(session);
    return { token, session, expiresAt: now + this.options.inactivityMs };
  }

  /** The session a token stands for, or null for a malformed, unknown, wrong-secret or expired token. */
  async validate(token: string | undefined | null): Promise<ValidSession | null> {
    const parts = splitToken(token);
    if (!parts) return null;
    const found = await this.accounts.sessionWithUser(parts.id);
    if (!found || !secretMatches(parts.secret, found.session.secretHash)) return null;
    const now = this.options.now();
    const { session } = found;
    if (now - session.lastUsedAt >= this.options.inactivityMs) {
      await this.accounts.deleteSession(session.id);
      return null;
    }
    let renewed = false;
    if (now - session.lastUsedAt >= this.options.renewAfterMs) {
      await this.accounts.touchSession(session.id, now);
      session.lastUsedAt = now;
      renewed = true;
    }
    return { session, user: found.user, renewed, expiresAt: session.lastUsedAt + this.options.inactivityMs };
  }

  async invalidate(sessionId: string): Promise<void> {
    await this.accounts.deleteSession(sessionId);
  }

  /**
   * A new password for the user of `keep`: every other session of theirs ends (the sockets are the
   * revoker's job); returns the IDs of the sessions that ended.
   */
  changePassword(keep: ValidSession, passwordHash: string): Promise<string[]> {
    return this.accounts.changePassword(keep.user.id, passwordHash, keep.session.id, this.options.now());
  }

  /** Of the given session IDs, those still valid now. */
  live(ids: readonly string[]): Promise<Set<string>> {
    return this.accounts.liveSessionIds(ids, this.options.now() - this.options.inactivityMs);
  }

  /** Removes expired sessions from the table. */
  purgeExpired(): Promise<number> {
    return this.accounts.deleteSessionsUnusedSince(this.options.now() - this.options.inactivityMs);
  }
}
