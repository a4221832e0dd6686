/**
 * Group commits across rooms under sustained writes, where commits run back to back and the commit
 * window (server/collab/commit-queue.ts) holds each next one back a little so more updates share it:
 * every frame a receiver gets holds only updates whose transaction had committed before it was sent,
 * and in the end every receiver holds exactly its writer's text, over real sockets and real SQLite.
 */
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMessage, writeSyncUpdate } from '../../shared/protocol/index.js';
import type { AppendEntry, DocumentStore } from '../../server/storage/types.js';
import type { TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { useRelayFixture } from './relay-fixture.js';

const relay = useRelayFixture();

const ROOMS = ['window-a', 'window-b', 'window-c', 'window-d'];
const KEYS_PER_ROOM = 240;
/** Keys typed per event-loop turn: faster than one commit each, so commits queue back to back. */
const KEYS_PER_TURN = 6;

/** What storage had committed, per document, when each commit completed. */
interface CommitLog {
  committed: Map<string, Y.Doc>;
  appends: number;
  entries: number;
  /** Commits that held updates of more than one room. */
  crossRoom: number;
}

/**
 * The real store, with each completed append applied to a per-document Y.Doc before the relay hears of
 * it. Each append first waits two timer turns, as a slower disk would: a frame the relay sent before its
 * commit completed would be read by its receiver (same process) while the commit is still under way.
 */
function recording(store: DocumentStore, log: CommitLog): DocumentStore {
  return {
    ...store,
    append: async (entries: readonly AppendEntry[]) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const seqs = await store.append(entries);
      log.appends += 1;
      log.entries += entries.length;
      if (new Set(entries.map((e) => e.docId)).size > 1) log.crossRoom += 1;
      for (const entry of entries) {
        let doc = log.committed.get(entry.docId);
        if (!doc) log.committed.set(entry.docId, (doc = new Y.Doc()));
        Y.applyUpdate(doc, entry.update);
      }
      return seqs;
    },
  };
}

/** True when `committed` already holds everything in `update`. */
function holds(committed: Y.Doc | undefined, update: Uint8Array): boolean {
  const probe = new Y.Doc();
  if (committed) Y.applyUpdate(probe, Y.encodeStateAsUpdate(committed));
  const before = Y.encodeStateVector(probe);
  Y.applyUpdate(probe, update);
  const same = Buffer.from(Y.encodeStateVector(probe)).equals(Buffer.from(before));
  probe.destroy();
  return same;
}

/** A raw receiver: applies every relayed update, and counts those that storage did not hold yet. */
async function receiver(s: TestServer, docId: string, log: CommitLog, early: string[]): Promise<Y.Doc> {
  const ws: WebSocket = await relay.socket(s, docId);
  const doc = new Y.Doc();
  ws.on('message', (data: Buffer) => {
    const message = readMessage(new Uint8Array(data));
    if (message.kind !== 'sync-update' && message.kind !== 'sync-step2') return;
    if (message.kind === 'sync-update' && !holds(log.committed.get(docId), message.update)) early.push(docId);
    Y.applyUpdate(doc, message.update);
  });
  return doc;
}

describe('commit window', () => {
  it('back-to-back commits across rooms release nothing before its commit, and lose nothing', { timeout: 60_000 }, async () => {
    const log: CommitLog = { committed: new Map(), appends: 0, entries: 0, crossRoom: 0 };
    const server = await relay.startWith({ wrapStore: (store) => recording(store, log) });
    const early: string[] = [];
    const rooms = await Promise.all(
      ROOMS.map(async (docId) => {
        const ws = await relay.socket(server, docId);
        const doc = new Y.Doc();
        doc.on('update', (update: Uint8Array) => ws.send(writeSyncUpdate(update)));
        return { docId, text: doc.getText('t'), received: await receiver(server, docId, log, early) };
      }),
    );

    for (let key = 0; key < KEYS_PER_ROOM; key += KEYS_PER_TURN) {
      for (const room of rooms) for (let k = 0; k < KEYS_PER_TURN; k++) room.text.insert(room.text.length, String.fromCharCode(97 + ((key + k) % 26)));
      await new Promise((resolve) => setImmediate(resolve));
    }

    for (const room of rooms) {
      await waitFor(() => room.received.getText('t').toString() === room.text.toString(), { what: `${room.docId} fully relayed`, timeoutMs: 30_000 });
    }
    expect(early).toEqual([]);
    // Commits did run back to back and carry several rooms' updates (else the window was never tried).
    expect(log.entries).toBeGreaterThanOrEqual(ROOMS.length * KEYS_PER_ROOM);
    expect(log.appends).toBeLessThan(log.entries / 2);
    expect(log.crossRoom).toBeGreaterThan(0);
    for (const room of rooms) expect(log.committed.get(room.docId)?.getText('t').toString()).toBe(room.text.toString());
  });
});
