/**
 * The structs of a live document as a series of small updates ("slices") that a fresh copy applies one
 * at a time, between turns of the event loop (shadow-copy.ts), instead of one update of the whole
 * document that holds the loop for tens of milliseconds.
 *
 * Each slice holds only structs whose dependencies (origin, right origin, parent) are in an earlier
 * slice or in the same one, so nothing waits in the copy's pending store: Yjs re-merges that store on
 * every later update, which would cost more than the copy itself. Such an order always exists, since
 * the live document integrated its structs in one; taking, client by client, every struct whose
 * dependencies are written finds one (the earliest-integrated struct not yet written is always ready).
 *
 * Structs are read from the live store by clock when each slice is written. Between two slices the live
 * store may split a struct (an insert in the middle of it), merge two (cleanup), or replace deleted
 * content (garbage collection): that only moves where the next struct starts, and it is written with an
 * offset, as Yjs writes a partly known struct. Content newer than the state vector `upTo` is left to the
 * live updates the copy receives anyway.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC;

/** A struct written from `offset` on (its first `offset` clocks are in an earlier slice). */
interface Piece {
  struct: Struct;
  offset: number;
}

/** The ID a struct's placement depends on through its parent, when that parent is an item. */
function parentId(item: Y.Item): Y.ID | null {
  const parent = item.parent;
  if (parent instanceof Y.ID) return parent;
  if (parent instanceof Y.AbstractType) return parent._item?.id ?? null;
  return null;
}

export class StructSlices {
  /** Per client, the clock up to which structs are written. */
  private readonly written = new Map<number, number>();

  /** `upTo`: the live document's state vector when the copy started following its updates. */
  constructor(
    private readonly live: Y.Doc,
    private readonly upTo: ReadonlyMap<number, number>,
  ) {}

  get done(): boolean {
    for (const [client, end] of this.upTo) if ((this.written.get(client) ?? 0) < end) return false;
    return true;
  }

  /** The next slice, of at most `maxStructs` structs (more only if stuck), or null once all are written. */
  next(maxStructs: number): Uint8Array | null {
    if (this.done) return null;
    let runs = this.take(maxStructs, true);
    // Cannot happen for a store Yjs integrated (see above); if it did, Yjs orders one update itself.
    if (runs.size === 0) runs = this.take(Infinity, false);
    return encodeRuns(runs);
  }

  /** Structs in order, per client, until `maxStructs` or until none has its dependencies written. */
  private take(maxStructs: number, inOrder: boolean): Map<number, Piece[]> {
    const runs = new Map<number, Piece[]>();
    let count = 0;
    let progressed = true;
    while (count < maxStructs && progressed) {
      progressed = false;
      for (const [client, end] of this.upTo) {
        let clock = this.written.get(client) ?? 0;
        if (clock >= end) continue;
        const structs = this.live.store.clients.get(client) as Struct[];
        let index = Y.findIndexSS(structs, clock);
        while (count < maxStructs && clock < end) {
          const struct = structs[index] as Struct;
          const offset = clock - struct.id.clock;
          if (inOrder && !this.dependenciesWritten(struct, offset)) break;
          let run = runs.get(client);
          if (!run) runs.set(client, (run = []));
          run.push({ struct, offset });
          clock = struct.id.clock + struct.length;
          this.written.set(client, clock);
          index += 1;
          count += 1;
          progressed = true;
        }
      }
    }
    return runs;
  }

  private dependenciesWritten(struct: Struct, offset: number): boolean {
    if (!(struct instanceof Y.Item)) return true;
    // Written from an offset, its origin is its own client's previous clock: written already.
    const origin = offset > 0 ? null : struct.origin;
    for (const id of [origin, struct.rightOrigin, parentId(struct)]) {
      if (id && id.clock >= (this.written.get(id.client) ?? 0)) return false;
    }
    return true;
  }
}

/** One update in Yjs's v1 encoding (as its writeStructs writes it) with the runs and their deletions. */
function encodeRuns(runs: ReadonlyMap<number, Piece[]>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.size);
  // Higher client IDs first, as Yjs writes them.
  for (const [client, run] of [...runs].sort(([a], [b]) => b - a)) {
    const first = run[0] as Piece;
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, first.struct.id.clock + first.offset);
    for (const { struct, offset } of run) struct.write(encoder, offset);
  }
  writeDeletedOf(encoder, runs);
  return encoder.toUint8Array();
}

/**
 * The delete set of what the runs write that is deleted by now: a slice brings its own deletions, so
 * the copy needs no delete set of the whole document at the end (one piece as long as the document).
 * A struct deleted after its slice is written is deleted by a live update the copy applies anyway.
 */
function writeDeletedOf(encoder: Y.UpdateEncoderV1, runs: ReadonlyMap<number, Piece[]>): void {
  const deleted: Array<[number, Array<[number, number]>]> = [];
  for (const [client, run] of runs) {
    const ranges: Array<[number, number]> = [];
    for (const { struct, offset } of run) {
      if (struct instanceof Y.Item && struct.deleted) ranges.push([struct.id.clock + offset, struct.length - offset]);
    }
    if (ranges.length > 0) deleted.push([client, ranges]);
  }
  encoding.writeVarUint(encoder.restEncoder, deleted.length);
  for (const [client, ranges] of deleted) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(length);
    }
  }
}
