/** Users and sessions: Kysely queries that run on SQLite and PostgreSQL alike. */
import type { Kysely, Selectable } from 'kysely';
import type { Schema, SessionsTable, UsersTable } from './schema.js';
import { chunks, isUniqueViolation, millis } from './rows.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  timeZone: string;
  workingHours: { start: string; end: string } | null;
  createdAt: number;
  updatedAt: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  secretHash: string;
  createdAt: number;
  lastUsedAt: number;
}

/** Thrown by createUser when the email already has an account. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    timeZone: row.time_zone,
    workingHours: row.work_start && row.work_end ? { start: row.work_start, end: row.work_end } : null,
    createdAt: millis(row.created_at),
    updatedAt: millis(row.updated_at),
  };
}

function toSession(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    secretHash: row.secret_hash,
    createdAt: millis(row.created_at),
    lastUsedAt: millis(row.last_used_at),
  };
}

/** A change to a user's profile; absent fields stay as they are. */
export interface UserPatch {
  name?: string | undefined;
  timeZone?: string | undefined;
  workingHours?: { start: string; end: string } | null | undefined;
}

export class AccountStore {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Inserts a user; throws EmailTakenError when the email is in use. */
  async createUser(user: UserRecord): Promise<UserRecord> {
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          password_hash: user.passwordHash,
          time_zone: user.timeZone,
          work_start: user.workingHours?.start ?? null,
          work_end: user.workingHours?.end ?? null,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError('email already registered');
      throw error;
    }
    return user;
  }

  async userByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toUser(row);
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async updateUser(id: string, patch: UserPatch, now: number): Promise<UserRecord | undefined> {
    await this.db
      .updateTable('users')
      .set({
        updated_at: now,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
        ...(patch.workingHours !== undefined
          ? { work_start: patch.workingHours?.start ?? null, work_end: patch.workingHours?.end ?? null }
          : {}),
      })
      .where('id', '=', id)
      .execute();
    return this.userById(id);
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        secret_hash: session.secretHash,
        created_at: session.createdAt,
        last_used_at: session.lastUsedAt,
      })
      .execute();
  }

  /** The session and its user in one query. */
  async sessionWithUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const session = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!session) return undefined;
    const user = await this.userById(session.user_id);
    return user && { session: toSession(session), user };
  }

  async touchSession(id: string, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /**
   * Sets a new password hash and ends every other session of the user, in one transaction (so no
   * session signed in with the old password outlives the change); returns the ended sessions' IDs.
   */
  async changePassword(userId: string, passwordHash: string, keepSessionId: string, now: number): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId).execute();
      const ended = await trx.selectFrom('sessions').select('id').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
      return ended.map((row) => row.id);
    });
  }

  async deleteSessionsOfUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /** Of `ids`, those whose session still exists and was used after `cutoff`. */
  async liveSessionIds(ids: readonly string[], cutoff: number): Promise<Set<string>> {
    const live = new Set<string>();
    for (const chunk of chunks(ids)) {
      const rows = await this.db
        .selectFrom('sessions')
        .select('id')
        .where('id', 'in', chunk)
        .where('last_used_at', '>', cutoff)
        .execute();
      for (const row of rows) live.add(row.id);
    }
    return live;
  }

  /** Deletes sessions unused since `cutoff`; returns how many. */
  async deleteSessionsUnusedSince(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('last_used_at', '<=', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
