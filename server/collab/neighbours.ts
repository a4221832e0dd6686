/**
 * YATA's neighbour invariants, which Yjs assumes and never checks. An item records the two items it was
 * typed between: its origin (left) and right origin. Yjs places it by walking from the origin towards
 * the right origin, and the result is the same on every replica, whatever the order of integration,
 * only if those two were neighbours when the item was made. An item that breaks this (a right origin at
 * or left of its origin, in another list, or an item claiming to have seen an empty list that holds its
 * own client's earlier items) is placed by how the receiving replica happens to have split its items and
 * in which order it integrated them: the server, a long-connected client and a fresh joiner then show
 * different text with equal state vectors, and nobody resyncs.
 *
 * An honest item always passes: its neighbours were adjacent in its author's replica, and every item
 * found between them later is one its author did not know. That includes an item inserted into a list
 * its author saw empty while others filled it (an offline merge): its client has nothing earlier there.
 */
import * as Y from 'yjs';
import type { ListOrder } from './list-order.js';

type List = Y.AbstractType<unknown>;

/** What an item is about to be placed between, as Yjs resolved it (or as found in the document). */
export interface Placement {
  id: Y.ID;
  origin: Y.ID | null;
  rightOrigin: Y.ID | null;
  parent: List;
  parentSub: string | null;
  /** The item holding the origin's clock (null without an origin); it need not end there. */
  left: Y.Item | null;
  /** The item holding the right origin's clock (null without a right origin); it need not start there. */
  right: Y.Item | null;
}

/** Why `placement` breaks YATA's invariants, or null when it keeps them. */
export function neighbourProblem(placement: Placement, order: ListOrder, store: Y.Doc['store']): string | null {
  const { left, right, parent, parentSub } = placement;
  if ((left && (left.parent !== parent || left.parentSub !== parentSub)) || (right && (right.parent !== parent || right.parentSub !== parentSub))) {
    return 'its origin and right origin are not in the same list';
  }
  if (parentSub !== null) {
    // A map entry's origin is the key's previous value; Yjs never gives one a right origin.
    if (placement.rightOrigin) return 'a map entry has a right origin';
    if (!left && ownEarlierItem(store, placement.id, parent, parentSub)) return 'it claims an empty map entry that holds its own earlier value';
    return null;
  }
  if (left && right) {
    if (!rightOfOrigin(placement, left, right, order)) return 'its right origin is not to the right of its origin';
  } else if (!left && !right && parent._start && ownEarlierItem(store, placement.id, parent, null)) {
    return 'it has neither origin nor right origin in a list that holds its own earlier items';
  }
  return null;
}

/** True when the right origin's position lies strictly to the right of the origin's. */
function rightOfOrigin(placement: Placement, left: Y.Item, right: Y.Item, order: ListOrder): boolean {
  const { origin, rightOrigin } = placement;
  // Both clocks in one item: the right origin must come later in it. Otherwise the two items hold
  // disjoint runs, so their order is the clocks' order.
  if (left === right) return origin !== null && rightOrigin !== null && rightOrigin.clock > origin.clock;
  return order.isRightOf(left, right);
}

/**
 * True when `list` (a sequence, or the chain of one map key) holds an item of `id.client` older than
 * `id`. Walks the list and the client's structs side by side and stops at the end of the shorter, so it
 * costs no more than the smaller of the two.
 */
function ownEarlierItem(store: Y.Doc['store'], id: Y.ID, list: List, key: string | null): boolean {
  if (id.clock === 0) return false;
  const structs = store.clients.get(id.client) ?? [];
  let listItem: Y.Item | null = key === null ? list._start : (list._map.get(key) ?? null);
  for (let i = 0; ; i++) {
    if (!listItem) return false;
    if (listItem.id.client === id.client && listItem.id.clock < id.clock) return true;
    listItem = key === null ? listItem.right : listItem.left;
    const struct = structs[i];
    if (!struct || struct.id.clock >= id.clock) return false;
    if (struct instanceof Y.Item && struct.parent === list && struct.parentSub === key) return true;
  }
}
