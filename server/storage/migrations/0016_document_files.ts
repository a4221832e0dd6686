/**
 * Files of documents (figures' images), content-addressed by SHA-256 per document. The bytes live in
 * `data` on PostgreSQL (several nodes share them) and in DATA_DIR/files on SQLite (`data` stays null),
 * so the embedded database does not grow by every image.
 */
import type { AnyDb, MigrationFactory } from './engine.js';
import { columnTypes } from './engine.js';

export const documentFiles: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const { bigint, bytes } = columnTypes(engine);
    await db.schema
      .createTable('document_files')
      // No foreign key to documents: an import stores its files before the document row exists.
      .addColumn('doc_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('byte_size', bigint, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('data', bytes)
      .addPrimaryKeyConstraint('document_files_pk', ['doc_id', 'id'])
      .execute();
  },
});
