/**
 * Workload 3 (client side): many idle rooms with one light client each, then one more client per room.
 * The orchestrator measures the server's memory between the steps.
 */
import * as Y from 'yjs';
import { BenchClient } from './client.js';
import { Codec } from './codec.js';
import type { MemoryOpen, TargetRef } from './jobs.js';
import { connectAll } from './util.js';

/** A short paragraph per room, so that no room is an empty document. */
function seedFor(room: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, `Notes for ${room}: aims, methods, open questions for the working group.`);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export class MemorySession {
  private readonly rooms = new Map<string, Codec[]>();
  private readonly clients: BenchClient[] = [];

  /** Opens `rooms` rooms named `<prefix>-<i>`, each with one client that brings a short text. */
  async open(target: TargetRef, open: MemoryOpen): Promise<number> {
    const codecs: Codec[] = [];
    const clients: BenchClient[] = [];
    for (let i = 0; i < open.rooms; i++) {
      const docId = `${open.prefix}-${i}`;
      const codec = new Codec(target.protocol, docId);
      codecs.push(codec);
      clients.push(new BenchClient({ codec, port: target.port, path: target.path, seed: seedFor(docId) }));
    }
    this.rooms.set(open.prefix, codecs);
    this.clients.push(...clients);
    await connectAll(clients);
    await this.barrier(target, codecs);
    return clients.length;
  }

  /** Adds one more idle client to every room opened under `prefix`. */
  async extra(target: TargetRef, prefix: string): Promise<number> {
    const codecs = this.rooms.get(prefix) ?? [];
    const clients = codecs.map((codec) => new BenchClient({ codec, port: target.port, path: target.path }));
    this.clients.push(...clients);
    await connectAll(clients);
    return clients.length;
  }

  /**
   * Waits until the server holds the last room's seed: a full client must see the text. Frames are
   * handled in arrival order, so the earlier rooms are in by then too.
   */
  private async barrier(target: TargetRef, codecs: Codec[]): Promise<void> {
    const last = codecs.at(-1);
    if (!last || target.name === 'raw') return;
    for (let attempt = 0; attempt < 200; attempt++) {
      const mirror = new Y.Doc();
      const probe = new BenchClient({ codec: last, port: target.port, path: target.path, mirror });
      await probe.connect();
      const ok = mirror.getText('t').length > 0;
      probe.close();
      mirror.destroy();
      if (ok) return;
    }
    throw new Error('the server never showed the seeded text');
  }

  closeAll(): void {
    for (const client of this.clients) client.close();
    this.clients.length = 0;
    this.rooms.clear();
  }
}
