/**
 * Enforces YATA's neighbour invariants (neighbours.ts) at the one place every struct passes through on
 * its way into a room's document: Yjs's `Item.integrate`, wrapped for documents attached here. The
 * check before applying (update-check.ts) refuses most bad updates whole, but it sees only neighbours
 * that are already in the document. Neighbours inside the same update, held-back structs released by a
 * later update, log rows replayed on load and updates from other nodes are only placed by Yjs itself,
 * so they are checked here, with the neighbours Yjs has just resolved.
 *
 * A struct that fails is integrated the way Yjs integrates a struct whose parent is gone: as a GC
 * placeholder with the same ID range. The document then holds none of its content, and the update the
 * transaction emits (what is committed and relayed) carries the placeholder, so every reader sees the
 * same document; structs that build on the refused one are collected with it. The room reads the
 * refusals afterwards and closes the sender (4400) when the struct was its own.
 */
import * as Y from 'yjs';
import { ListOrder } from './list-order.js';
import { neighbourProblem } from './neighbours.js';

/** A struct integrated as a placeholder because its neighbours break YATA's invariants. */
export interface Refusal {
  id: Y.ID;
  problem: string;
}

/** Marks the wrapped `integrate`, so the wrapper is installed once however often this module loads. */
const WRAPPED = Symbol.for('confer.neighbourGuard');

type Integrate = Y.Item['integrate'] & { [WRAPPED]?: WeakMap<Y.Doc, NeighbourGuard> };

export class NeighbourGuard {
  readonly order = new ListOrder();
  private refused: Refusal[] = [];

  private constructor(private readonly store: Y.Doc['store']) {}

  /** Guards every struct integrated into `doc` from now on. */
  static attach(doc: Y.Doc): NeighbourGuard {
    const guard = new NeighbourGuard(doc.store);
    guardedDocs().set(doc, guard);
    return guard;
  }

  /** Refusals not yet taken. */
  get refusedCount(): number {
    return this.refused.length;
  }

  /** The refusals since the last call. */
  takeRefused(): Refusal[] {
    const refused = this.refused;
    this.refused = [];
    return refused;
  }

  /** Called by the wrapper with the neighbours Yjs has resolved (`getMissing` ran), before Yjs places `item`. */
  beforeIntegrate(item: Y.Item, offset: number): void {
    const parent = item.parent;
    // No parent: Yjs collects this struct itself (its parent or a neighbour was collected).
    if (!(parent instanceof Y.AbstractType)) return;
    // Partly known already: Yjs places the rest after its own earlier part, which becomes its origin.
    const origin = offset > 0 ? Y.createID(item.id.client, item.id.clock + offset - 1) : item.origin;
    // Yjs's `left` ends at the origin unless resolving the right origin split it again; look up otherwise.
    const left = origin ? (holds(item.left, origin) ? item.left : Y.getItem(this.store, origin)) : null;
    const problem =
      left && !(left instanceof Y.Item)
        ? 'its origin was collected while its parent was not'
        : neighbourProblem(
            {
              id: offset > 0 ? Y.createID(item.id.client, item.id.clock + offset) : item.id,
              origin,
              rightOrigin: item.rightOrigin,
              parent: parent as Y.AbstractType<unknown>,
              parentSub: item.parentSub,
              left: left as Y.Item | null,
              right: item.right,
            },
            this.order,
            this.store,
          );
    if (!problem) return;
    this.refused.push({ id: item.id, problem });
    item.parent = null;
  }
}

function holds(item: Y.Item | null, id: Y.ID): item is Y.Item {
  return item !== null && item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length;
}

/** The documents being guarded; installs the wrapper around `Item.integrate` the first time. */
function guardedDocs(): WeakMap<Y.Doc, NeighbourGuard> {
  const prototype = Y.Item.prototype;
  const current = prototype.integrate as Integrate;
  const existing = current[WRAPPED];
  if (existing) return existing;
  const guards = new WeakMap<Y.Doc, NeighbourGuard>();
  const wrapped: Integrate = function (this: Y.Item, transaction: Y.Transaction, offset: number): void {
    guards.get(transaction.doc)?.beforeIntegrate(this, offset);
    current.call(this, transaction, offset);
  };
  wrapped[WRAPPED] = guards;
  prototype.integrate = wrapped;
  return guards;
}
