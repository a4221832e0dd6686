/**
 * Workload 5 (client side): many light clients across a few hundred documents that all lose their
 * connection at once (a network blip, or the server restarting) and reconnect by themselves.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { BenchClient } from './client.js';
import { Codec } from './codec.js';
import type { StormResult, TargetRef } from './jobs.js';
import { connectAll, until } from './util.js';

function seedText(docId: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, `${docId}: `.padEnd(2_000, 'lorem ipsum dolor sit amet '));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export class StormSession {
  private clients: BenchClient[] = [];
  private armedAt = 0;
  private armCpu = process.cpuUsage();

  /** Connects `clients` light clients spread over `docs` documents; the first of each brings 2 KB of text. */
  async connect(target: TargetRef, clients: number, docs: number): Promise<number> {
    const run = randomBytes(4).toString('hex');
    const codecs = Array.from({ length: docs }, (_, d) => new Codec(target.protocol, `storm-${run}-${d}`));
    this.clients = Array.from({ length: clients }, (_, i) => {
      const codec = codecs[i % docs] as Codec;
      const seed = i < docs ? seedText(codec.docId) : undefined;
      return new BenchClient({ codec, port: target.port, path: target.path, ...(seed ? { seed } : {}) });
    });
    await connectAll(this.clients);
    return this.clients.length;
  }

  /** From now on every client reconnects by itself; the storm is timed from this moment. */
  arm(): number {
    this.armedAt = performance.now();
    this.armCpu = process.cpuUsage();
    for (const client of this.clients) client.autoReconnect = true;
    return performance.timeOrigin + this.armedAt;
  }

  /** The network blip: every socket dropped at once. */
  drop(): number {
    const at = this.arm();
    for (const client of this.clients) client.drop();
    return at;
  }

  /** Waits until every client has synced again since arm(). */
  async wait(timeoutMs: number): Promise<StormResult> {
    const resynced = (c: BenchClient) => c.isSynced && c.syncedAt > this.armedAt;
    await until(() => this.clients.every(resynced), timeoutMs);
    const last = Math.max(...this.clients.map((c) => c.syncedAt));
    const cpu = process.cpuUsage(this.armCpu);
    const seconds = Math.max(0.001, (performance.now() - this.armedAt) / 1000);
    return {
      clients: this.clients.length,
      allSyncedAt: performance.timeOrigin + last,
      missing: this.clients.filter((c) => !resynced(c)).length,
      loadCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    };
  }

  closeAll(): void {
    for (const client of this.clients) client.close();
    this.clients = [];
  }
}
