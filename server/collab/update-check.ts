/**
 * Checks on a decoded update that Yjs itself does not make, each one a way to make Yjs throw halfway
 * through integrating (the room must then reload from storage). Yjs trusts a struct's references to its
 * own client ID (it only checks other clients' references against the state vector), so a struct whose
 * origin, right origin or parent points at its own client's clock at or after itself sends Yjs looking
 * for a struct that cannot exist: it throws halfway through integrating, and the room must reload. No
 * honest client writes that: whatever a struct refers to existed when it was made, so an own-client
 * reference is always to an earlier clock. In the 100k fuzz run such updates caused 38 of 47 mid-apply
 * exceptions, and parents that are not shared types most of the rest.
 */
import * as Y from 'yjs';

/**
 * Throws when a struct names as its parent something that is not a shared type: Yjs then takes the
 * parent's `content.type`, gets undefined, and throws later inside `integrate`. The parent is looked
 * up in `doc` when it holds that clock, else among the update's own structs.
 */
export function checkParents(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.ID)) continue;
    const parentId = struct.parent;
    const known = parentId.clock < Y.getState(doc.store, parentId.client);
    const parent = known ? findStruct(doc, parentId) : structs.find((s) => s.id.client === parentId.client && s.id.clock <= parentId.clock && parentId.clock < s.id.clock + s.length);
    // Unknown parents wait in the pending store like any missing dependency; a collected one is fine.
    if (!parent || parent instanceof Y.GC || parent instanceof Y.Skip) continue;
    // A deleted type's item keeps ContentDeleted once collected: an honest client that has not seen the
    // deletion still inserts into it, and Yjs discards that insert as it should.
    if (!(parent.content instanceof Y.ContentType) && !(parent.content instanceof Y.ContentDeleted)) {
      throw new Error(`struct ${struct.id.client}:${struct.id.clock} names a parent that is not a shared type`);
    }
  }
}

function findStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || structs.length === 0) return null;
  return structs[Y.findIndexSS(structs, id.clock)] ?? null;
}

/** Throws when a struct of `update` refers to its own client at a clock not before its own. */
export function checkOwnClientReferences(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): void {
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
