/**
 * Encoding a live document for others without the structs and deletions Yjs holds back for missing
 * dependencies. Y.encodeStateAsUpdate merges those in, and merging re-slices them (new origins), so a
 * joiner could integrate content the live document never did: a writer reusing another client's IDs
 * would show joiners something else than everyone else. Held-back data reaches peers once it integrates.
 */
import * as Y from 'yjs';

/** The document (or what a peer with `stateVector` lacks) as one update, without held-back structs. */
export function encodeWithoutPending(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
