/**
 * Single-use emailed tokens (password reset, address verification), Lucia-style `<id>.<secret>` with
 * only the secret's hash stored. Using one marks it used in the same statement that checks it, so two
 * concurrent uses cannot both succeed.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';
import { newToken, secretMatches, splitToken } from '../../auth/tokens.js';

export type TokenPurpose = 'reset' | 'verify';

export class MailTokenStore {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Issues a token; earlier unused tokens of the same purpose for the user stop working. */
  async issue(userId: string, email: string, purpose: TokenPurpose, now: number, lifetimeMs: number): Promise<string> {
    const t = newToken();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('mail_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
      await trx
        .insertInto('mail_tokens')
        .values({ id: t.id, user_id: userId, purpose, secret_hash: t.secretHash, email, created_at: now, expires_at: now + lifetimeMs })
        .execute();
    });
    return t.token;
  }

  /** Uses a token once: the user and address it was issued for, or null when unknown, used, expired or wrong. */
  async use(token: string, purpose: TokenPurpose, now: number): Promise<{ userId: string; email: string } | null> {
    const parts = splitToken(token);
    if (!parts) return null;
    const row = await this.db.selectFrom('mail_tokens').selectAll().where('id', '=', parts.id).where('purpose', '=', purpose).executeTakeFirst();
    if (!row || row.used_at !== null || Number(row.expires_at) <= now || !secretMatches(parts.secret, row.secret_hash)) return null;
    const claimed = await this.db.updateTable('mail_tokens').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    return claimed.numUpdatedRows === 1n ? { userId: row.user_id, email: row.email } : null;
  }
}
