/** A document's deadline (one per document), stored in UTC milliseconds. */
import { millis } from '../../storage/rows.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';

export interface DeadlineRecord {
  docId: string;
  at: number;
  setBy: string;
  updatedAt: number;
}

export class DeadlineStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async get(docId: string): Promise<DeadlineRecord | undefined> {
    const row = await this.db.selectFrom('doc_deadlines').selectAll().where('doc_id', '=', docId).executeTakeFirst();
    return row && { docId: row.doc_id, at: millis(row.at), setBy: row.set_by, updatedAt: millis(row.updated_at) };
  }

  /** Sets (at = number) or clears (at = null) the deadline. */
  async set(docId: string, at: number | null, setBy: string, now: number): Promise<void> {
    if (at === null) {
      await this.db.deleteFrom('doc_deadlines').where('doc_id', '=', docId).execute();
      return;
    }
    await this.db
      .insertInto('doc_deadlines')
      .values({ doc_id: docId, at, set_by: setBy, updated_at: now })
      .onConflict((oc) => oc.column('doc_id').doUpdateSet({ at, set_by: setBy, updated_at: now }))
      .execute();
  }
}
