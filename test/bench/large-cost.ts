/**
 * `npx tsx test/bench/large-cost.ts`: where the time of a large document's cold open and join goes,
 * server side, without sockets: the automerge-paper trace as 4,000 updates, loaded the way a room
 * loads it (loadDocument) from a snapshot plus a short log and from a log that was never compacted,
 * then encoded for a joiner. Medians of several runs, in ms of CPU time ("first": the first run, with
 * V8 still cold, which is what a restarted server pays). Last, Y.mergeUpdates over the log, to show why
 * loading never merges the log first (it costs several times the row-by-row replay).
 */
import * as Y from 'yjs';
import { encodeWithoutPending } from '../../server/collab/encode.js';
import { loadDocument } from '../../server/collab/replay.js';
import { applyPatches, TraceLibrary } from './load/trace.js';

const RUNS = 7;
const UPDATES = 4_000;

function chunks(): Uint8Array[] {
  const trace = new TraceLibrary().automergePaper();
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const per = Math.ceil(trace.txns.length / UPDATES);
  for (let i = 0; i < trace.txns.length; i += per) doc.transact(() => { for (const t of trace.txns.slice(i, i + per)) applyPatches(text, t.patches, false); });
  doc.destroy();
  return updates;
}

function cpuMs<T>(fn: () => T): [T, number] {
  const started = process.cpuUsage();
  const out = fn();
  const { user, system } = process.cpuUsage(started);
  return [out, (user + system) / 1000];
}

async function cpuMsAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = process.cpuUsage();
  const out = await fn();
  const { user, system } = process.cpuUsage(started);
  return [out, (user + system) / 1000];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const updates = chunks();
const full = new Y.Doc();
for (const u of updates) Y.applyUpdate(full, u);
const snapshot = Y.encodeStateAsUpdate(full);
const expected = full.getText('t').toString();
console.log(`${updates.length} updates, snapshot ${(snapshot.byteLength / 1024).toFixed(0)} KB, log ${(updates.reduce((s, u) => s + u.byteLength, 0) / 1024).toFixed(0)} KB`);

const cases = [
  { name: 'snapshot + 499 log rows', stored: { snapshot: Y.encodeStateAsUpdate((() => { const d = new Y.Doc(); for (const u of updates.slice(0, -499)) Y.applyUpdate(d, u); return d; })()), updates: updates.slice(-499) } },
  { name: 'snapshot only', stored: { snapshot, updates: [] } },
  { name: 'log of 4,000 rows, no snapshot', stored: { snapshot: null, updates } },
];

for (const c of cases) {
  const load: number[] = [];
  const encode: number[] = [];
  const apply: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const [{ doc }, l] = await cpuMsAsync(() => loadDocument(c.stored, 'load'));
    const [bytes, e] = cpuMs(() => encodeWithoutPending(doc));
    const client = new Y.Doc();
    const [, a] = cpuMs(() => Y.applyUpdate(client, bytes));
    if (client.getText('t').toString() !== expected) throw new Error(`${c.name}: wrong content`);
    load.push(l); encode.push(e); apply.push(a);
    doc.destroy(); client.destroy();
  }
  console.log(`first: load ${load[0]!.toFixed(1)} encode ${encode[0]!.toFixed(1)} apply ${apply[0]!.toFixed(1)}`);
  console.log(`${c.name.padEnd(34)} load ${median(load).toFixed(1)} ms, encode ${median(encode).toFixed(1)} ms, joiner's apply ${median(apply).toFixed(1)} ms`);
}

for (let r = 0; r < 3; r++) {
  // The same content three ways: the log merged then applied, the snapshot with the last rows merged, the snapshot alone.
  const [merged, m] = cpuMs(() => Y.mergeUpdates(updates));
  const doc = new Y.Doc();
  const [, a] = cpuMs(() => Y.applyUpdate(doc, merged));
  const [, m2] = cpuMs(() => Y.mergeUpdates([snapshot, ...updates.slice(-499)]));
  const [, a2] = cpuMs(() => Y.applyUpdate(new Y.Doc(), snapshot));
  console.log(`merge 4,000 rows ${m.toFixed(1)} ms (${(merged.byteLength / 1024).toFixed(0)} KB), apply merged ${a.toFixed(1)} ms; merge snapshot+499 ${m2.toFixed(1)} ms; plain snapshot apply ${a2.toFixed(1)}`);
}
