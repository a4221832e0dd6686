/**
 * One suggestion id is one card: accepting it accepts every change carrying that id. The editor gives a
 * change its neighbour's id when they touch (a replacement is a deletion and an insertion side by
 * side, an inserted block's text has the block's id), so an id may hold several kinds of change in one
 * place. What must not happen is one id holding changes of different kinds in separate places (a
 * suggested word in one paragraph and a block deletion forty pages on): the card would show one and
 * accept both. The suggestion guard (guard.ts) refuses an update that makes an id so; this file knows
 * the kinds of each id a shadow copy has held, and finds the places of one id in the body.
 */
import * as Y from 'yjs';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, suggestionIdOf, suggestionMarkOfKey } from '../../../shared/editor/suggestion-ids.js';
import type { Visible } from './view.js';

/** A text insertion and a block insertion are one kind, as are the two deletions. */
export type ChangeKind = 'insertion' | 'deletion' | 'modification' | 'type';

/** The id and kind of change a struct sets (a suggestion mark's start, a block suggestion), or null. */
export function changeOf(struct: Y.Item | Y.GC | Y.Skip): { id: string; kind: ChangeKind } | null {
  if (!(struct instanceof Y.Item)) return null;
  if (struct.parentSub === BLOCK_SUGGESTION_ATTR) {
    const values = struct.content.getContent();
    const block = blockSuggestionOf(values[values.length - 1]);
    return block ? { id: block.id, kind: block.kind } : null;
  }
  const content = struct.content;
  if (!(content instanceof Y.ContentFormat) || content.value === null) return null;
  const mark = suggestionMarkOfKey(content.key);
  const id = suggestionIdOf(content.value);
  return mark !== null && typeof id === 'string' ? { id, kind: mark } : null;
}

/**
 * The kinds each id has had in one document, from every transaction it integrated (a shadow copy's
 * build and the live updates it follows). Kept after a change is gone: an id comes back only by undo,
 * in its old place.
 */
export class SuggestionKinds {
  private readonly kinds = new Map<string, Set<ChangeKind>>();

  /** Follows `doc` (after each transaction's own listeners, so a judge sees the kinds from before it). */
  constructor(doc: Y.Doc) {
    doc.on('afterTransactionCleanup', (tr: Y.Transaction) => {
      for (const [client, after] of tr.afterState) {
        const before = tr.beforeState.get(client) ?? 0;
        if (after === before) continue;
        const structs = doc.store.clients.get(client) ?? [];
        for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
          const change = changeOf(structs[i] as Y.Item | Y.GC);
          if (change) this.add(change.id, change.kind);
        }
      }
    });
  }

  of(id: string): ReadonlySet<ChangeKind> {
    return this.kinds.get(id) ?? new Set();
  }

  private add(id: string, kind: ChangeKind): void {
    let set = this.kinds.get(id);
    if (!set) this.kinds.set(id, (set = new Set()));
    set.add(kind);
  }
}

/**
 * True when `id` holds changes of more than one kind spread over more than one place of the body. A
 * place is a run of content carrying the id, in document order: element boundaries do not break it
 * (a deletion across a paragraph break is one), content without the id does; a block with the id's
 * block suggestion carries it over all its content.
 */
export function spreadOverKinds(fragment: Y.XmlFragment, id: string, visible: Visible): boolean {
  const places: Array<Set<ChangeKind>> = [];
  let current: Set<ChangeKind> | null = null;
  const carry = (kinds: Iterable<ChangeKind>): void => {
    if (!current) places.push((current = new Set()));
    for (const kind of kinds) current.add(kind);
  };
  const gap = (): void => {
    current = null;
  };
  const walkText = (text: Y.XmlText, inBlock: ChangeKind | null): void => {
    const formats = new Map<string, ChangeKind>();
    for (let item = text._start; item !== null; item = item.right) {
      if (!visible(item)) continue;
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        const mark = suggestionMarkOfKey(content.key);
        if (mark === null) continue;
        if (content.value !== null && suggestionIdOf(content.value) === id) formats.set(content.key, mark);
        else formats.delete(content.key);
      } else if (content instanceof Y.ContentString || content instanceof Y.ContentEmbed) {
        if (formats.size > 0) carry(formats.values());
        else if (inBlock) carry([inBlock]);
        else gap();
      }
    }
  };
  const walk = (parent: Y.XmlElement | Y.XmlFragment, inBlock: ChangeKind | null): void => {
    for (let item = parent._start; item !== null; item = item.right) {
      if (!visible(item) || !(item.content instanceof Y.ContentType)) continue;
      const type = item.content.type;
      if (type instanceof Y.XmlText) walkText(type, inBlock);
      else if (type instanceof Y.XmlElement) {
        let attr: Y.Item | null = type._map.get(BLOCK_SUGGESTION_ATTR) ?? null;
        while (attr !== null && !visible(attr)) attr = attr.left;
        const values = attr?.content.getContent() ?? [];
        const block = blockSuggestionOf(values[values.length - 1]);
        const own = block?.id === id ? block.kind : null;
        if (own) carry([own]);
        walk(type, own ?? inBlock);
      }
    }
  };
  walk(fragment, null);
  if (places.length < 2) return false;
  const all = new Set<ChangeKind>();
  for (const place of places) for (const kind of place) all.add(kind);
  return all.size > 1;
}
