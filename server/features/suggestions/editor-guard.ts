/**
 * Editors and owners write the body freely, but no one may forge somebody else's suggestion: every
 * suggestion mark an update adds must carry the writer's id as its author part, unless that id is
 * already in the document (text with another author's suggestion moved by a paragraph split, or
 * copied within the document, or brought back by undoing an accept or a reject). Only formatting
 * items are looked at: the cost is a decode of each update, plus one scan of the document per room.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/index.js';
import { BLOCK_SUGGESTION_ATTR, suggestionAuthor, suggestionIdOf, suggestionMarkOfKey } from '../../../shared/editor/suggestion-ids.js';
import type { UpdateGuard } from '../../collab/access.js';
import { CloseError } from '../../collab/errors.js';
import { messageOf } from '../../../shared/narrow.js';

/** Suggestion ids an update's formatting items set, with their author part. */
export function suggestionIdsIn(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): unknown[] {
  const ids: unknown[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // A block suggestion is an element attribute (an item under that key) holding { kind, id }. Any
    // content counts, not only ContentAny: readers take an attribute's value from whatever content holds
    // it (ContentJSON, Yjs's legacy encoding of plain values, reads back as the same object).
    if (struct.parentSub === BLOCK_SUGGESTION_ATTR) {
      for (const value of struct.content.getContent()) if (value !== null) ids.push(suggestionIdOf(value));
      continue;
    }
    if (!(struct.content instanceof Y.ContentFormat)) continue;
    const { key, value } = struct.content;
    // null ends a mark (an accepted or rejected suggestion): nothing is claimed.
    if (value === null || suggestionMarkOfKey(key) === null) continue;
    ids.push(suggestionIdOf(value));
  }
  return ids;
}

/**
 * Suggestion ids each live document has held since it loaded. Accepting or rejecting removes a
 * suggestion's formatting, which the server's garbage collection then drops; undoing that brings the
 * author's id back in new formatting items, and must not count as a forgery.
 */
export class SeenSuggestionIds {
  private readonly seen = new WeakMap<Y.Doc, Set<unknown>>();

  /** The ids `doc` holds or has held since this was first asked about it (then follows its updates). */
  of(doc: Y.Doc): ReadonlySet<unknown> {
    const existing = this.seen.get(doc);
    if (existing) return existing;
    const ids = new Set<unknown>();
    for (const structs of doc.store.clients.values()) {
      for (const struct of structs) {
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentFormat && suggestionMarkOfKey(struct.content.key) !== null) {
          ids.add(suggestionIdOf(struct.content.value));
        } else if (struct instanceof Y.Item && struct.parentSub === BLOCK_SUGGESTION_ATTR && !struct.deleted) {
          for (const value of struct.content.getContent()) ids.add(suggestionIdOf(value));
        }
      }
    }
    const record = (update: Uint8Array): void => {
      for (const id of suggestionIdsIn(Y.decodeUpdate(update).structs)) ids.add(id);
    };
    doc.on('update', record);
    doc.once('destroy', () => doc.off('update', record));
    this.seen.set(doc, ids);
    return ids;
  }
}

/** The guard of an editor's or owner's connection to a document body. */
export function suggestionAuthorGuard(writerId: string, seen: SeenSuggestionIds = new SeenSuggestionIds()): UpdateGuard {
  return function guardSuggestionAuthors(doc, update, decoded) {
    // The room decoded (and checked) the update already: its structs are read here, not decoded again.
    let structs = decoded;
    if (!structs) {
      try {
        ({ structs } = Y.decodeUpdate(update));
      } catch (error) {
        throw new CloseError(CloseCode.Forbidden, `update rejected: ${messageOf(error)}`);
      }
    }
    // Asked on every update, so the room's ids are followed from the editor's first one on.
    const known = seen.of(doc);
    for (const id of suggestionIdsIn(structs)) {
      if (suggestionAuthor(id) !== writerId && !known.has(id)) throw new CloseError(CloseCode.Forbidden, 'a new suggestion must carry your own id');
    }
  };
}
