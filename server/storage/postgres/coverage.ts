/**
 * Compaction planning for several nodes on one database: what snapshot to store and which log rows it
 * really contains. Pure; the PostgreSQL store runs it inside its locked compaction transaction.
 *
 * Why: a room compacts from its own live document, and with several nodes that view may lag.
 * - Sequence numbers are drawn at insert, not at commit: node B's row 10 can commit after node A's
 *   row 11, and A (which knows of 11) may compact "through 11" before B's update reached A over the
 *   bus. Deleting every row <= 11 would drop B's update, so only rows the snapshot contains go.
 * - B may have compacted first, folding rows into the stored snapshot that A has not seen yet.
 *   Replacing that snapshot with A's would drop them, so the two are merged (two updates, not a long
 *   log: Y.mergeUpdates stays cheap here, unlike over whole logs, yjs issue 710).
 */
import * as Y from 'yjs';

/** A row of the log that compaction may delete. */
export interface LogRow {
  seq: number;
  data: Uint8Array;
}

export interface CompactionPlan {
  /** What to store as the new snapshot. */
  snapshot: Uint8Array;
  /** Sequence numbers of the rows that snapshot contains. */
  covered: number[];
}

/** Decides the snapshot to store and the rows it makes redundant. */
export function planCompaction(stored: Uint8Array | null, snapshot: Uint8Array, rows: readonly LogRow[]): CompactionPlan {
  let next = snapshot;
  let view = snapshotOf(next);
  if (stored && !(view && contains(view, stored))) {
    next = Y.mergeUpdates([stored, snapshot]);
    view = snapshotOf(next);
  }
  const covered = view ? rows.filter((row) => contains(view, row.data)).map((row) => row.seq) : [];
  return { snapshot: next, covered };
}

/** A snapshot update decoded once, to test many rows against; null if Yjs cannot read it. */
function snapshotOf(update: Uint8Array): Y.Snapshot | null {
  try {
    const sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
    // Normalise (sort + merge adjacent ranges): the containment test compares delete sets for equality.
    const ds = Y.mergeDeleteSets([Y.decodeUpdate(update).ds]);
    return new Y.Snapshot(ds, sv);
  } catch {
    return null;
  }
}

/** True when every struct and deletion of `update` is already in `snapshot`; false if unsure. */
function contains(snapshot: Y.Snapshot, update: Uint8Array): boolean {
  try {
    return Y.snapshotContainsUpdate(snapshot, update);
  } catch {
    // A row Yjs cannot parse is not ours to judge: keep it.
    return false;
  }
}
