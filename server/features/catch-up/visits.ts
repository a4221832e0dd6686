/** Last visits: per user and document, when they last had it open and the state they saw then. */
import { millis } from '../../storage/rows.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';

export interface VisitRecord {
  visitedAt: number;
  snapshot: Uint8Array;
}

export class VisitStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async get(userId: string, docId: string): Promise<VisitRecord | undefined> {
    const row = await this.db
      .selectFrom('doc_visits')
      .select(['visited_at', 'snapshot'])
      .where('user_id', '=', userId)
      .where('doc_id', '=', docId)
      .executeTakeFirst();
    return row && { visitedAt: millis(row.visited_at), snapshot: row.snapshot };
  }

  /** Records that `userId` has seen `snapshot` at `at` (insert or replace, on both engines). */
  async record(userId: string, docId: string, at: number, snapshot: Uint8Array): Promise<void> {
    await this.db
      .insertInto('doc_visits')
      .values({ user_id: userId, doc_id: docId, visited_at: at, snapshot })
      .onConflict((oc) => oc.columns(['user_id', 'doc_id']).doUpdateSet({ visited_at: at, snapshot }))
      .execute();
  }
}
