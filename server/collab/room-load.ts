/**
 * Opening a room's document from storage: the snapshot and log replayed into a guarded Y.Doc, whether
 * the stored snapshot can answer the first joiner as it is, and where the room's log bookkeeping (and
 * with it compaction, quiet or not) starts counting.
 */
import type * as Y from 'yjs';
import { Compactor } from './compactor.js';
import type { NeighbourGuard } from './neighbour-guard.js';
import { loadDocument } from './replay.js';
import type { RoomDeps } from './room-types.js';
import type { SyncCache } from './sync-cache.js';

/** Origin of transactions that replay stored data: never stored or relayed again. */
export const LOAD_ORIGIN = Symbol('load');

/** A document as storage holds it, opened and not yet shared with anyone. */
export interface OpenedDocument {
  doc: Y.Doc;
  guard: NeighbourGuard;
  /** The log rows not folded into the snapshot, as stored. */
  log: { lastSeq: number; updates: number; bytes: number };
  /**
   * The stored snapshot when it is the document byte for byte of content (no log rows, nothing
   * refused or held back): the first joiner's answer without encoding. Null otherwise.
   */
  exactSnapshot: Uint8Array | null;
}

/** Loads snapshot + log. Throws if the store cannot answer: no empty stand-in is made. */
export async function openStored(docId: string, store: RoomDeps['store']): Promise<OpenedDocument> {
  const stored = await store.load(docId);
  const { doc, guard, exact } = await loadDocument(stored, LOAD_ORIGIN, docId);
  return {
    doc,
    guard,
    log: { lastSeq: stored.lastSeq, updates: stored.updates.length, bytes: stored.logBytes },
    exactSnapshot: exact ? stored.snapshot : null,
  };
}

/**
 * The room's compactor, counting from the log as loaded. It encodes through the room's sync cache
 * (a cached copy when one exists) and compacts a quiet document through `compactIdle` (the room's
 * own compact, which does nothing once the room failed).
 */
export function compactorFor(docId: string, opened: OpenedDocument, deps: RoomDeps, syncCache: SyncCache, compactIdle: () => void): Compactor {
  const { lastSeq, updates, bytes } = opened.log;
  return new Compactor(docId, opened.doc, lastSeq, updates, bytes, deps, () => syncCache.fullUpdate(), compactIdle);
}
