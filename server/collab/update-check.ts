/**
 * Checks on a decoded update that Yjs itself does not make, each one a way to make Yjs throw halfway
 * through integrating (the room must then reload from storage). Yjs trusts a struct's references to its
 * own client ID (it only checks other clients' references against the state vector), so a struct whose
 * origin, right origin or parent points at its own client's clock at or after itself sends Yjs looking
 * for a struct that cannot exist. No
 * honest client writes that: whatever a struct refers to existed when it was made, so an own-client
 * reference is always to an earlier clock. In the 100k fuzz run such updates caused 38 of 47 mid-apply
 * exceptions, and parents that are not shared types most of the rest.
 */
import * as Y from 'yjs';
import type { ListOrder } from './list-order.js';
import { neighbourProblem } from './neighbours.js';

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Throws when a struct names as its parent something that is not a shared type: Yjs then takes the
 * parent's `content.type`, gets undefined, and throws later inside `integrate`. The parent is looked
 * up in `doc` when it holds that clock, else among the update's own structs (a pasted tree names its
 * new types this way, so that lookup is indexed: a scan per struct would be quadratic).
 */
export function checkParents(doc: Y.Doc, structs: readonly Struct[]): void {
  let own: Map<number, Struct[]> | null = null;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.ID)) continue;
    const parentId = struct.parent;
    let parent: Struct | null;
    if (parentId.clock < Y.getState(doc.store, parentId.client)) parent = findIn(doc.store.clients.get(parentId.client), parentId.clock);
    else parent = findIn((own ??= byClient(structs)).get(parentId.client), parentId.clock);
    // Unknown parents wait in the pending store like any missing dependency; a collected one is fine.
    if (!parent || parent instanceof Y.GC || parent instanceof Y.Skip) continue;
    // A deleted type's item keeps ContentDeleted once collected: an honest client that has not seen the
    // deletion still inserts into it, and Yjs discards that insert as it should.
    if (!(parent.content instanceof Y.ContentType) && !(parent.content instanceof Y.ContentDeleted)) {
      throw new Error(`struct ${struct.id.client}:${struct.id.clock} names a parent that is not a shared type`);
    }
  }
}

/** An update's structs by client, in clock order (as Yjs encodes them). */
function byClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const map = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = map.get(struct.id.client);
    if (list) list.push(struct);
    else map.set(struct.id.client, [struct]);
  }
  return map;
}

/** The struct covering `clock` in a clock-ordered list, by binary search; null if none does. */
function findIn(list: readonly Struct[] | undefined, clock: number): Struct | null {
  let low = 0;
  let high = (list?.length ?? 0) - 1;
  while (list && low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return null;
}

/** Throws when a struct of `update` refers to its own client at a clock not before its own. */
export function checkOwnClientReferences(structs: readonly Struct[]): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref && ref.client === client && ref.clock >= clock) {
        throw new Error(`struct ${client}:${clock} refers to its own client's clock ${ref.clock}, which cannot precede it`);
      }
    }
  }
}

/**
 * Throws when a struct's origin and right origin, both already in `doc`, break YATA's invariants
 * (neighbours.ts): not in one list, the right origin not strictly right of the origin, a map entry with
 * a right origin, or no neighbours at all in a list holding the client's earlier items. Structs whose
 * neighbours are in the same update (or missing) are checked as Yjs integrates them (neighbour-guard.ts);
 * refusing here keeps the whole update out. Costs a lookup per struct and, rarely, a walk (list-order.ts).
 */
export function checkNeighbours(doc: Y.Doc, structs: readonly Struct[], order: ListOrder): void {
  const store = doc.store;
  for (const struct of structs) {
    // Only structs that start new content: Yjs skips what it has, and places the rest of a partly
    // known struct after its own earlier part (the guard checks that).
    if (!(struct instanceof Y.Item) || struct.id.clock < Y.getState(store, struct.id.client)) continue;
    const left = struct.origin ? integrated(store, struct.origin) : null;
    const right = struct.rightOrigin ? integrated(store, struct.rightOrigin) : null;
    // Undefined: in this update or missing; a collected neighbour makes Yjs collect this struct too.
    if (left === undefined || right === undefined || (left && !(left instanceof Y.Item)) || (right && !(right instanceof Y.Item))) continue;
    const anchor = (left ?? right) as Y.Item | null;
    const parent = anchor ? anchor.parent : explicitParent(store, doc, struct);
    if (!(parent instanceof Y.AbstractType)) continue;
    const problem = neighbourProblem(
      {
        id: struct.id,
        origin: struct.origin,
        rightOrigin: struct.rightOrigin,
        parent: parent as Y.AbstractType<unknown>,
        parentSub: anchor ? anchor.parentSub : struct.parentSub,
        left: left as Y.Item | null,
        right: right as Y.Item | null,
      },
      order,
      store,
    );
    if (problem) throw new Error(`struct ${struct.id.client}:${struct.id.clock} breaks YATA's invariants: ${problem}`);
  }
}

/** The struct holding `id` when `doc` has integrated that clock, else undefined. */
function integrated(store: Y.Doc['store'], id: Y.ID): Struct | undefined {
  if (id.clock >= Y.getState(store, id.client)) return undefined;
  return findIn(store.clients.get(id.client), id.clock) ?? undefined;
}

/** The shared type a struct without neighbours names as its parent, when `doc` has it. */
function explicitParent(store: Y.Doc['store'], doc: Y.Doc, struct: Y.Item): unknown {
  const parent = struct.parent as unknown;
  if (typeof parent === 'string') return doc.share.get(parent);
  if (!(parent instanceof Y.ID)) return null;
  const item = integrated(store, parent);
  return item instanceof Y.Item && item.content instanceof Y.ContentType ? item.content.type : null;
}
