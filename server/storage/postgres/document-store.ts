/**
 * PostgreSQL DocumentStore. One group commit is one INSERT statement (one round trip, one transaction);
 * a load is one statement, so the snapshot and the log come from the same MVCC snapshot; compaction of
 * a document is serialised across nodes by a transaction-scoped advisory lock.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import type { AppendEntry, DocumentStore, StoredDocument } from '../types.js';
import { planCompaction } from './coverage.js';

/**
 * First key of the two-key advisory lock space used for per-document locks, so they never collide with
 * Kysely's migration lock or with other applications' single-key locks on the same database.
 */
const DOC_LOCK_NAMESPACE = 0x436f6e66; // "Conf"

/** Rows per INSERT statement: two parameters per row, PostgreSQL allows 65535 per statement. */
const ROWS_PER_STATEMENT = 10_000;

/** pg hands bytea back as Buffers, often views of a shared slab; callers get an exact copy. */
function bytes(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer);
}

function lockDocument(db: Kysely<Schema>, docId: string) {
  return sql`SELECT pg_advisory_xact_lock(${DOC_LOCK_NAMESPACE}, hashtext(${docId}))`.execute(db);
}

export function createPostgresDocumentStore(db: Kysely<Schema>): DocumentStore {
  async function load(docId: string): Promise<StoredDocument> {
    // kind 0 = the snapshot (seq holds its through_seq), kind 1 = log rows.
    const { rows } = await sql<{ kind: number; seq: number; data: Uint8Array }>`
      SELECT 0 AS kind, through_seq AS seq, snapshot AS data FROM doc_snapshots WHERE doc_id = ${docId}
      UNION ALL
      SELECT 1 AS kind, seq, data FROM doc_updates WHERE doc_id = ${docId}
      ORDER BY kind, seq`.execute(db);
    let snapshot: Uint8Array | null = null;
    const updates: Uint8Array[] = [];
    let lastSeq = 0;
    let logBytes = 0;
    for (const row of rows) {
      lastSeq = Math.max(lastSeq, row.seq);
      if (row.kind === 0) {
        snapshot = bytes(row.data);
      } else {
        updates.push(bytes(row.data));
        logBytes += row.data.byteLength;
      }
    }
    return { snapshot, updates, lastSeq, logBytes };
  }

  async function insert(trx: Kysely<Schema>, entries: readonly AppendEntry[]): Promise<number[]> {
    const rows = await trx
      .insertInto('doc_updates')
      .values(entries.map((e) => ({ doc_id: e.docId, data: e.update })))
      .returning('seq')
      .execute();
    // The sequence is drawn row by row in VALUES order, so our seqs ascend in entry order even when
    // other nodes insert concurrently. SQL does not promise RETURNING order; sorting does not rely on it.
    return rows.map((r) => r.seq).sort((a, b) => a - b);
  }

  async function append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    if (entries.length <= ROWS_PER_STATEMENT) return insert(db, entries);
    return db.transaction().execute(async (trx) => {
      const seqs: number[] = [];
      for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
        seqs.push(...(await insert(trx, entries.slice(i, i + ROWS_PER_STATEMENT))));
      }
      return seqs;
    });
  }

  async function compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await lockDocument(trx, docId);
      const current = await trx
        .selectFrom('doc_snapshots')
        .select(['through_seq', 'snapshot'])
        .where('doc_id', '=', docId)
        .executeTakeFirst();
      // Another node already stored a newer snapshot: ours would move the document backwards.
      if (current && current.through_seq >= throughSeq) return;
      const candidates = await trx
        .selectFrom('doc_updates')
        .select(['seq', 'data'])
        .where('doc_id', '=', docId)
        .where('seq', '<=', throughSeq)
        .execute();
      const plan = planCompaction(current?.snapshot ?? null, snapshot, candidates);
      const covered = plan.covered;
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_id: docId, snapshot: plan.snapshot, through_seq: throughSeq, updated_at: Date.now() })
        .onConflict((oc) =>
          oc.column('doc_id').doUpdateSet((eb) => ({
            snapshot: eb.ref('excluded.snapshot'),
            through_seq: eb.ref('excluded.through_seq'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      // By explicit seq: a row that commits with a lower seq after our read is not ours to delete.
      if (covered.length > 0) {
        await sql`DELETE FROM doc_updates WHERE doc_id = ${docId} AND seq = ANY(${covered}::bigint[])`.execute(trx);
      }
    });
  }

  async function purge(docId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await lockDocument(trx, docId);
      await trx.deleteFrom('doc_updates').where('doc_id', '=', docId).execute();
      await trx.deleteFrom('doc_snapshots').where('doc_id', '=', docId).execute();
    });
  }

  return { load, append, compact, purge };
}
