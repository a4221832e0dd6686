/**
 * Editors and owners write the body freely, but no one may forge somebody else's suggestion: every
 * suggestion mark an update adds must carry the writer's id as its author part, unless that id is
 * already in the document (text with another author's suggestion moved by a paragraph split, or
 * copied within the document). Only formatting items are looked at, so the cost is a decode of the
 * update; the document is searched only when a foreign id shows up.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/index.js';
import { suggestionAuthor, suggestionIdOf, suggestionMarkOfKey } from '../../../shared/editor/suggestion-ids.js';
import type { UpdateGuard } from '../../collab/access.js';
import { CloseError } from '../../collab/errors.js';
import { messageOf } from '../../../shared/narrow.js';

/** Suggestion ids an update's formatting items set, with their author part. */
export function suggestionIdsIn(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): unknown[] {
  const ids: unknown[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) continue;
    const { key, value } = struct.content;
    // null ends a mark (an accepted or rejected suggestion): nothing is claimed.
    if (value === null || suggestionMarkOfKey(key) === null) continue;
    ids.push(suggestionIdOf(value));
  }
  return ids;
}

/** True when some formatting item of `doc` (deleted ones the store still holds included) uses `id`. */
function documentHasSuggestionId(doc: Y.Doc, id: unknown): boolean {
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) continue;
      if (suggestionMarkOfKey(struct.content.key) !== null && suggestionIdOf(struct.content.value) === id) return true;
    }
  }
  return false;
}

/** The guard of an editor's or owner's connection to a document body. */
export function suggestionAuthorGuard(writerId: string): UpdateGuard {
  return function guardSuggestionAuthors(doc, update) {
    let structs: Array<Y.Item | Y.GC | Y.Skip>;
    try {
      ({ structs } = Y.decodeUpdate(update));
    } catch (error) {
      throw new CloseError(CloseCode.Forbidden, `update rejected: ${messageOf(error)}`);
    }
    const checked = new Set<unknown>();
    for (const id of suggestionIdsIn(structs)) {
      if (checked.has(id) || suggestionAuthor(id) === writerId) continue;
      checked.add(id);
      if (!documentHasSuggestionId(doc, id)) throw new CloseError(CloseCode.Forbidden, 'a new suggestion must carry your own id');
    }
  };
}
