/** Who unsubscribed from what (all notification mail, or the digest). */
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';
import type { UnsubscribeScope } from './signing.js';

export class UnsubscribeStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async add(userId: string, scope: UnsubscribeScope, now: number): Promise<void> {
    await this.db
      .insertInto('mail_unsubscribes')
      .values({ user_id: userId, scope, at: now })
      .onConflict((oc) => oc.columns(['user_id', 'scope']).doNothing())
      .execute();
  }

  async of(userId: string): Promise<Set<UnsubscribeScope>> {
    const rows = await this.db.selectFrom('mail_unsubscribes').select('scope').where('user_id', '=', userId).execute();
    return new Set(rows.map((r) => r.scope as UnsubscribeScope));
  }
}
