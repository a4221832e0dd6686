/**
 * `npx tsx test/bench/neighbour-cost.ts`: what the YATA neighbour checks (server/collab/neighbours.ts)
 * cost next to Yjs's own apply of the same update. For each case, the same updates are applied to a
 * fresh copy of the same server document three ways: plainly (Y.applyUpdate); as the room did before
 * the neighbour checks (decode, the reference and parent checks, apply); and as it does now (the same
 * plus the neighbour check before applying and the guarded apply). Medians of several runs, in ms of CPU time.
 *
 * - paste: the automerge-paper trace (259,778 keystrokes, 104,852 characters) typed into one client
 *   and sent as one update to an empty document.
 * - keystrokes: the first 20,000 of those keystrokes, one update each (the hot path).
 * - offline merge (friendsforever): the trace's two writers (26,078 transactions) each typing into
 *   their own offline copy of the finished paper, without seeing the other's edits (positions clamped);
 *   the server has the first writer's, the second merges.
 * - offline merge (same place): two writers each inserting 3,000 separate items at one place while
 *   offline, so every item of the merging writer has the other's 3,000 between its neighbours.
 * - crafted: the costliest update for the checks we know of, on a text of 100,000 separate items: 300
 *   runs of 65 new items, each followed by an item whose neighbours are the run's left end and the
 *   item after the run (every check walks past a run of items the list has no labels for yet).
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { NeighbourGuard } from '../../server/collab/neighbour-guard.js';
import { checkNeighbours, checkOwnClientReferences, checkParents } from '../../server/collab/update-check.js';
import { applyPatches, TraceLibrary } from './load/trace.js';

const RUNS = 11;
const traces = new TraceLibrary();

interface Case {
  name: string;
  /** The server document before the update(s). */
  base: Uint8Array | null;
  updates: Uint8Array[];
}

function docFrom(base: Uint8Array | null, guarded: boolean): { doc: Y.Doc; guard: NeighbourGuard | null } {
  const doc = new Y.Doc();
  const guard = guarded ? NeighbourGuard.attach(doc) : null;
  if (base) Y.applyUpdate(doc, base);
  return { doc, guard };
}

type Mode = 'plain' | 'before' | 'now';

function timeApply(c: Case, mode: Mode): number {
  const { doc, guard } = docFrom(c.base, mode === 'now');
  // CPU time of this process, not wall time: the machine is shared, and a descheduled run is not slower code.
  const started = process.cpuUsage();
  for (const update of c.updates) {
    if (mode !== 'plain') {
      const { structs } = Y.decodeUpdate(update);
      checkOwnClientReferences(structs);
      checkParents(doc, structs);
      if (guard) checkNeighbours(doc, structs, guard.order);
    }
    Y.applyUpdate(doc, update);
    if (guard && guard.takeRefused().length > 0) throw new Error(`${c.name}: an honest update was refused`);
  }
  const { user, system } = process.cpuUsage(started);
  doc.destroy();
  return (user + system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function paste(): Case {
  const client = new Y.Doc();
  for (const txn of traces.automergePaper().txns) applyPatches(client.getText('t'), txn.patches, false);
  return { name: 'paste (automerge-paper, one update)', base: null, updates: [Y.encodeStateAsUpdate(client)] };
}

function keystrokes(): Case {
  const client = new Y.Doc();
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  for (const txn of traces.automergePaper().txns.slice(0, 20_000)) applyPatches(client.getText('t'), txn.patches, false);
  return { name: 'keystrokes (20,000 updates)', base: null, updates };
}

function friendsForever(): Case {
  const base = new Y.Doc();
  for (const txn of traces.automergePaper().txns) applyPatches(base.getText('t'), txn.patches, false);
  const baseUpdate = Y.encodeStateAsUpdate(base);
  const writers = [new Y.Doc(), new Y.Doc()] as [Y.Doc, Y.Doc];
  for (const writer of writers) Y.applyUpdate(writer, baseUpdate);
  for (const txn of traces.friendsForever().txns) applyPatches(writers[txn.agent % 2]!.getText('t'), txn.patches, true);
  const server = new Y.Doc();
  Y.applyUpdate(server, baseUpdate);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writers[0], Y.encodeStateVector(base)));
  return {
    name: 'offline merge (friendsforever writers on the paper)',
    base: Y.encodeStateAsUpdate(server),
    updates: [Y.encodeStateAsUpdate(writers[1], Y.encodeStateVector(base))],
  };
}

function samePlace(): Case {
  const shared = new Y.Doc();
  shared.getText('t').insert(0, 'before|after');
  const writers = [new Y.Doc(), new Y.Doc()] as [Y.Doc, Y.Doc];
  for (const writer of writers) Y.applyUpdate(writer, Y.encodeStateAsUpdate(shared));
  // The first types backwards (each character its own item), the second forwards with a cursor jump
  // after each character, so neither merges into long items.
  for (let i = 0; i < 3_000; i++) writers[0].getText('t').insert(7, 'a');
  for (let i = 0; i < 3_000; i++) writers[1].getText('t').insert(7 + (i % 2 === 0 ? i : i - 1), 'b');
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(shared));
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writers[0]));
  return { name: 'offline merge (3,000 + 3,000 items at one place)', base: Y.encodeStateAsUpdate(server), updates: [Y.encodeStateAsUpdate(writers[1], Y.encodeStateVector(server))] };
}

function crafted(): Case {
  const base = new Y.Doc();
  base.clientID = 1;
  const items = 100_000;
  base.transact(() => {
    for (let i = 0; i < items; i++) base.getText('t').insert(0, 'x');
  });
  const pairs: Array<[Y.ID, Y.ID]> = [];
  let clock = 0;
  for (let r = 0; r < 300; r++) {
    // Typed backwards: clock items - 1 is the leftmost, so `a - 1` is right of `a`.
    const a = Y.createID(1, items - 1 - ((r * 7) % (items - 2)));
    const b = Y.createID(1, a.clock - 1);
    let right = b;
    for (let k = 0; k < 65; k++, clock++) {
      pairs.push([a, right]);
      right = Y.createID(99, clock);
    }
    pairs.push([right, b]);
    clock++;
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, pairs.length);
  encoding.writeVarUint(e, 99);
  encoding.writeVarUint(e, 0);
  for (const [origin, rightOrigin] of pairs) {
    encoding.writeUint8(e, 4 | 0x80 | 0x40);
    for (const id of [origin, rightOrigin]) {
      encoding.writeVarUint(e, id.client);
      encoding.writeVarUint(e, id.clock);
    }
    encoding.writeVarString(e, 'y');
  }
  encoding.writeVarUint(e, 0);
  return { name: 'crafted (300 runs of 65 + 1 on 100,000 items)', base: Y.encodeStateAsUpdate(base), updates: [encoding.toUint8Array(e)] };
}

const rows: Array<Record<string, string | number>> = [];
for (const c of [paste(), keystrokes(), friendsForever(), samePlace(), crafted()]) {
  const times: Record<Mode, number[]> = { plain: [], before: [], now: [] };
  for (let run = 0; run < RUNS; run++) for (const mode of ['plain', 'before', 'now'] as const) times[mode].push(timeApply(c, mode));
  const [plain, before, now] = [median(times.plain), median(times.before), median(times.now)];
  const bytes = c.updates.reduce((sum, u) => sum + u.byteLength, 0);
  rows.push({
    case: c.name,
    'update bytes': bytes,
    'Yjs apply': +plain.toFixed(1),
    'room before': +before.toFixed(1),
    'room now': +now.toFixed(1),
    'neighbour checks / Yjs apply': `${(((now - before) / plain) * 100).toFixed(0)}%`,
  });
}
console.table(rows);
