/**
 * Undo and redo for someone who may only suggest. Yjs's undo takes back one's own changes as they were
 * made; once a reviewer has accepted one's suggestion, taking back that insertion is a plain edit of
 * text that is no longer a suggestion, which the server refuses (4403, and the page must reload). So
 * before an undo or redo step runs, what it would remove is checked: text still carrying the user's own
 * insertion, or inside a block still suggested by them. A step that would remove anything else is
 * dropped instead (nothing happens, and the editor says it cannot be suggested).
 */
import type { UndoManager } from 'yjs';
import * as Y from 'yjs';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, suggestionAuthor, suggestionIdOf, suggestionMarkOfKey } from '../../shared/editor/suggestion-ids.js';

type StackItem = UndoManager['undoStack'][number];

/** True when the element or an ancestor is a block the author still suggests (inserted or changed). */
function insideOwnBlock(type: Y.AbstractType<unknown> | null, authorId: string): boolean {
  for (let at = type; at !== null; at = at._item?.parent instanceof Y.AbstractType ? at._item.parent : null) {
    if (at instanceof Y.XmlElement) {
      const block = blockSuggestionOf(at.getAttribute(BLOCK_SUGGESTION_ATTR));
      if (block && block.kind !== 'deletion' && suggestionAuthor(block.id) === authorId) return true;
    }
    if (at._item === null) return false;
  }
  return false;
}

/** True when text `item` carries (or, deleted, would carry again) the author's own insertion mark. */
function ownInsertion(item: Y.Item, authorId: string): boolean {
  const text = item.parent;
  if (!(text instanceof Y.XmlText)) return false;
  let inserted = false;
  for (let at = text._start; at !== null && at !== item; at = at.right) {
    if (at.deleted || !(at.content instanceof Y.ContentFormat) || suggestionMarkOfKey(at.content.key) !== 'insertion') continue;
    inserted = at.content.value !== null && suggestionAuthor(suggestionIdOf(at.content.value)) === authorId;
  }
  return inserted;
}

/** The items of `doc` a delete set names. */
function* itemsOf(doc: Y.Doc, set: StackItem['insertions']): Generator<Y.Item> {
  for (const [client, ranges] of set.clients) {
    const structs = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && (structs[i]?.id.clock ?? Infinity) < clock + len; i++) {
        const item = structs[i];
        if (item instanceof Y.Item) yield item;
      }
    }
  }
}

const parentOf = (item: Y.Item): Y.AbstractType<unknown> | null => (item.parent instanceof Y.AbstractType ? item.parent : null);
const isVisible = (type: Y.AbstractType<unknown> | null): boolean => type !== null && (type._item === null || (!type._item.deleted && isVisible(parentOf(type._item))));

/** True when undoing (or redoing) `step` changes only the author's own suggestions. */
export function changesOnlyOwnSuggestions(doc: Y.Doc, step: StackItem, authorId: string): boolean {
  // What the step takes away: only the author's suggested text and blocks may go.
  let ownBlockStays = false;
  for (const item of itemsOf(doc, step.insertions)) {
    if (item.deleted || !isVisible(parentOf(item))) continue;
    const content = item.content;
    // Formatting and attributes: taking them back leaves the text as it reads without them.
    if (content instanceof Y.ContentFormat || item.parentSub !== null) continue;
    if (content instanceof Y.ContentType && insideOwnBlock(content.type, authorId)) {
      ownBlockStays = true;
      continue;
    }
    if (insideOwnBlock(parentOf(item), authorId)) continue;
    if ((content instanceof Y.ContentString || content instanceof Y.ContentEmbed) && ownInsertion(item, authorId)) continue;
    return false;
  }
  // What the step brings back: the author's withdrawn text, or a block they changed (paragraph made a
  // heading) while the changed one is still their suggestion.
  for (const item of itemsOf(doc, step.deletions)) {
    if (!item.deleted || !isVisible(parentOf(item))) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat || content instanceof Y.ContentDeleted || item.parentSub !== null) continue;
    if (content instanceof Y.ContentType ? ownBlockStays : ownInsertion(item, authorId)) continue;
    return false;
  }
  return true;
}

/** Makes `undoManager`'s undo and redo skip a step that would be more than the author's own suggestions. */
export function guardUndo(undoManager: UndoManager, applies: () => string | null, onDropped: () => void): () => void {
  const doc = undoManager.doc;
  const wrap = (stack: () => StackItem[], original: () => StackItem | null) => (): StackItem | null => {
    const authorId = applies();
    const top = stack().at(-1);
    if (authorId && top && !changesOnlyOwnSuggestions(doc, top, authorId)) {
      stack().pop();
      onDropped();
      return null;
    }
    return original();
  };
  const undo = undoManager.undo.bind(undoManager);
  const redo = undoManager.redo.bind(undoManager);
  undoManager.undo = wrap(() => undoManager.undoStack, undo);
  undoManager.redo = wrap(() => undoManager.redoStack, redo);
  return () => {
    undoManager.undo = undo;
    undoManager.redo = redo;
  };
}
