/**
 * Accepting and rejecting suggestions, block suggestions included: the library's commands handle the
 * marks in the text, this the blocks' attribute (block-suggestion.ts), in one transaction, so one
 * undo takes the whole review back. Ordinary edits, marked so suggestion mode lets them through.
 */
import { applySuggestion, applySuggestions, revertSuggestion, revertSuggestions, suggestChangesKey } from '@handlewithcare/prosemirror-suggest-changes';
import type { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { holdsOthersText } from './block-suggestion.js';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, suggestionAuthor, type BlockSuggestion } from './suggestion-ids.js';

const ZERO_WIDTH_SPACE = '\u200B';

/** Blocks holding a block suggestion (of `id`, or any), in document order. */
export function blockSuggestionsIn(doc: Node, id?: string): Array<{ pos: number; node: Node; suggestion: BlockSuggestion }> {
  const found: Array<{ pos: number; node: Node; suggestion: BlockSuggestion }> = [];
  doc.descendants((node, pos) => {
    if (node.isInline) return false;
    const suggestion = blockSuggestionOf(node.attrs[BLOCK_SUGGESTION_ATTR]);
    if (suggestion && (id === undefined || suggestion.id === id)) found.push({ pos, node, suggestion });
    return true;
  });
  return found;
}

/** Adds to `tr` the review of the block suggestions (of `id`, or all) and, on accept, drops their anchors. */
function reviewBlocks(tr: Transaction, accept: boolean, id?: string): void {
  const schema = tr.doc.type.schema;
  if (accept) {
    // The zero-width spaces that anchored an accepted insertion's block boundaries are no text of anyone's.
    const anchors: number[] = [];
    tr.doc.descendants((node, pos) => {
      if (!node.isText) return true;
      const mark = node.marks.find((m) => m.type.name === 'insertion' && (id === undefined || m.attrs.id === id));
      if (mark) for (let i = 0; i < (node.text ?? '').length; i++) if (node.text?.[i] === ZERO_WIDTH_SPACE) anchors.push(pos + i);
      return false;
    });
    for (const pos of anchors.reverse()) tr.delete(pos, pos + 1);
  }
  // Last first: an earlier block's position holds, and a block's size is read after its inner ones.
  for (const { pos, suggestion } of blockSuggestionsIn(tr.doc, id).reverse()) {
    const node = tr.doc.nodeAt(pos);
    if (!node) continue;
    const remove = (suggestion.kind === 'insertion') !== accept && suggestion.kind !== 'type';
    const author = suggestionAuthor(suggestion.id);
    if (remove && suggestion.kind === 'insertion' && holdsOthersText(node, author)) {
      // Rejecting an inserted block others wrote in takes out the author's text only: the block stays,
      // an ordinary one, with the others' text.
      removeTextOf(tr, pos, author);
      tr.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, null);
    } else if (remove) {
      tr.delete(pos, pos + node.nodeSize);
    } else if (suggestion.kind === 'type' && !accept && suggestion.from) {
      const type = schema.nodes[suggestion.from.type];
      if (type) tr.setNodeMarkup(pos, type, { ...suggestion.from.attrs, [BLOCK_SUGGESTION_ATTR]: null });
    } else {
      tr.setNodeAttribute(pos, BLOCK_SUGGESTION_ATTR, null);
    }
  }
}

/** Deletes the text inside the block at `pos` that carries an insertion mark of `authorId`. */
function removeTextOf(tr: Transaction, pos: number, authorId: string | null): void {
  const node = tr.doc.nodeAt(pos);
  if (!node) return;
  const ranges: Array<{ from: number; to: number }> = [];
  node.descendants((child, offset) => {
    if (!child.isText) return true;
    if (child.marks.some((m) => m.type.name === 'insertion' && suggestionAuthor(m.attrs.id) === authorId)) ranges.push({ from: pos + 1 + offset, to: pos + 1 + offset + child.nodeSize });
    return false;
  });
  for (const { from, to } of ranges.reverse()) tr.delete(from, to);
}

/** The steps of a library command run on `tr`'s document, added to `tr`. */
function withLibrary(tr: Transaction, command: (state: EditorState, dispatch: (t: Transaction) => void) => boolean): void {
  const state = EditorState.create({ doc: tr.doc });
  command(state, (libraryTr) => {
    for (const step of libraryTr.steps) tr.step(step);
  });
}

/** Accepts (or rejects) suggestion `id`, text and blocks; null when there is nothing to do. */
export function reviewSuggestion(state: EditorState, id: string, accept: boolean): Transaction | null {
  const tr = state.tr;
  reviewBlocks(tr, accept, id);
  withLibrary(tr, (accept ? applySuggestion : revertSuggestion)(id));
  return tr.steps.length > 0 ? tr.setMeta(suggestChangesKey, { skip: true }) : null;
}

/** Accepts (or rejects) every suggestion of the document. */
export function reviewAllSuggestions(state: EditorState, accept: boolean): Transaction | null {
  const tr = state.tr;
  reviewBlocks(tr, accept);
  withLibrary(tr, accept ? applySuggestions : revertSuggestions);
  return tr.steps.length > 0 ? tr.setMeta(suggestChangesKey, { skip: true }) : null;
}
