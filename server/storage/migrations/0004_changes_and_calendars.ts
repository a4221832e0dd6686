/**
 * Who last changed a document (its list says "Changed 5 min ago by Priya"), the time zone a deadline
 * was set in (a call closes at 17:00 Brussels time, whatever the reader's zone), and the secret
 * calendar-feed addresses people subscribe to.
 */
import { columnTypes, type AnyDb, type MigrationFactory } from './engine.js';

export const changesAndCalendars: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const t = columnTypes(engine);
    // JSON array of the user ids behind the latest change; null for changes made before this column.
    await db.schema.alterTable('documents').addColumn('changed_by', 'text').execute();
    // IANA zone; null for deadlines set before this column (shown in UTC).
    await db.schema.alterTable('doc_deadlines').addColumn('time_zone', 'text').execute();

    await db.schema
      .createTable('calendar_feeds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      // SHA-256 of the secret half of the feed's token, as for sessions: the address itself is never stored.
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addUniqueConstraint('calendar_feeds_user_workspace', ['user_id', 'workspace_id'])
      .execute();
  },
});
