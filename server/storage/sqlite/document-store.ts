/**
 * SQLite DocumentStore on better-sqlite3 prepared statements (the hot path skips the query builder).
 * better-sqlite3 is synchronous: each call runs to completion inside one transaction, so the async
 * signature only adapts it to the shared interface.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { AppendEntry, DocumentStore, StoredDocument } from '../types.js';

export function createSqliteDocumentStore(db: BetterSqlite3.Database): DocumentStore {
  const selectSnapshot = db.prepare<[string], { snapshot: Buffer; through_seq: number }>(
    'SELECT snapshot, through_seq FROM doc_snapshots WHERE doc_id = ?',
  );
  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq',
  );
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)');
  const upsertSnapshot = db.prepare<[string, Uint8Array, number, number]>(
    `INSERT INTO doc_snapshots (doc_id, snapshot, through_seq, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot, through_seq = excluded.through_seq,
       updated_at = excluded.updated_at`,
  );
  const selectThroughSeq = db.prepare<[string], { through_seq: number }>('SELECT through_seq FROM doc_snapshots WHERE doc_id = ?');
  const deleteUpdatesThrough = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?');
  const deleteUpdates = db.prepare<[string]>('DELETE FROM doc_updates WHERE doc_id = ?');
  const deleteSnapshot = db.prepare<[string]>('DELETE FROM doc_snapshots WHERE doc_id = ?');

  const load = db.transaction((docId: string): StoredDocument => {
    const snap = selectSnapshot.get(docId);
    const rows = selectUpdates.all(docId);
    let logBytes = 0;
    for (const row of rows) logBytes += row.data.byteLength;
    const lastRow = rows.at(-1);
    return {
      snapshot: snap ? new Uint8Array(snap.snapshot) : null,
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: Math.max(lastRow?.seq ?? 0, snap?.through_seq ?? 0),
      logBytes,
    };
  });

  const append = db.transaction((entries: readonly AppendEntry[]): number[] =>
    entries.map((e) => Number(insertUpdate.run(e.docId, e.update).lastInsertRowid)),
  );

  const compact = db.transaction((docId: string, snapshot: Uint8Array, throughSeq: number) => {
    // A late compaction from an older view must not move the document backwards (storage contract).
    const current = selectThroughSeq.get(docId);
    if (current && current.through_seq >= throughSeq) return;
    upsertSnapshot.run(docId, snapshot, throughSeq, Date.now());
    deleteUpdatesThrough.run(docId, throughSeq);
  });

  const purge = db.transaction((docId: string) => {
    deleteUpdates.run(docId);
    deleteSnapshot.run(docId);
  });

  return {
    load: async (docId) => load(docId),
    append: async (entries) => append(entries),
    compact: async (docId, snapshot, throughSeq) => compact(docId, snapshot, throughSeq),
    purge: async (docId) => purge(docId),
  };
}
