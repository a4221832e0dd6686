/**
 * Secret calendar-feed addresses: calendar apps subscribe to a URL and cannot sign in, so the URL
 * itself is the credential, one per person per working group. The token is `<id>.<secret>` as for
 * sessions (server/auth/tokens.ts): only the secret's hash is stored, so the address is shown once
 * when made; making a new one replaces (and so turns off) the old. Leaving the group ends the feed
 * too, because every fetch checks the membership again.
 */
import type { Kysely } from 'kysely';
import { newToken, secretMatches, splitToken } from '../../auth/tokens.js';
import { millis } from '../../storage/rows.js';
import type { Schema } from '../../storage/schema.js';

export interface CalendarFeed {
  userId: string;
  workspaceId: string;
  createdAt: number;
}

export class CalendarFeedStore {
  constructor(private readonly db: Kysely<Schema>) {}

  /** A new feed token for this person and group, replacing any earlier one. */
  async issue(userId: string, workspaceId: string, now: number): Promise<string> {
    const { id, token, secretHash } = newToken();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).where('workspace_id', '=', workspaceId).execute();
      await trx.insertInto('calendar_feeds').values({ id, user_id: userId, workspace_id: workspaceId, secret_hash: secretHash, created_at: now }).execute();
    });
    return token;
  }

  /** The feed a presented token opens, or undefined (unknown, malformed or replaced). */
  async find(token: string): Promise<CalendarFeed | undefined> {
    const parts = splitToken(token);
    if (!parts) return undefined;
    const row = await this.db.selectFrom('calendar_feeds').selectAll().where('id', '=', parts.id).executeTakeFirst();
    if (!row || !secretMatches(parts.secret, row.secret_hash)) return undefined;
    return { userId: row.user_id, workspaceId: row.workspace_id, createdAt: millis(row.created_at) };
  }

  /** When this person's feed of the group was made, or undefined without one. */
  async createdAt(userId: string, workspaceId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('calendar_feeds')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row ? millis(row.created_at) : undefined;
  }

  /** Turns the feed off. */
  async revoke(userId: string, workspaceId: string): Promise<void> {
    await this.db.deleteFrom('calendar_feeds').where('user_id', '=', userId).where('workspace_id', '=', workspaceId).execute();
  }
}
