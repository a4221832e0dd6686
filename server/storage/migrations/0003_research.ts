/**
 * Research writing: version snapshots, last visits (for catch-up), the activity log, deadlines and the
 * search index. Search is engine-specific: an FTS5 table on SQLite, a generated tsvector with a GIN
 * index on PostgreSQL; `search_docs` says which documents are indexed on both.
 */
import { sql, type ColumnDefinitionBuilder } from 'kysely';
import { columnTypes, type AnyDb, type MigrationFactory } from './engine.js';

export const research: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const t = columnTypes(engine);
    const docRef = (c: ColumnDefinitionBuilder) => c.notNull().references('documents.id').onDelete('cascade');

    await db.schema
      .createTable('doc_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('doc_id', 'text', docRef)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      // JSON array of user ids whose edits this version holds since the one before.
      .addColumn('authors', 'text', (c) => c.notNull())
      .addColumn('snapshot', t.bytes, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('doc_versions_doc').on('doc_versions').columns(['doc_id', 'created_at']).execute();

    await db.schema
      .createTable('doc_visits')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('doc_id', 'text', docRef)
      .addColumn('visited_at', t.bigint, (c) => c.notNull())
      // The document as this user last saw it: catch-up compares the current state with it.
      .addColumn('snapshot', t.bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('doc_visits_pk', ['user_id', 'doc_id'])
      .execute();

    await db.schema
      .createTable('activity')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('doc_id', 'text', docRef)
      .addColumn('user_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('started_at', t.bigint, (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('activity_workspace').on('activity').columns(['workspace_id', 'at']).execute();
    await db.schema.createIndex('activity_doc').on('activity').columns(['doc_id', 'at']).execute();

    await db.schema
      .createTable('doc_deadlines')
      .addColumn('doc_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();

    if (engine === 'postgres') {
      await db.schema
        .createTable('search_docs')
        .addColumn('doc_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('indexed_at', 'bigint', (c) => c.notNull())
        .execute();
      // Title weighs more than body in ranking; 'english' stems, so "trials" finds "trial".
      await sql`ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED`.execute(db);
      await sql`CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv)`.execute(db);
    } else {
      await db.schema
        .createTable('search_docs')
        // The FTS5 rowid of the document's entry.
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('doc_id', 'text', (c) => c.notNull().unique().references('documents.id').onDelete('cascade'))
        .addColumn('indexed_at', 'integer', (c) => c.notNull())
        .execute();
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    }
  },
});
