/**
 * A transaction turned into suggestions of one author, in a form the server's suggestion guard accepts
 * (server/features/suggestions). `@handlewithcare/prosemirror-suggest-changes` does the work; three of
 * its habits are corrected afterwards, on the tracked transaction:
 *   - it reuses the id of a neighbouring suggestion for new text and relabels neighbours with its own
 *     id, which merges different authors: new text gets the author's id back, and text that was someone
 *     else's keeps their id;
 *   - it marks whole inserted or deleted blocks with node marks, which the Yjs binding does not store
 *     (they would reach the server as plain edits): they become the block's suggestion attribute
 *     (block-suggestion.ts), as do type changes of a block (a paragraph made a heading), which are
 *     handled here rather than by the library; the text of an inserted block gets the author's
 *     insertion mark, which the library leaves off, so the server tells it from others' text there;
 *   - it anchors a new block boundary with zero-width spaces only where the blocks would otherwise be
 *     empty; the server recognises a suggested boundary by an anchor on each side, so every new
 *     boundary gets both;
 *   - deleting inside another reviewer's insertion erases it (the library withdraws any insertion it
 *     deletes): here that text stays, with its insertion mark, and gets the author's deletion mark, a
 *     suggestion of their own (nested-deletion.ts); deleting a block someone else suggested inserting
 *     marks its text so. Deleting inside one's own insertion still withdraws it.
 */
import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Mark, Node, NodeType } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { AttrStep, ReplaceAroundStep, type Step } from '@tiptap/pm/transform';
import { allowBlockSuggestionMarks, holdsOthersText } from './block-suggestion.js';
import { hideForeignInsertions } from './nested-deletion.js';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, SUGGESTION_ID_SEPARATOR, SUGGESTION_MARKS, suggestionAuthor, type BlockSuggestion } from './suggestion-ids.js';

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

/** Characters (text offsets of `doc`) with the author's own insertion mark. */
function ownInsertedIn(doc: Node, from: number, to: number, authorId: string): Set<number> {
  const out = new Set<number>();
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((m) => m.type.name === 'insertion' && suggestionAuthor(m.attrs.id) === authorId)) for (let p = Math.max(pos, from); p < Math.min(pos + node.nodeSize, to); p++) out.add(p);
    return false;
  });
  return out;
}

/** The author's own block suggestion on `node`, or null; `foreign` when someone else's. */
function blockSuggestionIn(node: Node, authorId: string): BlockSuggestion | 'foreign' | null {
  const value: unknown = node.attrs[BLOCK_SUGGESTION_ATTR];
  if (value === null || value === undefined) return null;
  const suggestion = blockSuggestionOf(value);
  return suggestion && suggestionAuthor(suggestion.id) === authorId ? suggestion : 'foreign';
}

/** The author's id for a block: the library's when it is theirs, else a fresh one. */
const ownIdOf = (id: unknown, authorId: string): string => (typeof id === 'string' && suggestionAuthor(id) === authorId ? id : newSuggestionId(authorId));

/**
 * Node marks of suggestions (whole inserted or deleted blocks) move to the block attribute; false when
 * that cannot be: the block holds someone else's block suggestion, or the library tracked a change of
 * a block's type or attributes itself (suggestBlockMarkup handles those).
 */
function blockMarksToAttributes(tr: Transaction, authorId: string): boolean {
  const found: Array<{ pos: number; node: Node; mark: Mark }> = [];
  tr.doc.descendants((node, pos) => {
    for (const mark of node.marks) if (!node.isInline && isSuggestionMark(mark)) found.push({ pos, node, mark });
    return true;
  });
  for (const { pos, node, mark } of found.reverse()) {
    const existing = blockSuggestionIn(node, authorId);
    if (mark.type.name === 'deletion' && existing === 'foreign' && blockSuggestionOf(node.attrs[BLOCK_SUGGESTION_ATTR])?.kind === 'insertion') {
      // A block someone else suggested inserting holds one suggestion only, theirs: deleting it is a
      // deletion suggestion of the author's on its text (the text keeps the other's insertion mark).
      tr.removeNodeMark(pos, mark);
      markTextDeleted(tr, pos, authorId);
      continue;
    }
    if (mark.type.name === 'modification' || existing === 'foreign' || existing?.kind === 'deletion') return false;
    tr.removeNodeMark(pos, mark);
    if (existing?.kind === 'insertion' && mark.type.name === 'deletion') {
      // Deleting a block one suggested oneself withdraws it, unless others wrote in it: their text is
      // not the author's to take away with it (the server refuses that too).
      if (holdsOthersText(node, authorId)) return false;
      tr.delete(pos, pos + node.nodeSize);
      continue;
    }
    const kind = mark.type.name === 'insertion' ? 'insertion' : 'deletion';
    // A type change that is then deleted or re-inserted is that deletion or insertion alone.
    const suggestion = existing?.kind === 'insertion' ? existing : { kind, id: ownIdOf(mark.attrs.id, authorId) };
    tr.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, suggestion);
    if (kind === 'insertion') markOwnText(tr, pos, suggestion.id, authorId);
  }
  return true;
}

/**
 * The text of a block the author inserts carries their insertion mark (the block's id): the server
 * tells the author's text in their inserted block from what others write in it by that mark, and
 * reverting the block removes only the author's. Text already marked the author's keeps its id.
 */
function markOwnText(tr: Transaction, blockPos: number, id: string, authorId: string): void {
  const insertion = tr.doc.type.schema.marks.insertion;
  const block = tr.doc.nodeAt(blockPos);
  if (!insertion || !block) return;
  const ranges: Array<{ from: number; to: number }> = [];
  block.descendants((node, offset) => {
    if (!node.isText) return true;
    const own = node.marks.some((m) => m.type === insertion && suggestionAuthor(m.attrs.id) === authorId);
    const from = blockPos + 1 + offset;
    if (!own) ranges.push({ from, to: from + node.nodeSize });
    return false;
  });
  for (const { from, to } of ranges) tr.addMark(from, to, insertion.create({ id }));
}

/** The text of the block at `blockPos` gets the author's deletion mark (resign keeps others' deletions there). */
function markTextDeleted(tr: Transaction, blockPos: number, authorId: string): void {
  const deletion = tr.doc.type.schema.marks.deletion;
  const block = tr.doc.nodeAt(blockPos);
  if (!deletion || !block) return;
  tr.addMark(blockPos + 1, blockPos + block.nodeSize - 1, deletion.create({ id: newSuggestionId(authorId) }));
}

/** Whether `pos` (in `tr.doc`) lies inside a block the author suggested inserting. */
function insideOwnInsertedBlock(doc: Node, pos: number, authorId: string): boolean {
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const suggestion = blockSuggestionIn($pos.node(depth), authorId);
    if (suggestion !== 'foreign' && suggestion?.kind === 'insertion') return true;
  }
  return false;
}

/**
 * The author's own text (their insertion mark) that they marked deleted inside a block they suggested
 * inserting is withdrawn: deleted for real. Others' text there stays, suggested deleted, as anywhere.
 */
function withdrawInsideOwnBlocks(tr: Transaction, authorId: string): void {
  const { deletion, insertion } = tr.doc.type.schema.marks;
  const ranges: Array<{ from: number; to: number }> = [];
  const ownMark = (node: Node, type: typeof deletion) => node.marks.some((m) => m.type === type && suggestionAuthor(m.attrs.id) === authorId);
  tr.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    if (ownMark(node, deletion) && ownMark(node, insertion) && insideOwnInsertedBlock(tr.doc, pos, authorId)) ranges.push({ from: pos, to: pos + node.nodeSize });
    return false;
  });
  for (const { from, to } of ranges.reverse()) tr.delete(from, to);
}

/**
 * A new textblock holding only the author's inserted text (the library's anchor of a block added at the
 * end of the document, a paragraph opened with Enter) is an inserted block: the server then leaves it
 * out whole, instead of seeing an empty block appear.
 */
function markNewTextblocks(tracked: Transaction, authorId: string): void {
  const range = touchedRange(tracked);
  if (!range) return;
  const back = tracked.mapping.invert();
  const insertion = tracked.doc.type.schema.marks.insertion;
  const found: Array<{ pos: number; id: string }> = [];
  tracked.doc.nodesBetween(range.from, range.to, (node, pos) => {
    if (!node.isTextblock) return true;
    if (node.attrs[BLOCK_SUGGESTION_ATTR] !== null || node.content.size === 0 || !back.mapResult(pos, 1).deletedAfter) return false;
    let id: string | null = null;
    let all = true;
    node.forEach((child) => {
      const mark = child.marks.find((m) => m.type === insertion && suggestionAuthor(m.attrs.id) === authorId);
      if (!mark) all = false;
      else id ??= String(mark.attrs.id);
    });
    if (all && id !== null && !insideOwnInsertedBlock(tracked.doc, pos + 1, authorId)) found.push({ pos, id });
    return false;
  });
  for (const { pos, id } of found) tracked.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, { kind: 'insertion', id });
}

/** A step that only changes one block's type or attributes (setBlockType, setNodeMarkup, an AttrStep). */
function markupChangeOf(step: Step, doc: Node): { pos: number; type: NodeType; attrs: Record<string, unknown> } | null {
  if (step instanceof AttrStep) {
    const node = doc.nodeAt(step.pos);
    return node && !node.isInline ? { pos: step.pos, type: node.type, attrs: { ...node.attrs, [step.attr]: step.value as unknown } } : null;
  }
  if (!(step instanceof ReplaceAroundStep)) return null;
  const { from, to, gapFrom, gapTo, insert, slice, structure } = step as ReplaceAroundStep & { from: number; to: number; gapFrom: number; gapTo: number; insert: number; structure: boolean };
  const node = slice.content.firstChild;
  if (!structure || insert !== 1 || slice.size !== 2 || gapFrom !== from + 1 || gapTo !== to - 1 || !node) return null;
  return { pos: from, type: node.type, attrs: { ...node.attrs } };
}

const withoutSuggestion = (attrs: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(attrs).filter(([key]) => key !== BLOCK_SUGGESTION_ATTR));

/**
 * A transaction made only of block type or attribute changes (a paragraph made a heading) as block
 * suggestions: the block takes its new type and remembers the old one in its attribute; going back to
 * the old one withdraws the suggestion. Undefined when `tr` is anything else; null when refused.
 */
function suggestBlockMarkup(tr: Transaction, state: EditorState, authorId: string): Transaction | null | undefined {
  if (tr.steps.length === 0) return undefined;
  const tracked = state.tr;
  for (const step of tr.steps) {
    const change = markupChangeOf(step, tracked.doc);
    const old = change ? tracked.doc.nodeAt(change.pos) : null;
    if (!change || !old) return undefined;
    const existing = blockSuggestionIn(old, authorId);
    if (existing === 'foreign' || existing?.kind === 'deletion') return null;
    const attrs = withoutSuggestion(change.attrs);
    let suggestion: BlockSuggestion | null;
    if (existing?.kind === 'insertion') suggestion = existing;
    else {
      const from = existing?.from ?? { type: old.type.name, attrs: withoutSuggestion(old.attrs) };
      const back = from.type === change.type.name && Object.keys({ ...from.attrs, ...attrs }).every((key) => (from.attrs[key] ?? null) === (attrs[key] ?? null));
      suggestion = back ? null : { kind: 'type', id: existing?.id ?? newSuggestionId(authorId), from };
    }
    tracked.setNodeMarkup(change.pos, change.type, { ...attrs, [BLOCK_SUGGESTION_ATTR]: suggestion }, old.marks);
  }
  if (tr.selectionSet) tracked.setSelection(tr.selection.map(tracked.doc, tracked.mapping));
  return tracked;
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
  // Every character that carried someone else's suggestion must still be there, except the author's
  // own inserted text withdrawn: a deletion someone suggested on it goes with it, as when it is rejected.
  const ownInserted = ownInsertedIn(before, oldFrom, oldTo, authorId);
  for (const [pos, marks] of oldForeign) for (const m of marks) if (!keptForeign.has(`${pos}:${String(m.attrs.id)}`) && !ownInserted.has(pos)) return false;
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
  const blocks: Array<{ start: number; end: number; node: Node; inserted: boolean }> = [];
  tracked.doc.nodesBetween(range.from, range.to, (node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ start: pos + 1, end: pos + node.nodeSize - 1, node, inserted: insideOwnInsertedBlock(tracked.doc, pos + 1, authorId) });
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
    // Inside a block suggested whole, boundaries need no anchor: the server leaves the block out.
    if (a.inserted && b.inserted) continue;
    const id = ownId(a.node.lastChild) ?? ownId(b.node.firstChild) ?? newSuggestionId(authorId);
    if (!a.inserted && (!isAnchor(a.node.lastChild) || !a.node.lastChild?.text?.endsWith(ZERO_WIDTH_SPACE))) inserts.set(a.end, id);
    if (!b.inserted && !isAnchor(b.node.firstChild)) inserts.set(b.start, id);
  }
  for (const [pos, id] of [...inserts].sort(([x], [y]) => y - x)) {
    tracked.insert(pos, tracked.doc.type.schema.text(ZERO_WIDTH_SPACE, [insertion.create({ id })]));
  }
}

/**
 * `tr` (made on `state`) as suggestions of `authorId`, or null when it cannot be one: it would erase
 * another reviewer's suggestion, or change a block someone else suggested.
 */
export function suggestAs(tr: Transaction, state: EditorState, authorId: string): Transaction | null {
  const markup = suggestBlockMarkup(tr, state, authorId);
  if (markup !== undefined) return markup;
  allowBlockSuggestionMarks(state.schema);
  let tracked: Transaction;
  try {
    const hidden = hideForeignInsertions(tr, state, authorId);
    const library = (t: Transaction, s: EditorState) => transformToSuggestionTransaction(t, s, () => newSuggestionId(authorId));
    tracked = hidden ? hidden.track(library) : library(tr, state);
  } catch {
    // The library could not track a step (a structure it does not model): not suggestable.
    return null;
  }
  if (!blockMarksToAttributes(tracked, authorId)) return null;
  withdrawInsideOwnBlocks(tracked, authorId);
  anchorNewBoundaries(tracked, authorId);
  markNewTextblocks(tracked, authorId);
  if (!resign(tracked, state.doc, authorId)) return null;
  return tracked;
}
