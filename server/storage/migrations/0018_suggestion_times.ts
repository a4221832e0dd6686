/**
 * When the server first committed each suggestion id of a document, with the id's author: the time a
 * suggestion's hover card shows is the server's, never a client's claim.
 */
import type { AnyDb, MigrationFactory } from './engine.js';
import { columnTypes } from './engine.js';

export const suggestionTimes: MigrationFactory = (engine) => ({
  async up(db: AnyDb) {
    const { bigint } = columnTypes(engine);
    await db.schema
      .createTable('suggestion_times')
      .addColumn('doc_id', 'text', (c) => c.notNull())
      .addColumn('suggestion_id', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('first_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('suggestion_times_pk', ['doc_id', 'suggestion_id'])
      .execute();
  },
});
