/**
 * Deleting inside someone else's suggested insertion is a suggestion of one's own, never an erase: the
 * text stays, keeps the other author's insertion mark, and gets the deleting author's deletion mark.
 * `@handlewithcare/prosemirror-suggest-changes` deletes any inserted text it is asked to delete (it
 * takes every insertion for the deleter's own), so it is shown the document with those insertion
 * marks taken off the characters the transaction deletes: it marks them deleted like any text, and the
 * marks are put back on them afterwards. One's own insertions are left as they are (deleting them
 * still withdraws them).
 *
 * Only marks change before and after the library's steps, so positions hold throughout and the
 * result's mapping is the library's: the corrections in suggest-as.ts read it as they always do.
 */
import type { Mark, Node } from '@tiptap/pm/model';
import { EditorState, Selection, type Transaction } from '@tiptap/pm/state';
import { suggestionAuthor } from './suggestion-ids.js';

/** A run of characters (positions of the document before) with another author's insertion mark. */
interface Hidden {
  from: number;
  to: number;
  mark: Mark;
}

/** The range of `tr.before` that `tr`'s steps replace, or null when they replace nothing. */
function replacedRange(tr: Transaction): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  tr.steps.forEach((step, i) => {
    const back = tr.mapping.slice(0, i).invert();
    step.getMap().forEach((oldStart, oldEnd) => {
      from = Math.min(from, back.map(oldStart, -1));
      to = Math.max(to, back.map(oldEnd, 1));
    });
  });
  return from < to ? { from, to } : null;
}

/** Runs of others' inserted characters in `doc` that `tr` deletes. */
function deletedForeignInsertions(tr: Transaction, doc: Node, authorId: string): Hidden[] {
  const range = replacedRange(tr);
  if (!range) return [];
  const insertion = doc.type.schema.marks.insertion;
  const runs: Hidden[] = [];
  doc.nodesBetween(range.from, Math.min(range.to, doc.content.size), (node, pos) => {
    if (!node.isText) return true;
    const mark = node.marks.find((m) => m.type === insertion && suggestionAuthor(m.attrs.id) !== authorId);
    if (!mark) return false;
    for (let p = Math.max(pos, range.from); p < Math.min(pos + node.nodeSize, range.to); p++) {
      // A character survives when its two sides stay one character apart.
      if (tr.mapping.map(p + 1, -1) - tr.mapping.map(p, 1) === 1) continue;
      const last = runs[runs.length - 1];
      if (last && last.to === p && last.mark.eq(mark)) last.to = p + 1;
      else runs.push({ from: p, to: p + 1, mark });
    }
    return false;
  });
  return runs;
}

export interface HiddenInsertions {
  /** Runs `library` (the library's transform) with the insertions hidden; a transaction on the original state. */
  track(library: (tr: Transaction, state: EditorState) => Transaction): Transaction;
}

/** Null when `tr` deletes no one else's inserted text (the library then runs as it is). */
export function hideForeignInsertions(tr: Transaction, state: EditorState, authorId: string): HiddenInsertions | null {
  const hidden = deletedForeignInsertions(tr, state.doc, authorId);
  if (hidden.length === 0) return null;
  return {
    track(library) {
      const result = state.tr;
      for (const { from, to, mark } of hidden) result.removeMark(from, to, mark);
      // The user's steps again, on the document without those marks (mark changes move no position).
      const bare = EditorState.create({ doc: result.doc, selection: Selection.fromJSON(result.doc, state.selection.toJSON()) });
      const replay = bare.tr;
      for (const step of tr.steps) if (replay.maybeStep(step).failed) throw new Error('step does not apply without the hidden marks');
      if (tr.selectionSet) replay.setSelection(Selection.fromJSON(replay.doc, tr.selection.toJSON()));
      if (tr.storedMarksSet) replay.setStoredMarks(tr.storedMarks);
      const tracked = library(replay, bare);
      for (const step of tracked.steps) result.step(step);
      // Back on what the library kept: the other author's insertion, now under the deletion mark.
      // Mark steps map nothing: the mapping is the library's.
      const mapping = result.mapping;
      const restore: Hidden[] = [];
      for (const { from, to, mark } of hidden) {
        for (let p = from; p < to; p++) {
          const at = mapping.map(p, 1);
          if (mapping.map(p + 1, -1) - at !== 1) continue;
          const last = restore[restore.length - 1];
          if (last && last.to === at && last.mark === mark) last.to = at + 1;
          else restore.push({ from: at, to: at + 1, mark });
        }
      }
      for (const { from, to, mark } of restore) result.addMark(from, to, mark);
      if (tracked.selectionSet) result.setSelection(Selection.fromJSON(result.doc, tracked.selection.toJSON()));
      if (tracked.storedMarksSet) result.setStoredMarks(tracked.storedMarks);
      if (tracked.scrolledIntoView) result.scrollIntoView();
      for (const [key, value] of Object.entries(metaOf(tr))) result.setMeta(key, value);
      return result;
    },
  };
}

/** A transaction's metadata (the library copies it the same way; ProseMirror keeps it private). */
function metaOf(tr: Transaction): Record<string, unknown> {
  return (tr as unknown as { meta: Record<string, unknown> }).meta;
}
