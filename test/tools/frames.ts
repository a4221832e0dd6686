/**
 * fast-check arbitraries for y-websocket frames: valid sync and awareness frames, the same frames
 * mutated (bit flips, truncation, insertion, overlong varints, swapped types), and plain random bytes.
 * Everything is built with the project's own encoders, so "valid" means what a stock client sends.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { writeAwareness, writeQueryAwareness, writeSyncStep1, writeSyncStep2, writeSyncUpdate } from '../../shared/protocol/index.js';

/** A Yjs update made by a client with a random ID: text inserts, deletes, map sets, nested arrays. */
const yjsUpdate: fc.Arbitrary<Uint8Array> = fc
  .record({
    client: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    ops: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(40), text: fc.string({ maxLength: 12 }) }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat(40), length: fc.nat(5) }),
        fc.record({ kind: fc.constant('map' as const), key: fc.string({ maxLength: 6 }), value: fc.jsonValue({ maxDepth: 2 }) }),
        fc.record({ kind: fc.constant('array' as const), depth: fc.nat(4) }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    // Keep only the tail of the history: the receiver lacks the head, so the structs depend on
    // clocks it has never seen (the pending-struct path).
    skipHead: fc.boolean(),
  })
  .map(({ client, ops, skipHead }) => {
    const doc = new Y.Doc();
    doc.clientID = client;
    const text = doc.getText('t');
    let head: Uint8Array | null = null;
    ops.forEach((op, i) => {
      if (op.kind === 'insert') text.insert(Math.min(op.at, text.length), op.text || 'x');
      if (op.kind === 'delete' && text.length > 0) {
        const at = Math.min(op.at, text.length - 1);
        text.delete(at, Math.min(op.length, text.length - at));
      }
      if (op.kind === 'map') doc.getMap('m').set(op.key, op.value);
      if (op.kind === 'array') {
        let array = doc.getArray<unknown>('a');
        for (let d = 0; d < op.depth; d++) {
          const inner = new Y.Array<unknown>();
          array.push([inner]);
          array = inner;
        }
        array.push([i]);
      }
      if (i === 0) head = Y.encodeStateVector(doc);
    });
    const update = skipHead && head ? Y.encodeStateAsUpdate(doc, head) : Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  });

/** A state vector, mostly well-formed, sometimes with absurd clocks. */
const stateVector: fc.Arbitrary<Uint8Array> = fc
  .array(fc.tuple(fc.nat(), fc.oneof(fc.nat(1000), fc.nat())), { maxLength: 5 })
  .map((entries) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
    }
    return encoding.toUint8Array(e);
  });

/** An awareness body with 1-12 entries: plausible states, junk JSON, removals, huge clocks. */
const awarenessBody: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.record({
      clientId: fc.oneof(fc.nat(50), fc.nat()),
      clock: fc.oneof(fc.nat(10), fc.nat()),
      json: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ cursor: v, user: { name: 'spoof' } })),
        fc.constant('null'),
        fc.string({ maxLength: 30 }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      ),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((entries) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json);
    }
    return encoding.toUint8Array(e);
  });

/** Frames a stock client could send. */
export const validFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: yjsUpdate.map(writeSyncUpdate) },
  { weight: 2, arbitrary: yjsUpdate.map(writeSyncStep2) },
  { weight: 2, arbitrary: stateVector.map(writeSyncStep1) },
  { weight: 3, arbitrary: awarenessBody.map(writeAwareness) },
  { weight: 1, arbitrary: fc.constant(writeQueryAwareness()) },
);

/** A varint longer than any 53-bit number: lib0 must not loop or overflow on it. */
const OVERLONG_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overlong'; at: number }
  | { kind: 'retype'; type: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('overlong' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), type: fc.oneof(fc.nat(4), fc.nat(255)) }),
);

function mutate(frame: Uint8Array, m: Mutation): Uint8Array {
  const at = frame.length === 0 ? 0 : m.kind === 'retype' ? 0 : (m as { at: number }).at % frame.length;
  switch (m.kind) {
    case 'flip': {
      const copy = frame.slice();
      copy[at] = (copy[at] ?? 0) ^ (1 << m.bit);
      return copy;
    }
    case 'truncate':
      return frame.slice(0, at);
    case 'insert':
      return Uint8Array.from([...frame.slice(0, at), ...m.bytes, ...frame.slice(at)]);
    case 'overlong':
      return Uint8Array.from([...frame.slice(0, at), ...OVERLONG_VARINT, ...frame.slice(at + 1)]);
    case 'retype': {
      const copy = frame.slice();
      copy[0] = m.type;
      return copy;
    }
  }
}

/** A valid frame with 1-3 mutations. */
export const mutatedFrame: fc.Arbitrary<Uint8Array> = fc
  .tuple(validFrame, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([frame, mutations]) => mutations.reduce(mutate, frame));

/** Random bytes, biased to start with a real message type so they get past the first varint. */
export const randomFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 96 }),
  fc.tuple(fc.constantFrom(0, 1, 2, 3, 100), fc.uint8Array({ maxLength: 96 })).map(([type, rest]) => Uint8Array.from([type, ...rest])),
);

/** The mix the fuzzer sends: mostly mutated frames, some random, some valid (which keep sockets open). */
export const fuzzFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: mutatedFrame },
  { weight: 2, arbitrary: randomFrame },
  { weight: 2, arbitrary: validFrame },
);

/** `count` frames, reproducible from `seed`. */
export function sampleFrames(count: number, seed: number): Uint8Array[] {
  return fc.sample(fuzzFrame, { numRuns: count, seed });
}
