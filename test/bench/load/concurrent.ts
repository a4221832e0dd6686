/**
 * Workload 6: the friendsforever trace (two writers and their causal graph) through two clients.
 *
 * Each transaction is first replayed exactly, offline: the writer's own Y.Doc receives precisely the
 * transactions the trace says it had seen (its parents' history), then the patch is applied, which
 * yields the Yjs update that writer really sent. Live, each writer sends its updates in order, waiting
 * (before each one) until the other writer's items it builds on have reached it through the server.
 * Both writers, and a fresh joiner, must end with the trace's endContent.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { BenchClient } from './client.js';
import { Codec } from './codec.js';
import type { ConcurrentResult, TargetRef } from './jobs.js';
import { applyPatches, type ConcurrentTrace, type TraceLibrary } from './trace.js';
import { until, withTimeout } from './util.js';

interface Step {
  update: Uint8Array;
  /** The other writer's clock this transaction builds on. */
  needs: number;
}

const CLIENT_IDS = [101, 202];

interface Plan {
  /** Per writer, its transactions' updates in order, with what each needs from the other writer. */
  steps: Step[][];
  /** The text after all replayed transactions (endContent for the whole trace). */
  text: string;
}

/** Replays the first `limit` transactions exactly, offline. */
function replayOffline(trace: ConcurrentTrace, limit: number): Plan {
  const docs = CLIENT_IDS.map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  });
  const updates: Uint8Array[] = [];
  const seen = docs.map(() => new Uint8Array(trace.txns.length));
  const steps: Step[][] = docs.map(() => []);
  trace.txns.slice(0, limit).forEach((txn, i) => {
    const doc = docs[txn.agent] as Y.Doc;
    const mine = seen[txn.agent] as Uint8Array;
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length > 0) {
      const p = stack.pop() as number;
      if (mine[p]) continue;
      mine[p] = 1;
      missing.push(p);
      stack.push(...(trace.txns[p]?.parents ?? []));
    }
    missing.sort((a, b) => a - b);
    for (const p of missing) Y.applyUpdate(doc, updates[p] as Uint8Array, 'remote');
    let update: Uint8Array = new Uint8Array(0);
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') update = u;
    };
    doc.on('update', capture);
    doc.transact(() => applyPatches(doc.getText('t'), txn.patches, false));
    doc.off('update', capture);
    mine[i] = 1;
    updates[i] = update;
    const other = CLIENT_IDS[1 - txn.agent] as number;
    if (update.byteLength > 0) steps[txn.agent]?.push({ update, needs: Y.getState(doc.store, other) });
  });
  const merged = new Y.Doc();
  for (const update of updates) Y.applyUpdate(merged, update);
  const text = merged.getText('t').toString();
  for (const doc of [...docs, merged]) doc.destroy();
  if (limit >= trace.txns.length && text !== trace.endContent) throw new Error('offline replay of friendsforever does not give endContent');
  return { steps, text };
}

/** Cuts a writer's steps into messages of up to `batch` updates that never span a new dependency. */
function batches(steps: Step[], batch: number): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < steps.length; ) {
    const first = steps[i] as Step;
    let j = i + 1;
    while (j < steps.length && j - i < batch && steps[j]?.needs === first.needs) j++;
    const group = steps.slice(i, j).map((s) => s.update);
    out.push({ update: group.length === 1 ? first.update : Y.mergeUpdates(group), needs: first.needs });
    i = j;
  }
  return out;
}

/** Resolves once `doc` holds `client`'s items up to `clock`; woken by the doc's updates, not polling. */
function stateReaches(doc: Y.Doc, client: number, clock: number, timeoutMs: number): Promise<void> {
  if (Y.getState(doc.store, client) >= clock) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (Y.getState(doc.store, client) < clock) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`never received client ${client}'s items up to clock ${clock}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      doc.off('update', check);
    };
    doc.on('update', check);
  });
}

export class ConcurrentSession {
  private readonly plans = new Map<number, Plan>();

  constructor(private readonly traces: TraceLibrary) {}

  /** Replays the first `txns` transactions (all of them when `txns` >= the trace length). */
  async run(target: TargetRef, batch: number, rate: number, txns: number): Promise<ConcurrentResult> {
    const trace = this.traces.friendsForever();
    const limit = Math.min(txns, trace.txns.length);
    let plan = this.plans.get(limit);
    if (!plan) this.plans.set(limit, (plan = replayOffline(trace, limit)));
    const expected = plan.text;
    const plans = plan.steps.map((s) => batches(s, batch));
    const codec = new Codec(target.protocol, `ff-${randomBytes(4).toString('hex')}`);
    const mirrors = CLIENT_IDS.map(() => new Y.Doc());
    const writers = mirrors.map((mirror) => new BenchClient({ codec, port: target.port, path: target.path, mirror }));
    try {
      await Promise.all(writers.map((w) => withTimeout(w.connect(), 10_000, 'writer connect')));
      const start = performance.now();
      await Promise.all(
        plans.map(async (writerPlan, agent) => {
          const mirror = mirrors[agent] as Y.Doc;
          const other = CLIENT_IDS[1 - agent] as number;
          let last = 0;
          for (const step of writerPlan) {
            await stateReaches(mirror, other, step.needs, 20_000);
            // Paced below Confer's per-connection message limit, for every target alike.
            const due = last + 1000 / rate;
            if (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
            last = performance.now();
            Y.applyUpdate(mirror, step.update);
            writers[agent]?.sendUpdate(step.update);
          }
        }),
      );
      const done = () => mirrors.every((m) => m.getText('t').toString() === expected);
      const writersCorrect = await until(done, 20_000);
      const ms = performance.now() - start;
      let joinerCorrect: boolean | null = null;
      if (target.name !== 'raw') {
        const joined = new Y.Doc();
        const joiner = new BenchClient({ codec, port: target.port, path: target.path, mirror: joined });
        await withTimeout(joiner.connect(), 10_000, 'joiner connect');
        joinerCorrect = joined.getText('t').toString() === expected;
        joiner.close();
        joined.destroy();
      }
      return { txns: limit, messages: plans.reduce((n, p) => n + p.length, 0), ms, writersCorrect, joinerCorrect };
    } finally {
      for (const w of writers) w.close();
      for (const m of mirrors) m.destroy();
    }
  }
}
