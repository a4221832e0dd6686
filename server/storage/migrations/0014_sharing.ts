/**
 * Sharing one document (issue 18): guests from outside the group, each with a role on exactly one
 * document, and read-only links that expire. A link's token is stored as a SHA-256 hash of its secret
 * half, as invitations are (auth/tokens.ts). An invitation may be scoped to one document (`doc_id`):
 * accepting it makes a guest of that document instead of a member of the group, so someone without an
 * account can be invited by email and sign up first.
 */
import type { AnyDb, MigrationFactory } from './engine.js';
import { columnTypes } from './engine.js';

export const sharing: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const { bigint } = columnTypes(engine);
    await db.schema
      .createTable('doc_guests')
      .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // editor | commenter | viewer (never owner: a guest cannot manage the group's document)
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('doc_guests_pk', ['doc_id', 'user_id'])
      .execute();
    // "Shared with me" looks guests up by user.
    await db.schema.createIndex('doc_guests_user').on('doc_guests').columns(['user_id']).execute();
    await db.schema
      .createTable('doc_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .addColumn('revoked_at', bigint)
      .execute();
    await db.schema.createIndex('doc_links_doc').on('doc_links').columns(['doc_id']).execute();
    // No foreign key: a column added by ALTER TABLE cannot carry one on SQLite; a trashed or deleted
    // document makes the invitation useless anyway (accepting checks the document).
    await db.schema.alterTable('invites').addColumn('doc_id', 'text').execute();
  },
});
