/**
 * The handshake answers a room caches (server/collab/sync-cache.ts) are never stale, and a document
 * loaded from storage, from a log that was never compacted or from a snapshot alone (whose bytes then
 * answer the first joiner without an encoding), is what was written: on SQLite and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { openAccessPolicy } from '../../server/collab/access.js';
import { readMessage, writeSyncStep1 } from '../../shared/protocol/index.js';
import { connectClient, framesOf, rawSocket, type TestClient } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const clients: TestClient[] = [];
const sockets: WebSocket[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ policy: openAccessPolicy(), env });
  servers.push(server);
  return server;
}

/** Joins `docId` on a raw socket with `doc`'s state vector and applies the server's step2 to `doc`. */
async function joinInto(server: TestServer, docId: string, doc: Y.Doc): Promise<void> {
  const ws = await rawSocket(server.url, docId);
  sockets.push(ws);
  ws.send(writeSyncStep1(Y.encodeStateVector(doc)));
  const step2 = await waitFor(
    () => {
      for (const frame of framesOf(ws)) {
        const message = readMessage(frame);
        if (message.kind === 'sync-step2') return message.update;
      }
      return undefined;
    },
    { what: `a step2 on ${docId}` },
  );
  if (!step2) throw new Error('unreachable: waitFor resolves only with a step2');
  Y.applyUpdate(doc, step2);
  ws.terminate();
}

/** A new document holding what a fresh joiner of `docId` receives. */
async function freshJoin(server: TestServer, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await joinInto(server, docId, doc);
  return doc;
}

/** Same content, same state vector, same deletions. */
function expectSame(doc: Y.Doc, expected: Y.Doc): void {
  expect(doc.getText('t').toString()).toBe(expected.getText('t').toString());
  expect(Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(expected))).toBe(true);
}

function liveDoc(server: TestServer, docId: string): Y.Doc {
  const doc = server.hub.registry.peek(docId)?.doc;
  if (!doc) throw new Error(`${docId} is not open`);
  return doc;
}

describe('cached handshake answers', () => {
  it('a joiner after each of many edits gets exactly the live document, new or reconnecting', async () => {
    const server = await start();
    const writer = await connectClient(server.url, 'cache-edits');
    clients.push(writer);
    // Follows the document only through its own joins: its state vector is the server's before each
    // edit, so an edit that only deletes leaves the two state vectors equal (the cached "nothing new" answer).
    const reconnecting = new Y.Doc();
    for (let round = 0; round < 40; round++) {
      const text = writer.text;
      if (round % 3 === 2 && text.length > 4) text.delete(round % text.length, 2);
      else text.insert(round % (text.length + 1), `r${round} `);
      await waitFor(() => liveDoc(server, 'cache-edits').getText('t').toString() === text.toString(), { what: `round ${round} applied` });
      const live = liveDoc(server, 'cache-edits');
      for (let joiner = 0; joiner < 2; joiner++) {
        const fresh = await freshJoin(server, 'cache-edits');
        expectSame(fresh, live);
        fresh.destroy();
      }
      await joinInto(server, 'cache-edits', reconnecting);
      expectSame(reconnecting, live);
    }
  });
});

describe('a document at rest', () => {
  it('is folded into a snapshot alone once quiet, below the compaction thresholds, and reopens as written', async () => {
    const server = await start({ ROOM_UNLOAD_GRACE_MS: '60000' });
    const writer = await connectClient(server.url, 'at-rest');
    clients.push(writer);
    for (let i = 0; i < 20; i++) writer.text.insert(writer.text.length, `${i}`.padEnd(1_000, '.'));
    await waitFor(async () => (await server.storage.documents.load('at-rest')).snapshot !== null, { what: 'the quiet compaction' });
    const stored = await server.storage.documents.load('at-rest');
    expect(stored.updates).toHaveLength(0);
    const reopened = new Y.Doc();
    Y.applyUpdate(reopened, stored.snapshot!);
    expectSame(reopened, writer.doc);
    expectSame(await freshJoin(server, 'at-rest'), writer.doc);
  });
});

/** `rows` updates of mixed inserts and deletions by two writers, each one its own update. */
function writtenDocument(rows: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const other = new Y.Doc();
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  for (let i = 0; i < rows; i++) {
    const writer = i % 4 === 3 ? other : doc;
    if (writer === other) {
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
      const before = Y.encodeStateVector(doc);
      other.getText('t').insert(0, `o${i} `);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
    } else {
      const text = doc.getText('t');
      if (i % 5 === 4 && text.length > 3) text.delete(i % (text.length - 2), 2);
      else text.insert(i % (text.length + 1), `w${i} `);
    }
  }
  doc.off('update', record);
  other.destroy();
  return { doc, updates };
}

function coldOpens(open: () => Promise<TestServer>): void {
  it('a log that was never compacted opens as the document that was written', async () => {
    const server = await open();
    const { doc, updates } = writtenDocument(400);
    await server.storage.documents.append(updates.map((update) => ({ docId: 'never-compacted', update })));
    const joined = await freshJoin(server, 'never-compacted');
    expectSame(joined, doc);
    expectSame(liveDoc(server, 'never-compacted'), doc);
  });

  it('a snapshot with log rows after it opens as the document that was written', async () => {
    const server = await open();
    const { doc, updates } = writtenDocument(300);
    const early = new Y.Doc();
    for (const update of updates.slice(0, 200)) Y.applyUpdate(early, update);
    const seqs = await server.storage.documents.append(updates.slice(0, 200).map((update) => ({ docId: 'snapshot-and-log', update })));
    await server.storage.documents.compact('snapshot-and-log', Y.encodeStateAsUpdate(early), seqs.at(-1)!);
    await server.storage.documents.append(updates.slice(200).map((update) => ({ docId: 'snapshot-and-log', update })));
    expectSame(await freshJoin(server, 'snapshot-and-log'), doc);
    expectSame(liveDoc(server, 'snapshot-and-log'), doc);
  });

  it('a snapshot alone answers its first joiner, and the next edit reaches every later joiner', async () => {
    const server = await open();
    const { doc } = writtenDocument(200);
    const [seq] = await server.storage.documents.append([{ docId: 'snapshot-only', update: Y.encodeStateAsUpdate(doc) }]);
    await server.storage.documents.compact('snapshot-only', Y.encodeStateAsUpdate(doc), seq!);
    expect((await server.storage.documents.load('snapshot-only')).updates).toHaveLength(0);
    expectSame(await freshJoin(server, 'snapshot-only'), doc);
    const writer = await connectClient(server.url, 'snapshot-only');
    clients.push(writer);
    writer.text.delete(0, 3);
    writer.text.insert(0, 'edited ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer.doc));
    await waitFor(() => liveDoc(server, 'snapshot-only').getText('t').toString() === writer.text.toString(), { what: 'the edit applied' });
    expectSame(await freshJoin(server, 'snapshot-only'), doc);
    expectSame(liveDoc(server, 'snapshot-only'), doc);
  });
}

describe('cold open on SQLite', () => {
  coldOpens(() => start({ COMPACT_AFTER_UPDATES: '100000' }));
});

describeWithPostgres('cold open on PostgreSQL', (url) => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    await schema?.drop();
  });
  coldOpens(() => start({ DATABASE_URL: url, DATABASE_SCHEMA: schema.name, COMPACT_AFTER_UPDATES: '100000' }));
});
