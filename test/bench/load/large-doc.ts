/**
 * Workload 4 (client side): the whole automerge-paper trace written to one document as a few thousand
 * updates, then joiners that time how long it takes to be fully synced (step2 applied to a Y.Doc).
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { BenchClient } from './client.js';
import { Codec } from './codec.js';
import type { JoinResult, LargeLoadResult, TargetRef } from './jobs.js';
import { applyPatches, type TraceLibrary } from './trace.js';
import { withTimeout } from './util.js';

// Below Confer's per-connection limit of 400 messages/s (burst 800), applied to every target alike.
const SEND_RATE = 350;

/** The trace cut into `count` updates (each one transaction over consecutive keystrokes). */
function chunkTrace(traces: TraceLibrary, count: number): { updates: Uint8Array[]; endContent: string } {
  const trace = traces.automergePaper();
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const per = Math.ceil(trace.txns.length / count);
  for (let i = 0; i < trace.txns.length; i += per) {
    doc.transact(() => {
      for (const txn of trace.txns.slice(i, i + per)) applyPatches(text, txn.patches, false);
    });
  }
  if (text.toString() !== trace.endContent) throw new Error('replaying automerge-paper did not give its endContent');
  doc.destroy();
  return { updates, endContent: trace.endContent };
}

export class LargeDocSession {
  private chunks = new Map<number, { updates: Uint8Array[]; endContent: string }>();
  private docId = '';
  private endContent = '';
  private writer: BenchClient | null = null;

  constructor(private readonly traces: TraceLibrary) {}

  /** Writes the trace to a new document, then waits until a joiner sees all of it. */
  async load(target: TargetRef, count: number): Promise<LargeLoadResult> {
    let chunks = this.chunks.get(count);
    if (!chunks) this.chunks.set(count, (chunks = chunkTrace(this.traces, count)));
    this.docId = `large-${randomBytes(4).toString('hex')}`;
    this.endContent = chunks.endContent;
    // The writer stays connected (until closeAll) so that joiners find the document open, as in a live
    // session: an in-memory server such as Hocuspocus drops a document when its last client leaves.
    this.writer?.close();
    const writer = new BenchClient({ codec: new Codec(target.protocol, this.docId), port: target.port, path: target.path });
    this.writer = writer;
    await withTimeout(writer.connect(), 10_000, 'writer connect');
    const start = performance.now();
    let sent = 0;
    let bytes = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const allowed = Math.floor(((performance.now() - start) / 1000) * SEND_RATE) + 1;
        while (sent < allowed && sent < chunks.updates.length) {
          const update = chunks.updates[sent++];
          if (!update) continue;
          bytes += update.byteLength;
          writer.sendUpdate(update);
        }
        if (sent >= chunks.updates.length) return resolve();
        setTimeout(tick, 2);
      };
      tick();
    });
    const sendMs = performance.now() - start;
    const deadline = performance.now() + 30_000;
    for (;;) {
      const join = await this.join(target);
      if (join.correct) break;
      if (performance.now() > deadline) throw new Error('the server never had the whole document');
    }
    return { updates: chunks.updates.length, bytes, sendMs };
  }

  closeAll(): void {
    this.writer?.close();
    this.writer = null;
  }

  /** One new full client: time from opening the socket to the document applied. */
  async join(target: TargetRef): Promise<JoinResult> {
    const mirror = new Y.Doc();
    const client = new BenchClient({ codec: new Codec(target.protocol, this.docId), port: target.port, path: target.path, mirror });
    const start = performance.now();
    try {
      await withTimeout(client.connect(), 20_000, 'large-document join');
      const ms = performance.now() - start;
      return { ms, correct: mirror.getText('t').toString() === this.endContent };
    } finally {
      client.close();
      mirror.destroy();
    }
  }
}
