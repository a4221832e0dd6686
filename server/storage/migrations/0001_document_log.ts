/** Yjs persistence: one snapshot per document plus an append-only update log. */
import { columnTypes, type AnyDb, type MigrationFactory } from './engine.js';

export const documentLog: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const t = columnTypes(engine);
    await db.schema
      .createTable('doc_snapshots')
      .addColumn('doc_id', 'text', (c) => c.primaryKey())
      .addColumn('snapshot', t.bytes, (c) => c.notNull())
      .addColumn('through_seq', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    const table = db.schema.createTable('doc_updates');
    const withSeq =
      engine === 'postgres'
        ? table.addColumn('seq', 'bigserial', (c) => c.primaryKey())
        : table.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
    await withSeq
      .addColumn('doc_id', 'text', (c) => c.notNull())
      .addColumn('data', t.bytes, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('doc_updates_doc_seq').on('doc_updates').columns(['doc_id', 'seq']).execute();
  },
});
