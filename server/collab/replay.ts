/** Replaying what storage holds into a live Y.Doc without holding the event loop for long. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import type { StoredDocument } from '../storage/types.js';
import { NeighbourGuard } from './neighbour-guard.js';

/** Longest stretch of log replay between two turns of the event loop. */
const SLICE_MS = 10;

/**
 * Applies the snapshot, then the log row by row in the order it was written, yielding to the event loop
 * every SLICE_MS. Row by row, because that is how the live document integrated them: merging the log
 * first (Y.mergeUpdates) re-slices structs, and on hostile logs the merged update made Yjs throw where
 * the rows one by one did not, which would leave the document unloadable. Yielding, because every row
 * whose structs wait for missing dependencies makes Yjs re-merge the whole pending store, so a log of
 * such rows costs more than a snapshot of the same size (a fuzzed document held the loop for 900 ms).
 * Only the room being loaded (not yet shared) or a catch-up (whose updates commute) sees the gaps.
 */
export async function replayStored(doc: Y.Doc, stored: Pick<StoredDocument, 'snapshot' | 'updates'>, origin: unknown, stillWanted: () => boolean = () => true): Promise<void> {
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, origin);
  // The snapshot is one piece of work; what follows (the log, then the joiner's handshake) gets turns of its own.
  if (stored.snapshot && stored.updates.length > 0) {
    await nextTurn();
    if (!stillWanted()) return;
  }
  let next = 0;
  while (next < stored.updates.length) {
    const sliceStart = performance.now();
    Y.transact(
      doc,
      () => {
        while (next < stored.updates.length && performance.now() - sliceStart < SLICE_MS) Y.applyUpdate(doc, stored.updates[next++]!, origin);
      },
      origin,
    );
    if (next < stored.updates.length) {
      await nextTurn();
      if (!stillWanted()) return;
    }
  }
}

/**
 * A new document holding what storage holds, guarded (neighbour-guard.ts) before the first row is replayed.
 * `exact`: the document holds exactly the stored snapshot's content (no log rows, nothing the guard
 * refused, nothing held back for missing dependencies), so the snapshot can stand for its encoding.
 */
export async function loadDocument(
  stored: Pick<StoredDocument, 'snapshot' | 'updates'>,
  origin: unknown,
  docId?: string,
): Promise<{ doc: Y.Doc; guard: NeighbourGuard; exact: boolean }> {
  // The document's ID as its guid: Yjs's default, a fresh uuidv4, costs 31 calls to crypto.getRandomValues
  // (60 ms of a 2,000-client reconnect storm's CPU); the guid names subdocuments, which Confer has none of.
  const doc = docId === undefined ? new Y.Doc({ gc: true }) : new Y.Doc({ gc: true, guid: docId });
  const guard = NeighbourGuard.attach(doc);
  await replayStored(doc, stored, origin);
  const exact = stored.updates.length === 0 && guard.refusedCount === 0 && doc.store.pendingStructs === null && doc.store.pendingDs === null;
  return { doc, guard, exact };
}
