/**
 * What a commenter may change in a document body: only their own suggestions. Their update is
 * accepted when, with every one of their suggestions reverted (view.ts), the body after it reads
 * exactly as before, other authors' suggestions included. Anything else closes the socket with 4403
 * and changes nothing: the update is tried on a shadow copy (shadow.ts) before the room applies it.
 *
 * The cost stays off the size of the document: only the top-level blocks the update touches, plus
 * the nearest untouched block with text on each side, are compared. Outside that range both views
 * are the same tokens, and the decisions at its edges (boundaries next to the writer's insertions)
 * depend on untouched text only, so comparing the range is comparing the whole body.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/index.js';
import { DOCUMENT_FRAGMENT } from '../../../shared/editor/fragment.js';
import { suggestionAuthor } from '../../../shared/editor/suggestion-ids.js';
import type { UpdateGuard } from '../../collab/access.js';
import { CloseError } from '../../collab/errors.js';
import { messageOf } from '../../../shared/narrow.js';
import { changeOf, spreadOverKinds, type ChangeKind, type SuggestionKinds } from './id-kinds.js';
import type { ShadowDocs } from './shadow.js';
import { holdsText, isOwnInsertedBlock, viewOf, type Visible } from './view.js';

type Struct = Y.Item | Y.GC;

function refuse(reason: string): never {
  throw new CloseError(CloseCode.Forbidden, reason);
}

/** Judges one transaction of the shadow copy; throws CloseError when it is more than suggestions. */
class SuggestionCheck {
  private readonly fragment: Y.XmlFragment;
  private readonly touched = new Set<Y.Item>();

  constructor(
    private readonly tr: Y.Transaction,
    private readonly writerId: string,
    private readonly kinds: SuggestionKinds,
  ) {
    this.fragment = tr.doc.getXmlFragment(DOCUMENT_FRAGMENT);
  }

  private isNew(item: Struct): boolean {
    return item.id.clock >= (this.tr.beforeState.get(item.id.client) ?? 0);
  }

  private readonly visibleBefore: Visible = (item) => !this.isNew(item) && (!item.deleted || Y.isDeleted(this.tr.deleteSet, item.id));
  private readonly visibleAfter: Visible = (item) => !item.deleted;

  run(): void {
    for (const [client, after] of this.tr.afterState) {
      const before = this.tr.beforeState.get(client) ?? 0;
      if (after === before) continue;
      const structs = this.tr.doc.store.clients.get(client) ?? [];
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i];
        // A GC struct holds nothing and sits nowhere a reader could see.
        if (struct instanceof Y.Item) this.touch(struct);
      }
    }
    Y.iterateDeletedStructs(this.tr, this.tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item && !this.isNew(struct)) this.touch(struct);
    });
    if (this.touched.size === 0) return;
    const { before, after } = this.views();
    if (before.length !== after.length || before.some((key, i) => key !== after[i])) {
      refuse('commenters may only add or withdraw their own suggestions');
    }
    this.checkIdsStayOnePlace();
  }

  /**
   * No id of the writer's may come to hold changes of different kinds in separate places (id-kinds.ts).
   * Only an id whose kinds, with this transaction's, are more than one is looked for in the whole body
   * (a replacement, a deletion next to one's own insertion): typing into a suggestion adds no mark.
   */
  private checkIdsStayOnePlace(): void {
    const added = new Map<string, Set<ChangeKind>>();
    for (const [client, after] of this.tr.afterState) {
      const before = this.tr.beforeState.get(client) ?? 0;
      if (after === before) continue;
      const structs = this.tr.doc.store.clients.get(client) ?? [];
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const change = changeOf(structs[i] as Struct);
        if (!change || suggestionAuthor(change.id) !== this.writerId) continue;
        let set = added.get(change.id);
        if (!set) added.set(change.id, (set = new Set(this.kinds.of(change.id))));
        set.add(change.kind);
      }
    }
    for (const [id, kinds] of added) {
      if (kinds.size < 2) continue;
      if (spreadOverKinds(this.fragment, id, this.visibleAfter) && !spreadOverKinds(this.fragment, id, this.visibleBefore)) {
        refuse('one suggestion may not hold changes of different kinds in separate places');
      }
    }
  }

  /** Records the top-level block `item` belongs to; refuses anything outside the body. */
  private touch(item: Y.Item): void {
    let top: Y.Item = item;
    for (;;) {
      const parent = top.parent;
      if (parent === this.fragment) break;
      if (!(parent instanceof Y.AbstractType) || parent._item === null) refuse('change outside the document body');
      top = parent._item;
    }
    this.touched.add(top);
  }

  /** Before and after views of the touched range, widened to an untouched block with text each side. */
  private views(): { before: string[]; after: string[] } {
    const items: Y.Item[] = [];
    for (let item = this.fragment._start; item !== null; item = item.right) items.push(item);
    let first = items.findIndex((item) => this.touched.has(item));
    let last = items.length - 1 - [...items].reverse().findIndex((item) => this.touched.has(item));
    while (first > 0 && !this.isAnchor(items[first - 1] as Y.Item)) first -= 1;
    if (first > 0) first -= 1;
    while (last < items.length - 1 && !this.isAnchor(items[last + 1] as Y.Item)) last += 1;
    if (last < items.length - 1) last += 1;
    const range = items.slice(first, last + 1);
    return { before: viewOf(range, this.writerId, this.visibleBefore), after: viewOf(range, this.writerId, this.visibleAfter) };
  }

  /** An untouched block, visible before and after, with text: the same in both views. */
  private isAnchor(item: Y.Item): boolean {
    // A block the writer suggested inserting is in neither view, so it anchors nothing.
    return !this.touched.has(item) && !item.deleted && !this.isNew(item) && holdsText(item, this.visibleAfter) && !isOwnInsertedBlock(item, this.writerId, this.visibleAfter);
  }
}

/**
 * The guard of a commenter's connection to a document body. `shadows` is the server's one set of
 * shadow copies, shared by all connections.
 */
export function suggestionWriteGuard(writerId: string, shadows: ShadowDocs): UpdateGuard {
  return function guardSuggestionUpdate(live, update) {
    // The stock client's answer to our step1 when it has nothing new: no structs, no deletions.
    if (update.byteLength <= 2) return;
    const { doc: shadow, kinds } = shadows.get(live);
    let refusal: unknown = null;
    // Judged in afterTransaction: before the cleanup merges structs or drops deleted content.
    const judge = (tr: Y.Transaction): void => {
      try {
        new SuggestionCheck(tr, writerId, kinds).run();
      } catch (error) {
        refusal ??= error;
      }
    };
    shadow.on('afterTransaction', judge);
    try {
      try {
        Y.applyUpdate(shadow, update);
      } catch (error) {
        refusal ??= new CloseError(CloseCode.Forbidden, `update rejected: ${messageOf(error)}`);
      }
      if (!refusal && (shadow.store.pendingStructs || shadow.store.pendingDs)) {
        refusal = new CloseError(CloseCode.Forbidden, 'update depends on changes the server does not have');
      }
    } finally {
      shadow.off('afterTransaction', judge);
    }
    if (refusal) {
      // The copy holds what the live document never will.
      shadows.discard(live);
      if (refusal instanceof CloseError) throw refusal;
      refuse(`update could not be checked: ${messageOf(refusal)}`);
    }
  };
}
