/**
 * Email: the outbox of pending mails (one row per notification, digest or account mail; the scheduler
 * leases due rows, so two nodes send each mail once and a restart loses none), single-use tokens for
 * password reset and address verification, unsubscriptions, the key that signs unsubscribe links, and
 * when each address was verified.
 */
import type { AnyDb, MigrationFactory } from './engine.js';
import { columnTypes } from './engine.js';

export const mail: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const { bigint } = columnTypes(engine);
    await db.schema.alterTable('users').addColumn('email_verified_at', bigint).execute();
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // notification | digest | account
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('notification_id', 'text')
      // Rows with the same key are one piece of work (a digest per local day): inserted once.
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      // Account mails carry their rendered message (JSON); the others are rendered when sent.
      .addColumn('payload', 'text')
      .addColumn('due_at', bigint, (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', bigint)
      // Fixed before the first attempt, so a retry after a crash repeats the same Message-ID.
      .addColumn('message_id', 'text')
      .addColumn('done_at', bigint)
      // sent | read | unsubscribed | off
      .addColumn('outcome', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['done_at', 'due_at']).execute();
    await db.schema.createIndex('mail_outbox_user').on('mail_outbox').columns(['user_id', 'done_at']).execute();
    await db.schema
      .createTable('mail_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // reset | verify
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      // The address a verification is for: changing the address later does not verify the new one.
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .addColumn('used_at', bigint)
      .execute();
    await db.schema
      .createTable('mail_unsubscribes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // all | digest
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_unsubscribes_pk', ['user_id', 'scope'])
      .execute();
    await db.schema
      .createTable('mail_keys')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .execute();
  },
});
