/**
 * A transaction turned into suggestions of one author, in a form the server's suggestion guard accepts
 * (server/features/suggestions). `@handlewithcare/prosemirror-suggest-changes` does the work; three of
 * its habits are corrected afterwards, on the tracked transaction:
 *   - it reuses the id of a neighbouring suggestion for new text and relabels neighbours with its own
 *     id, which merges different authors: new text gets the author's id back, and text that was someone
 *     else's keeps their id;
 *   - it marks whole inserted or deleted blocks with node marks, which the Yjs binding does not store
 *     (they would reach the server as plain edits): they become inline marks on the block's text;
 *   - it anchors a new block boundary with zero-width spaces only where the blocks would otherwise be
 *     empty; the server recognises a suggested boundary by an anchor on each side, so every new
 *     boundary gets both;
 *   - deleting inside another reviewer's insertion erases it: such a transaction is refused here
 *     (null), as it is by the server; the author replies to the suggestion instead.
 */
import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Mark, Node } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { SUGGESTION_ID_SEPARATOR, SUGGESTION_MARKS, suggestionAuthor } from './suggestion-ids.js';

const isSuggestionMark = (mark: Mark): boolean => (SUGGESTION_MARKS as readonly string[]).includes(mark.type.name);

/** A fresh suggestion id of `authorId`. */
export function newSuggestionId(authorId: string): string {
  const random = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return `${authorId}${SUGGESTION_ID_SEPARATOR}${Array.from(random, (n) => n.toString(36)).join('')}`;
}

/** Characters (text offsets of `doc`) with another author's suggestion marks, keyed by position. */
function foreignMarksIn(doc: Node, from: number, to: number, authorId: string): Map<number, Mark[]> {
  const out = new Map<number, Mark[]>();
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const foreign = node.marks.filter((mark) => isSuggestionMark(mark) && suggestionAuthor(mark.attrs.id) !== authorId);
    if (foreign.length > 0) for (let p = Math.max(pos, from); p < Math.min(pos + node.nodeSize, to); p++) out.set(p, foreign);
    return false;
  });
  return out;
}

/** Node marks of suggestions become inline marks on the node's text; false when a node has no text to carry them. */
function inlineNodeMarks(tr: Transaction): boolean {
  let ok = true;
  const found: Array<{ pos: number; node: Node; mark: Mark }> = [];
  tr.doc.descendants((node, pos) => {
    for (const mark of node.marks) if (!node.isInline && isSuggestionMark(mark)) found.push({ pos, node, mark });
    return true;
  });
  for (const { pos, node, mark } of found.reverse()) {
    if (node.textContent.length === 0) ok = false;
    tr.removeNodeMark(pos, mark);
    tr.addMark(pos + 1, pos + node.nodeSize - 1, mark);
  }
  return ok;
}

/**
 * The range of `tr.doc` its steps touched (replaced content and marked ranges), or null. A diff of the
 * documents would not do: new text that equals its neighbour, marks included, makes the diff ambiguous.
 */
function touchedRange(tr: Transaction): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  tr.steps.forEach((step, i) => {
    const add = (a: number, b: number, through: ReturnType<Transaction['mapping']['slice']>) => {
      from = Math.min(from, through.map(a, -1));
      to = Math.max(to, through.map(b, 1));
    };
    const after = tr.mapping.slice(i + 1);
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => add(newStart, newEnd, after));
    // Mark steps have empty maps; their range is in the document before the step.
    const range = step as unknown as { from?: unknown; to?: unknown; pos?: unknown };
    if (typeof range.from === 'number' && typeof range.to === 'number') add(range.from, range.to, tr.mapping.slice(i));
    else if (typeof range.pos === 'number') add(range.pos, range.pos + 1, tr.mapping.slice(i));
  });
  return from <= to ? { from: Math.max(0, from), to: Math.min(tr.doc.content.size, to) } : null;
}

/** The suggestion marks of `authorId` that `tracked` must carry, given what `before` held. */
function resign(tracked: Transaction, before: Node, authorId: string): boolean {
  const range = touchedRange(tracked);
  if (!range) return true;
  const back = tracked.mapping.invert();
  const start = range.from;
  const newTo = range.to;
  const oldFrom = Math.max(0, back.map(start, -1));
  const oldTo = Math.min(before.content.size, back.map(newTo, 1));
  const oldForeign = foreignMarksIn(before, oldFrom, oldTo, authorId);
  const ownId = newSuggestionId(authorId);
  const keptForeign = new Set<string>();
  const edits: Array<() => void> = [];
  tracked.doc.nodesBetween(start, newTo, (node, pos) => {
    if (!node.isText) return true;
    for (let p = Math.max(pos, start); p < Math.min(pos + node.nodeSize, newTo); p++) {
      const left = back.mapResult(p, 1);
      const right = back.mapResult(p + 1, -1);
      const isOld = !left.deleted && !right.deleted && right.pos - left.pos === 1;
      const had = isOld ? (oldForeign.get(left.pos) ?? []) : [];
      for (const mark of node.marks) {
        if (!isSuggestionMark(mark)) continue;
        const author = suggestionAuthor(mark.attrs.id);
        const previous = had.find((m) => m.type === mark.type);
        if (previous && previous.attrs.id !== mark.attrs.id) {
          // Someone else's suggestion relabelled with ours: give it back its id.
          edits.push(() => tracked.removeMark(p, p + 1, mark.type).addMark(p, p + 1, previous));
        } else if (author !== authorId && !previous) {
          // New text (or a new mark) under someone else's id: ours.
          edits.push(() => tracked.removeMark(p, p + 1, mark.type).addMark(p, p + 1, mark.type.create({ ...mark.attrs, id: ownId })));
        }
      }
      for (const m of had) keptForeign.add(`${left.pos}:${String(m.attrs.id)}`);
    }
    return false;
  });
  for (const edit of edits) edit();
  // Every character that carried someone else's suggestion must still be there.
  for (const [pos, marks] of oldForeign) for (const m of marks) if (!keptForeign.has(`${pos}:${String(m.attrs.id)}`)) return false;
  return true;
}

const ZERO_WIDTH_SPACE = '\u200B';

/** Textblock boundaries `tracked` created get a zero-width space of the author's insertion on each side. */
function anchorNewBoundaries(tracked: Transaction, authorId: string): void {
  const range = touchedRange(tracked);
  if (!range) return;
  const back = tracked.mapping.invert();
  const insertion = tracked.doc.type.schema.marks.insertion;
  if (!insertion) return;
  const blocks: Array<{ start: number; end: number; node: Node }> = [];
  tracked.doc.nodesBetween(range.from, range.to, (node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ start: pos + 1, end: pos + node.nodeSize - 1, node });
    return false;
  });
  const isAnchor = (node: Node | null | undefined) =>
    node?.isText === true && node.text?.startsWith(ZERO_WIDTH_SPACE) === true && node.marks.some((m) => m.type === insertion && suggestionAuthor(m.attrs.id) === authorId);
  // An anchor takes the id of the author's insertion beside it, so the suggestion stays one.
  const ownId = (node: Node | null | undefined): string | null => {
    const mark = node?.marks.find((m) => m.type === insertion && suggestionAuthor(m.attrs.id) === authorId);
    return typeof mark?.attrs.id === 'string' ? mark.attrs.id : null;
  };
  const inserts = new Map<number, string>();
  for (let i = 1; i < blocks.length; i++) {
    const a = blocks[i - 1] as (typeof blocks)[number];
    const b = blocks[i] as (typeof blocks)[number];
    // An old boundary maps back to two distinct places; a new one collapses into one.
    if (back.map(a.end, -1) !== back.map(b.start, 1)) continue;
    const id = ownId(a.node.lastChild) ?? ownId(b.node.firstChild) ?? newSuggestionId(authorId);
    if (!isAnchor(a.node.lastChild) || !a.node.lastChild?.text?.endsWith(ZERO_WIDTH_SPACE)) inserts.set(a.end, id);
    if (!isAnchor(b.node.firstChild)) inserts.set(b.start, id);
  }
  for (const [pos, id] of [...inserts].sort(([x], [y]) => y - x)) {
    tracked.insert(pos, tracked.doc.type.schema.text(ZERO_WIDTH_SPACE, [insertion.create({ id })]));
  }
}

/**
 * `tr` (made on `state`) as suggestions of `authorId`, or null when it cannot be one: it would erase
 * another reviewer's suggestion, or insert or delete whole blocks (a table, a rule, pasted paragraphs).
 */
export function suggestAs(tr: Transaction, state: EditorState, authorId: string): Transaction | null {
  let tracked: Transaction;
  try {
    tracked = transformToSuggestionTransaction(tr, state, () => newSuggestionId(authorId));
  } catch {
    // The library marks a whole inserted block with a node mark, which blocks of this schema do not
    // take (a pasted run of whole paragraphs, a table): such an edit cannot be suggested yet.
    return null;
  }
  if (!inlineNodeMarks(tracked)) return null;
  anchorNewBoundaries(tracked, authorId);
  if (!resign(tracked, state.doc, authorId)) return null;
  return tracked;
}
