/**
 * Chaos: a multi-client edit storm on several documents, `kill -9` of the server at a random moment,
 * a restart on the same data, then two checks per document: everything any client had received from
 * the server is in the restarted server (checked by a fresh client before the writers come back, so
 * their resends cannot hide a loss), and once the writers reconnect every replica converges.
 * Shared by chaos.test.ts (a few cycles) and `npm run chaos` (50).
 */
import fs from 'node:fs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connectClient } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { startProbeChild, type ProbeChild } from './probe-child.js';

export interface ChaosOptions {
  cycles: number;
  docs: number;
  writersPerDoc: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  cyclesSurvived: number;
  /** Updates received by clients from the server, over all cycles. */
  updatesReceived: number;
  /** Struct clocks some client had received that the restarted server lacked (must be 0). */
  updatesLost: number;
  /** Documents whose received deletions or content were missing after a restart (must be 0). */
  documentsWithLoss: number;
  /** Cycles after which the writers and a fresh client did not converge (must be 0). */
  cyclesNotConverged: number;
}

interface Writer {
  doc: Y.Doc;
  provider: WebsocketProvider | null;
}

function attach(url: string, docId: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

/** Clock deficits of `server` against `seen`, and whether applying `seen` would change its text. */
function missing(server: Y.Doc, seen: Y.Doc): { structs: number; changed: boolean } {
  const have = Y.decodeStateVector(Y.encodeStateVector(server));
  let structs = 0;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) structs += Math.max(0, clock - (have.get(client) ?? 0));
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(server));
  const before = probe.getText('t').toString();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(seen));
  const changed = probe.getText('t').toString() !== before;
  probe.destroy();
  return { structs, changed };
}

function sameReplica(a: Y.Doc, b: Y.Doc): boolean {
  return a.getText('t').toString() === b.getText('t').toString() && Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const dataDir = tempDir('confer-chaos-');
  const docIds = Array.from({ length: options.docs }, (_, i) => `chaos-${i}`);
  const writers = new Map(docIds.map((id) => [id, Array.from({ length: options.writersPerDoc }, (): Writer => ({ doc: new Y.Doc(), provider: null }))]));
  // Everything the server ever sent to any client, per document.
  const seen = new Map(docIds.map((id) => [id, new Y.Doc()]));
  const report: ChaosReport = { cyclesSurvived: 0, updatesReceived: 0, updatesLost: 0, documentsWithLoss: 0, cyclesNotConverged: 0 };
  for (const [docId, list] of writers) {
    for (const w of list) {
      w.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (!(origin instanceof WebsocketProvider)) return;
        report.updatesReceived += 1;
        Y.applyUpdate(seen.get(docId)!, update);
      });
    }
  }
  const env = { DATA_DIR: dataDir, UPGRADES_PER_IP_PER_MINUTE: '0', LOG_LEVEL: 'error' };
  let server: ProbeChild = await startProbeChild(env);
  const connectAll = async () => {
    for (const [docId, list] of writers) for (const w of list) w.provider = attach(server.url, docId, w.doc);
    await waitFor(() => [...writers.values()].flat().every((w) => w.provider?.synced), { what: 'writers synced', timeoutMs: 30_000 });
  };
  try {
    await connectAll();
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const startReceived = report.updatesReceived;
      // A random moment, chosen by a condition: after this many updates have come back from the server.
      const killAfter = 20 + Math.floor(Math.random() * 300);
      const storm = setInterval(() => {
        for (const w of [...writers.values()].flat()) {
          const text = w.doc.getText('t');
          if (text.length > 40 && Math.random() < 0.3) text.delete(Math.floor(Math.random() * (text.length - 3)), 3);
          else text.insert(Math.floor(Math.random() * (text.length + 1)), String.fromCharCode(97 + Math.floor(Math.random() * 26)));
        }
      }, 3);
      try {
        await waitFor(() => report.updatesReceived - startReceived >= killAfter, { what: `${killAfter} updates received`, timeoutMs: 60_000 });
        await server.kill();
      } finally {
        clearInterval(storm);
      }
      for (const w of [...writers.values()].flat()) {
        w.provider?.destroy();
        w.provider = null;
      }
      server = await startProbeChild(env);
      for (const docId of docIds) {
        const fresh = await connectClient(server.url, docId);
        const gap = missing(fresh.doc, seen.get(docId)!);
        fresh.destroy();
        report.updatesLost += gap.structs;
        if (gap.structs > 0 || gap.changed) report.documentsWithLoss += 1;
      }
      await connectAll();
      const converged = await Promise.all(
        docIds.map(async (docId) => {
          const fresh = await connectClient(server.url, docId);
          const list = writers.get(docId)!;
          const ok = await waitFor(() => list.every((w) => sameReplica(w.doc, fresh.doc)), { what: `${docId} converged`, timeoutMs: 30_000 }).catch(() => false);
          fresh.destroy();
          return ok;
        }),
      );
      if (converged.some((ok) => !ok)) report.cyclesNotConverged += 1;
      report.cyclesSurvived = cycle;
      log(`cycle ${cycle}: killed after ${killAfter} updates; received so far ${report.updatesReceived}, lost ${report.updatesLost}`);
    }
    return report;
  } finally {
    for (const w of [...writers.values()].flat()) {
      w.provider?.destroy();
      w.doc.destroy();
    }
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
