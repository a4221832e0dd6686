/**
 * HTTP reads of a document (here its Markdown export through a real server) contain nothing that is not
 * durable: an edit whose commit is in flight makes the read wait, an edit whose commit fails never
 * appears, and a read (or a server-made change) under steady writes from another client still completes. The faulty store holds
 * commits in flight (`beforeAppend`) so each test orders events instead of timing them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Room } from '../../server/collab/room.js';
import { applyJsonToDoc, docToJson, toPlainText } from '../../server/text/index.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { createFaults, faultyStore, type Faults } from './faulty-store.js';

// Search, versions and activity read documents on their own after commits; far-off debounces keep the
// export the only reader, so "a read is waiting" means the export's.
const quiet = { indexDelayMs: 600_000, versionIdleMs: 600_000, versionMaxWaitMs: 600_000, activityIdleMs: 600_000, activityMaxWaitMs: 600_000 };

let server: TestServer;
let faults: Faults;
let owner: ApiClient;
let docId: string;
const clients: TestClient[] = [];
/** Gates a test may leave closed: opened after each test, so shutdown can drain the commit queue. */
const gates: Array<() => void> = [];

beforeEach(async () => {
  faults = createFaults();
  server = await startTestServer({ timings: quiet, wrapStore: (store) => faultyStore(store, faults) });
  owner = new ApiClient(server.url);
  await owner.signup('Olga Owner');
  docId = await owner.document(await owner.workspace('Cardiology group'), 'Trial protocol');
});

afterEach(async () => {
  faults.beforeAppend = null;
  faults.failAppends = false;
  for (const open of gates.splice(0)) open();
  for (const c of clients.splice(0)) c.destroy();
  await server.dispose();
});

async function writer(): Promise<TestClient> {
  const c = await owner.connect(docId);
  clients.push(c);
  return c;
}

/** Makes the writer's document these paragraphs (sent to the server like any edit). */
function write(c: TestClient, lines: string[]): void {
  applyJsonToDoc(c.doc, { type: 'doc', content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
}

function plain(source: Y.Doc | Uint8Array): string {
  return toPlainText(docToJson(source));
}

async function storedPlain(): Promise<string> {
  const stored = await server.storage.documents.load(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const text = plain(doc);
  doc.destroy();
  return text;
}

function liveRoom(): Room {
  const room = server.hub.registry.peek(docId);
  if (!room) throw new Error('the room is not open');
  return room;
}

/** Starts the Markdown export; `settled` turns true once the server has answered. */
function startExport(): { answer: Promise<{ status: number; body: string }>; readonly settled: boolean } {
  const state = {
    settled: false,
    answer: owner.get(`/api/documents/${docId}/export?format=md`).then((res) => {
      state.settled = true;
      return { status: res.status, body: String(res.body) };
    }),
  };
  return state;
}

/** From now on, appends wait until `open` is called; `held` resolves once a commit waits there. */
function holdCommits(): { held: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  gates.push(open);
  let held = 0;
  faults.beforeAppend = () => {
    held += 1;
    return gate;
  };
  return { held: waitFor(() => held > 0, { what: 'a commit held in flight' }).then(() => undefined), open };
}

/** Rounds of writing after which the writer stops: a wait that outlasts the writes reaches it. */
const steadyCap = 100;

/**
 * Runs `action` while a client writes steadily: every commit is held until the writer's next edit has
 * reached the room, so from then on something applied is always uncommitted, and "wait until nothing is
 * in flight" would wait until the writes stop. Returns how many edits were written when `action` started
 * (edits before that one were applied by then) and when it finished.
 */
async function underSteadyWrites<T>(action: () => Promise<T>): Promise<{ started: number; writtenWhenDone: number; result: T }> {
  const alice = await writer();
  await waitFor(() => server.hub.registry.peek(docId), { what: 'room open' });
  let written = 0;
  let done = false;
  const lines = () => Array.from({ length: written }, (_, i) => `Edit ${i + 1}.`);
  faults.beforeAppend = async () => {
    if (done || written >= steadyCap) return;
    written += 1;
    const marker = `Edit ${written}.`;
    write(alice, lines());
    await waitFor(() => plain(liveRoom().doc).includes(marker), { what: `${marker} applied` });
  };
  written = 1;
  write(alice, lines());
  await waitFor(() => written >= 5, { what: 'steady writes' });
  const started = written;
  const result = await action();
  const writtenWhenDone = written;
  done = true;
  return { started, writtenWhenDone, result };
}

describe('HTTP reads contain nothing that is not durable', () => {
  it('an export taken while the edit’s commit fails never contains the edit', async () => {
    const alice = await writer();
    write(alice, ['Committed line.']);
    await waitFor(async () => (await storedPlain()).includes('Committed line.'), { what: 'first edit stored' });

    faults.failAppends = true;
    const commit = holdCommits();
    write(alice, ['Committed line.', 'UNCOMMITTED line.']);
    await commit.held;
    const room = liveRoom();
    expect(plain(room.doc)).toContain('UNCOMMITTED');

    const exported = startExport();
    // Ordering, not timing: the read is waiting for the commit (or, before the fix, already answered).
    await waitFor(() => exported.settled || room.durabilityWaiters > 0, { what: 'the export waiting for the commit' });
    // Nobody may resend the edit once the room reloads: then the retried read has one possible answer.
    alice.destroy();
    clients.splice(clients.indexOf(alice), 1);
    commit.open();
    const { status, body } = await exported.answer;
    expect(body).not.toContain('UNCOMMITTED');
    expect(status).toBe(200);
    expect(body).toContain('Committed line.');
    expect(faults.refused.append).toBeGreaterThan(0);
    expect(room.isFailed).toBe(true);
    expect(await storedPlain()).not.toContain('UNCOMMITTED');
  });

  it('a read waits for the commit in flight and returns everything before it, but nothing applied meanwhile', async () => {
    const alice = await writer();
    write(alice, ['Line one.']);
    await waitFor(async () => (await storedPlain()).includes('Line one.'), { what: 'first edit stored' });

    const second = holdCommits();
    write(alice, ['Line one.', 'Line two.']);
    await second.held;
    const room = liveRoom();
    const exported = startExport();
    await waitFor(() => exported.settled || room.durabilityWaiters > 0, { what: 'the export waiting for the commit' });
    expect(exported.settled).toBe(false);
    // An edit applied while the read waits; its commit is held too, so it is not durable when the read answers.
    const third = holdCommits();
    write(alice, ['Line one.', 'Line two.', 'Line three.']);
    await waitFor(() => plain(room.doc).includes('Line three.'), { what: 'the third edit applied' });
    second.open();
    const { status, body } = await exported.answer;
    expect(status).toBe(200);
    expect(body).toContain('Line one.');
    expect(body).toContain('Line two.');
    expect(body).not.toContain('Line three.');
    await third.held;
    expect(await storedPlain()).not.toContain('Line three.');
    third.open();
    await waitFor(async () => (await storedPlain()).includes('Line three.'), { what: 'the third edit stored' });
  });

  it('a read under steady writes from another client completes while the writes go on', async () => {
    const { started, writtenWhenDone, result } = await underSteadyWrites(() => startExport().answer);
    expect(result.status).toBe(200);
    expect(writtenWhenDone).toBeLessThan(steadyCap);
    for (let i = 1; i < started; i += 1) expect(result.body).toContain(`Edit ${i}.`);
  });

  it('a server-made change (a version restore, a seed) is durable under steady writes too', async () => {
    const change = new Y.Doc();
    change.getText('server-note').insert(0, 'restored');
    const update = Y.encodeStateAsUpdate(change);
    change.destroy();
    const { writtenWhenDone } = await underSteadyWrites(() => server.hub.applyServerUpdate(docId, update));
    expect(writtenWhenDone).toBeLessThan(steadyCap);
    const stored = await server.storage.documents.load(docId);
    const doc = new Y.Doc();
    for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(doc, u);
    expect(doc.getText('server-note').toString()).toBe('restored');
    doc.destroy();
  });

  it('a read while storage refuses to load the document answers 503 with Retry-After, then reads again once it loads', async () => {
    const alice = await writer();
    write(alice, ['Stored before the outage.']);
    await waitFor(async () => (await storedPlain()).includes('Stored before the outage.'), { what: 'stored' });
    alice.destroy();
    clients.splice(clients.indexOf(alice), 1);
    await waitFor(() => server.hub.registry.size === 0, { what: 'room unloaded' });

    faults.failLoads = true;
    const refused = await owner.get(`/api/documents/${docId}/export?format=md`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ error: { code: 'document_unavailable' } });

    faults.failLoads = false;
    const again = await owner.get(`/api/documents/${docId}/export?format=md`);
    expect(again.status).toBe(200);
    expect(String(again.body)).toContain('Stored before the outage.');
  });

  it('reads an unloaded document from storage (nothing to wait for)', async () => {
    const alice = await writer();
    write(alice, ['Stored and unloaded.']);
    await waitFor(async () => (await storedPlain()).includes('Stored and unloaded.'), { what: 'stored' });
    alice.destroy();
    clients.splice(0);
    await waitFor(() => server.hub.registry.size === 0, { what: 'room unloaded' });
    const { status, body } = await startExport().answer;
    expect(status).toBe(200);
    expect(body).toContain('Stored and unloaded.');
  });
});
