/**
 * Workloads 1 and 2: D documents x (T typists + L listeners). Typists replay the automerge-paper trace
 * at a fixed rate; every other client of the document must receive each edit. Latency runs from just
 * before the sender's local edit to the moment a receiver's socket hands over the frame (full clients:
 * before their apply, which is load-generator work, not server work). Against several nodes of one
 * cluster, member k of document d connects to node (d + k) mod N, so every document has clients on
 * every node (up to its client count) and each edit crosses Redis to reach most of its receivers.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { percentiles } from '../stats.js';
import { BenchClient } from './client.js';
import { Codec } from './codec.js';
import type { FanoutResult, FanoutSpec, TargetRef } from './jobs.js';
import { MachineProbe, ProcessProbe } from './probe.js';
import { Typist, type TraceLibrary } from './trace.js';
import { updateKeys, type Range } from './update-keys.js';
import { connectAll, until } from './util.js';

interface Op {
  t0: number;
  sender: number;
  expected: number;
  got: number;
  measured: boolean;
}

/** Edits by client ID and clock: inserts by their first struct, deletions by the first item deleted. */
class OpIndex {
  private readonly inserts = new Map<number, Map<number, Op>>();
  private readonly deletes = new Map<number, Map<number, Op>>();
  readonly all: Op[] = [];

  add(update: Uint8Array, op: Op): void {
    const keys = updateKeys(update);
    const first = keys.inserts[0] ?? keys.deletes[0];
    if (!first) return;
    const table = keys.inserts[0] ? this.inserts : this.deletes;
    let byClock = table.get(first.client);
    if (!byClock) table.set(first.client, (byClock = new Map()));
    byClock.set(first.clock, op);
    this.all.push(op);
  }

  /** Calls `found` for every registered edit that `update` carries. */
  find(update: Uint8Array, found: (op: Op) => void): void {
    const keys = updateKeys(update);
    const scan = (ranges: Range[], table: Map<number, Map<number, Op>>) => {
      for (const r of ranges) {
        const byClock = table.get(r.client);
        if (!byClock) continue;
        for (let clock = r.clock; clock < r.clock + r.len; clock++) {
          const op = byClock.get(clock);
          if (op) found(op);
        }
      }
    };
    scan(keys.inserts, this.inserts);
    scan(keys.deletes, this.deletes);
  }
}

interface Member {
  client: BenchClient;
  typist: Typist | null;
  mirror: Y.Doc | null;
  doc: number;
}

/** Runs one fan-out configuration against a running server, or spread over the nodes of one cluster. */
export async function runFanout(targets: readonly TargetRef[], spec: FanoutSpec, traces: TraceLibrary): Promise<FanoutResult> {
  const target = targets[0];
  if (!target) throw new Error('fan-out needs at least one target');
  const trace = traces.automergePaper();
  const run = randomBytes(4).toString('hex');
  const perDoc = spec.typists + spec.listeners;
  const index = new OpIndex();
  const latencies: number[] = [];
  let measuredDeliveries = 0;
  let t0 = 0;
  let measuring = false;
  let probing = false;
  // How late the load generator typed its most delayed keystroke: large values mean it was the limit.
  let lag = 0;
  const members: Member[] = [];

  for (let d = 0; d < spec.docs; d++) {
    const codec = new Codec(target.protocol, `fan-${run}-${d}`);
    for (let k = 0; k < perDoc; k++) {
      const me = members.length;
      const node = targets[(d + k) % targets.length] ?? target;
      const mirror = d < spec.fullDocs ? new Y.Doc() : null;
      const client = new BenchClient({
        codec,
        port: node.port,
        path: node.path,
        ...(mirror ? { mirror } : {}),
        onUpdate: (update, at) =>
          index.find(update, (op) => {
            if (op.sender === me) return;
            op.got += 1;
            if (!op.measured) return;
            latencies.push(at - op.t0);
            measuredDeliveries += 1;
          }),
      });
      const typist =
        k < spec.typists
          ? new Typist(trace, 0, (update) => {
              index.add(update, { t0, sender: me, expected: perDoc - 1, got: 0, measured: measuring });
              if (mirror) Y.applyUpdate(mirror, update);
              client.sendUpdate(update);
            })
          : null;
      members.push({ client, typist, mirror, doc: d });
    }
  }

  try {
    await connectAll(members.map((m) => m.client));
    const probes = targets.map((t) => new ProcessProbe(t.pid));
    const machine = new MachineProbe();
    const typists = members.filter((m) => m.typist);
    const start = performance.now();
    const measureFrom = start + spec.warmupMs;
    const end = measureFrom + spec.durationMs;
    // Each typist starts at a random phase so that keystrokes are spread over time, not in lockstep.
    const interval = 1000 / spec.rate;
    const phase = typists.map(() => Math.random() * interval);
    const count = typists.map(() => 0);
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        if (!probing && now >= measureFrom) {
          probing = true;
          for (const probe of probes) probe.start();
          machine.start();
        }
        typists.forEach((m, i) => {
          let n = count[i] ?? 0;
          for (;;) {
            const scheduled = start + (phase[i] ?? 0) + n * interval;
            if (scheduled > now || scheduled >= end) break;
            // Only keystrokes scheduled inside the window count, even if a busy load generator types them late.
            measuring = scheduled >= measureFrom;
            t0 = performance.now();
            lag = Math.max(lag, t0 - scheduled);
            m.typist?.type();
            n += 1;
          }
          count[i] = n;
        });
        if (now >= end) return resolve();
        setTimeout(tick, 1);
      };
      tick();
    });
    const machineCpu = machine.stop();
    const each = probes.map((probe) => probe.stop());
    const usage = {
      serverCpu: each.reduce((sum, u) => sum + u.serverCpu, 0),
      serverPeakRss: Math.max(...each.map((u) => u.serverPeakRss)),
      loadCpu: each[0]?.loadCpu ?? 0,
    };
    const expected = index.all.reduce((sum, op) => sum + op.expected, 0);
    const delivered = () => index.all.reduce((sum, op) => sum + Math.min(op.got, op.expected), 0);
    await until(() => delivered() >= expected, spec.drainMs ?? 5_000);
    const converged = await until(() => fullDocsConverged(members), 5_000);
    return {
      spec,
      latency: percentiles(latencies),
      deliveredPerSecond: measuredDeliveries / (spec.durationMs / 1000),
      edits: index.all.length,
      expected,
      undelivered: expected - delivered(),
      usage,
      typingLagMs: lag,
      converged,
      nodeCpu: each.map((u) => u.serverCpu),
      machineCpu,
    };
  } finally {
    for (const m of members) {
      m.client.close();
      m.typist?.destroy();
      m.mirror?.destroy();
    }
  }
}

function fullDocsConverged(members: Member[]): boolean {
  const byDoc = new Map<number, Member[]>();
  for (const m of members) if (m.mirror) byDoc.set(m.doc, [...(byDoc.get(m.doc) ?? []), m]);
  for (const group of byDoc.values()) {
    const texts = new Set(group.map((m) => m.mirror?.getText('t').toString()));
    if (texts.size !== 1) return false;
    for (const writer of group) {
      if (!writer.typist) continue;
      const id = writer.typist.doc.clientID;
      const clock = Y.getState(writer.typist.doc.store, id);
      for (const m of group) if (m.mirror && Y.getState(m.mirror.store, id) !== clock) return false;
    }
  }
  return true;
}
