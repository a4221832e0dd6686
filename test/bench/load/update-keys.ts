/**
 * Reads which edits a Yjs (v1) update carries without applying it: the client/clock ranges of its
 * structs and of its delete set. Light receivers time arrivals with this instead of a Y.Doc apply.
 * Keystroke updates hold string items only; anything else falls back to Y.decodeUpdate.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** One client's clock range [clock, clock + len). */
export interface Range {
  client: number;
  clock: number;
  len: number;
}

/** Inserted struct ranges and deleted ranges carried by one update. */
export interface UpdateKeys {
  inserts: Range[];
  deletes: Range[];
}

const CONTENT_DELETED = 1;
const CONTENT_STRING = 4;
const GC = 0;
const SKIP = 10;

class Unsupported extends Error {}

function skipId(d: decoding.Decoder): void {
  decoding.readVarUint(d);
  decoding.readVarUint(d);
}

function readStructs(d: decoding.Decoder, out: Range[]): void {
  const clients = decoding.readVarUint(d);
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    const start = clock;
    for (let i = 0; i < structs; i++) {
      const info = decoding.readUint8(d);
      const ref = info & 0x1f;
      if (ref === GC || ref === SKIP) {
        clock += decoding.readVarUint(d);
        continue;
      }
      if (info & 0x80) skipId(d); // origin
      if (info & 0x40) skipId(d); // right origin
      if ((info & 0xc0) === 0) {
        // Parent: a root type's name, or the ID of the item that holds the nested type; then parentSub.
        if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
        else skipId(d);
        if (info & 0x20) decoding.readVarString(d);
      }
      if (ref === CONTENT_STRING) clock += decoding.readVarString(d).length;
      else if (ref === CONTENT_DELETED) clock += decoding.readVarUint(d);
      else throw new Unsupported();
    }
    if (clock > start) out.push({ client, clock: start, len: clock - start });
  }
}

function readDeletes(d: decoding.Decoder, out: Range[]): void {
  const clients = decoding.readVarUint(d);
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(d);
    const ranges = decoding.readVarUint(d);
    for (let i = 0; i < ranges; i++) out.push({ client, clock: decoding.readVarUint(d), len: decoding.readVarUint(d) });
  }
}

function slowKeys(update: Uint8Array): UpdateKeys {
  const { structs, ds } = Y.decodeUpdate(update);
  const inserts: Range[] = structs.map((s) => ({ client: s.id.client, clock: s.id.clock, len: s.length }));
  const deletes: Range[] = [];
  for (const [client, items] of ds.clients) for (const item of items) deletes.push({ client, clock: item.clock, len: item.len });
  return { inserts, deletes };
}

/** The struct and delete ranges of a v1 update. */
export function updateKeys(update: Uint8Array): UpdateKeys {
  const keys: UpdateKeys = { inserts: [], deletes: [] };
  try {
    const d = decoding.createDecoder(update);
    readStructs(d, keys.inserts);
    readDeletes(d, keys.deletes);
    return keys;
  } catch (error) {
    if (error instanceof Unsupported) return slowKeys(update);
    throw error;
  }
}
