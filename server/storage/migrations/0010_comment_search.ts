/**
 * Search finds comments too: one entry per comment thread (its quoted text, every comment and who
 * wrote it), beside the document entries of 0003 and built the same way on each engine: a generated
 * tsvector with a GIN index on PostgreSQL, an FTS5 table keyed by the entry's rowid on SQLite.
 */
import { sql } from 'kysely';
import type { AnyDb, MigrationFactory } from './engine.js';

export const commentSearch: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    if (engine === 'postgres') {
      await db.schema
        .createTable('search_comments')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('thread_id', 'text', (c) => c.notNull())
        .addColumn('resolved', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('indexed_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('search_comments_thread', ['doc_id', 'thread_id'])
        .execute();
      await sql`ALTER TABLE search_comments ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED`.execute(db);
      await sql`CREATE INDEX search_comments_tsv ON search_comments USING GIN (tsv)`.execute(db);
    } else {
      await db.schema
        .createTable('search_comments')
        // The FTS5 rowid of the thread's entry.
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('doc_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('thread_id', 'text', (c) => c.notNull())
        .addColumn('resolved', 'integer', (c) => c.notNull())
        .addColumn('indexed_at', 'integer', (c) => c.notNull())
        .addUniqueConstraint('search_comments_thread', ['doc_id', 'thread_id'])
        .execute();
      await sql`CREATE VIRTUAL TABLE search_comments_fts USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    }
  },
});
