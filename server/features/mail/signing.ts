/**
 * Signed unsubscribe tokens: `<userId>.<scope>.<HMAC-SHA256>`, keyed by a secret kept in the database
 * (made once, shared by every node), so a link works on any node and cannot be forged for another user.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';
import { generateSecureRandomString } from '../../auth/tokens.js';

export type UnsubscribeScope = 'all' | 'digest';

export class UnsubscribeSigner {
  private key: Promise<string> | null = null;

  constructor(private readonly db: Kysely<Schema>) {}

  private secret(): Promise<string> {
    this.key ??= (async () => {
      await this.db
        .insertInto('mail_keys')
        .values({ name: 'unsubscribe', secret: generateSecureRandomString() + generateSecureRandomString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await this.db.selectFrom('mail_keys').select('secret').where('name', '=', 'unsubscribe').executeTakeFirstOrThrow();
      return row.secret;
    })();
    return this.key;
  }

  private async mac(body: string): Promise<string> {
    return createHmac('sha256', await this.secret()).update(body).digest('base64url');
  }

  async sign(userId: string, scope: UnsubscribeScope): Promise<string> {
    const body = `${userId}.${scope}`;
    return `${body}.${await this.mac(body)}`;
  }

  /** The user and scope a token was signed for, or null for anything else. */
  async verify(token: string): Promise<{ userId: string; scope: UnsubscribeScope } | null> {
    const [userId, scope, mac, extra] = token.split('.');
    if (!userId || !mac || extra !== undefined || (scope !== 'all' && scope !== 'digest')) return null;
    const expected = Buffer.from(await this.mac(`${userId}.${scope}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { userId, scope };
  }
}
