/**
 * Notifications (issue 14): one row per notification for its recipient, deduplicated by a source key
 * (so a mention seen again on a later commit is not notified twice), each person's delivery preferences,
 * and who follows which document (an explicit unfollow is a row with following = 0, so that editing
 * again does not silently re-follow).
 */
import type { AnyDb, MigrationFactory } from './engine.js';
import { columnTypes } from './engine.js';

export const notifications: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const { bigint } = columnTypes(engine);
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('workspace_id', 'text')
      .addColumn('doc_id', 'text', (c) => c.references('documents.id').onDelete('cascade'))
      // JSON of the NotificationTarget.
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('excerpt', 'text', (c) => c.notNull())
      // What caused it (e.g. `mention:<docId>:<mentionId>`): unique per recipient, so detection is idempotent.
      .addColumn('source_key', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('read_at', bigint)
      .addUniqueConstraint('notifications_source', ['user_id', 'source_key'])
      .execute();
    await db.schema.createIndex('notifications_inbox').on('notifications').columns(['user_id', 'created_at']).execute();
    await db.schema
      .createTable('notification_preferences')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      // JSON object: kind -> delivery; kinds not in it take the default.
      .addColumn('kinds', 'text', (c) => c.notNull())
      .addColumn('digest', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('document_follows')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('following', 'integer', (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('document_follows_pk', ['user_id', 'doc_id'])
      .execute();
  },
});
