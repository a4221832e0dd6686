/**
 * "Is this item to the right of that one?" for two items of the same Yjs list, in time that does not
 * grow with the document on the hot path. Yjs links a list's items left to right and keeps no positions,
 * so the answer is a walk: most checks end at once (an honest item's right origin is usually its
 * origin's right neighbour). A walk that runs long (an offline merge put many concurrent items between
 * the two) switches the list to positions, numbered once by one pass over it and kept: items never move,
 * so old numbers stay valid, and an item inserted since is placed by walking to the next numbered item
 * on its right. A list is renumbered only when such a walk crosses more than WALK_LIMIT new items, so
 * renumbering costs at most one pass per WALK_LIMIT insertions.
 */
import * as Y from 'yjs';

/** Longest walk before falling back to positions (or to renumbering the list). */
const WALK_LIMIT = 64;

type List = Y.AbstractType<unknown>;

/** Where an item is: the number of the first numbered item at or after it, and how many steps it took. */
interface Place {
  position: number;
  stepsBefore: number;
}

export class ListOrder {
  /** Weak both ways: a list's numbers go with the list, an item merged away or collected with the item. */
  private readonly positions = new WeakMap<List, WeakMap<Y.Item, number>>();

  /** True when `right` lies strictly to the right of `left`; both belong to the same list (parent and key). */
  isRightOf(left: Y.Item, right: Y.Item): boolean {
    if (left === right) return false;
    if (left.right === right) return true;
    const list = left.parent as List;
    if (!this.positions.has(list)) {
      let item = left.right;
      for (let steps = 0; item && steps < WALK_LIMIT; steps++, item = item.right) if (item === right) return true;
      if (!item) return false;
    }
    let a = this.place(list, left);
    const numbering = this.positions.get(list);
    const b = this.place(list, right);
    // Placing `right` may have renumbered the list; then `left` must be placed again in the new numbers.
    if (this.positions.get(list) !== numbering) a = this.place(list, left);
    return b.position > a.position || (b.position === a.position && b.stepsBefore < a.stepsBefore);
  }

  private place(list: List, item: Y.Item): Place {
    const numbered = this.positions.get(list);
    const found = numbered && walkToNumbered(numbered, item, WALK_LIMIT);
    // Renumbering makes every item numbered, so the second walk ends at once (or at the list's end).
    return found ?? walkToNumbered(this.renumber(list), item, Number.POSITIVE_INFINITY)!;
  }

  private renumber(list: List): WeakMap<Y.Item, number> {
    const numbered = new WeakMap<Y.Item, number>();
    let position = 0;
    for (let item = list._start; item; item = item.right) numbered.set(item, position++);
    this.positions.set(list, numbered);
    return numbered;
  }
}

/** Walks right from `item` to the first numbered item, at most `limit` steps (null when it gave up). */
function walkToNumbered(numbered: WeakMap<Y.Item, number>, item: Y.Item, limit: number): Place | null {
  let steps = 0;
  for (let at: Y.Item | null = item; at; at = at.right, steps++) {
    const position = numbered.get(at);
    if (position !== undefined) return { position, stepsBefore: steps };
    if (steps >= limit) return null;
  }
  // Ran off the end: only items newer than the numbering lie to the right of `item`.
  return { position: Number.POSITIVE_INFINITY, stepsBefore: steps };
}
