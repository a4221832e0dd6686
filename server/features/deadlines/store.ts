/** A document's deadline (one per document): the instant in UTC milliseconds and the zone it was set in. */
import { millis } from '../../storage/rows.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';

export interface DeadlineRecord {
  docId: string;
  at: number;
  /** IANA zone; "UTC" for deadlines set before zones were kept. */
  timeZone: string;
  setBy: string;
  updatedAt: number;
}

const toRecord = (row: { doc_id: string; at: number | string; time_zone: string | null; set_by: string; updated_at: number | string }): DeadlineRecord => ({
  docId: row.doc_id,
  at: millis(row.at),
  timeZone: row.time_zone ?? 'UTC',
  setBy: row.set_by,
  updatedAt: millis(row.updated_at),
});

export class DeadlineStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async get(docId: string): Promise<DeadlineRecord | undefined> {
    const row = await this.db.selectFrom('doc_deadlines').selectAll().where('doc_id', '=', docId).executeTakeFirst();
    return row && toRecord(row);
  }

  /** Deadlines of a working group's live documents with their titles, soonest first. */
  async inWorkspace(workspaceId: string): Promise<Array<DeadlineRecord & { title: string }>> {
    const rows = await this.db
      .selectFrom('doc_deadlines as dl')
      .innerJoin('documents as d', 'd.id', 'dl.doc_id')
      .select(['dl.doc_id', 'dl.at', 'dl.time_zone', 'dl.set_by', 'dl.updated_at', 'd.title'])
      .where('d.workspace_id', '=', workspaceId)
      .where('d.deleted_at', 'is', null)
      .orderBy('dl.at')
      .orderBy('dl.doc_id')
      .execute();
    return rows.map((row) => ({ ...toRecord(row), title: row.title }));
  }

  /** Sets (a deadline) or clears (null) the deadline. */
  async set(docId: string, deadline: { at: number; timeZone: string } | null, setBy: string, now: number): Promise<void> {
    if (deadline === null) {
      await this.db.deleteFrom('doc_deadlines').where('doc_id', '=', docId).execute();
      return;
    }
    const values = { at: deadline.at, time_zone: deadline.timeZone, set_by: setBy, updated_at: now };
    await this.db
      .insertInto('doc_deadlines')
      .values({ doc_id: docId, ...values })
      .onConflict((oc) => oc.column('doc_id').doUpdateSet(values))
      .execute();
  }
}
