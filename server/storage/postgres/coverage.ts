/**
 * Does a snapshot already contain a log row? Compaction on PostgreSQL deletes only rows that pass.
 *
 * Why: sequence numbers are handed out when a row is inserted, not when it commits. With several nodes,
 * node B's row 10 can commit after node A's row 11, and A (which knows of 11) may compact "through 11"
 * before B's update has reached A's live document over the bus. Deleting every row <= 11 would then drop
 * B's update. Checking containment makes compaction safe whatever the caller's view of the log is.
 */
import * as Y from 'yjs';

/** A snapshot update decoded once, to test many rows against; null if Yjs cannot read it. */
export function snapshotOf(update: Uint8Array): Y.Snapshot | null {
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
export function contains(snapshot: Y.Snapshot, update: Uint8Array): boolean {
  try {
    return Y.snapshotContainsUpdate(snapshot, update);
  } catch {
    // A row Yjs cannot parse is not ours to judge: keep it.
    return false;
  }
}
