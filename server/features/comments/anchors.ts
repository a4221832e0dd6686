/**
 * Where a comment anchor points now. Anchors are RelativePositions into the document's XmlFragment;
 * when the commented text is deleted both ends collapse onto the same spot (or onto a deleted
 * paragraph), and the thread is "orphaned": it stays, marked as such, with its quote.
 */
import * as Y from 'yjs';

function resolve(doc: Y.Doc, json: unknown): Y.AbsolutePosition | null {
  if (typeof json !== 'object' || json === null) return null;
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
  } catch {
    return null;
  }
}

/** True when the range from `start` to `end` no longer holds any text in `doc`. */
export function isOrphaned(doc: Y.Doc, anchor: { start: unknown; end: unknown }): boolean {
  const start = resolve(doc, anchor.start);
  const end = resolve(doc, anchor.end);
  if (!start || !end) return true;
  return start.type === end.type && start.index >= end.index;
}
