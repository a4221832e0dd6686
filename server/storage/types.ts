/**
 * Storage interfaces. Async everywhere so that the PostgreSQL implementation fits behind the same
 * seam as the embedded SQLite one.
 */

/** What is stored for one document: the latest snapshot plus the log of updates after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in sequence order. */
  updates: Uint8Array[];
  /** Highest sequence number in the log (or covered by the snapshot); 0 for a new document. */
  lastSeq: number;
  /** Total bytes of the log rows, so the room can decide when to compact. */
  logBytes: number;
}

/** One update to append to a document's log. */
export interface AppendEntry {
  docId: string;
  update: Uint8Array;
}

/** The durable Yjs log. */
export interface DocumentStore {
  /** Reads snapshot + log. Throws if the store cannot answer (never returns an empty stand-in). */
  load(docId: string): Promise<StoredDocument>;
  /** Appends every entry in one transaction (group commit); resolves with each entry's sequence number. */
  append(entries: readonly AppendEntry[]): Promise<number[]>;
  /**
   * Replaces the snapshot and deletes the log rows with seq <= throughSeq that it covers, in one
   * transaction. A throughSeq at or below the stored snapshot's is a no-op (never moves backwards).
   */
  compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Deletes a document's snapshot and log (used when a document is purged). */
  purge(docId: string): Promise<void>;
}
