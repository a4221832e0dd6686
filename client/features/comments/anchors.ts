/**
 * Comment anchors in the editor: a selection becomes a pair of Yjs RelativePositions (start sticks
 * to the first commented character, end to the last), so text typed right before or after the range
 * stays outside it and concurrent edits elsewhere never move it. Resolving gives ProseMirror
 * positions again, or null when the text is gone (an orphaned thread).
 */
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<unknown, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const y = ySyncPluginKey.getState(state) as SyncState | undefined;
  return y?.binding ? y : null;
}

/** The anchor JSON for the range `from`..`to`; null before the editor is bound to its Yjs document. */
export function anchorFor(state: EditorState, from: number, to: number): { start: unknown; end: unknown } | null {
  const y = syncState(state);
  if (!y?.binding) return null;
  const mapping = y.binding.mapping;
  const at = (pos: number, assoc: number): Y.RelativePosition => {
    const rel = absolutePositionToRelativePosition(pos, y.type, mapping as never) as Y.RelativePosition;
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, y.doc);
    // Re-anchor inside the text node with our own association (y-tiptap always sticks to the left).
    return abs && abs.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc) : rel;
  };
  return { start: Y.relativePositionToJSON(at(from, 0)), end: Y.relativePositionToJSON(at(to, -1)) };
}

/** Where an anchor is now, or null when its text was deleted. */
export function resolveAnchor(state: EditorState, anchor: { start: unknown; end: unknown }): { from: number; to: number } | null {
  const y = syncState(state);
  if (!y?.binding || anchor.start === null || anchor.end === null) return null;
  try {
    const toPos = (json: unknown) =>
      relativePositionToAbsolutePosition(y.doc, y.type, Y.createRelativePositionFromJSON(json), y.binding?.mapping as never);
    const from = toPos(anchor.start);
    const to = toPos(anchor.end);
    if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
    return { from, to };
  } catch {
    return null;
  }
}
