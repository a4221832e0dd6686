/**
 * The relay end to end on PostgreSQL: stock clients edit through a server whose store is PostgreSQL
 * (a fresh schema per run), and the documents come back after a restart and after kill -9.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openAccessPolicy } from '../../server/collab/access.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const clients: TestClient[] = [];
const servers: TestServer[] = [];
const children: ChildServer[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
  for (const s of children.splice(0)) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
});

/** True when `doc` already holds everything in `seen`. */
function contains(doc: Y.Doc, seen: Uint8Array): boolean {
  return Y.snapshotContainsUpdate(Y.snapshot(doc), seen);
}

describeWithPostgres('relay on PostgreSQL', (url) => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  const start = async () => {
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema.name, COMPACT_AFTER_UPDATES: '10' };
    const server = await startTestServer({ policy: openAccessPolicy(), env });
    servers.push(server);
    return server;
  };

  it('two clients converge, the log compacts, and a restarted server brings the document back', async () => {
    const first = await start();
    expect(first.storage.engine).toBe('postgres');
    const a = await connectClient(first.url, 'pg-doc');
    const b = await connectClient(first.url, 'pg-doc');
    clients.push(a, b);
    for (let i = 0; i < 30; i++) {
      a.text.insert(a.text.length, 'a');
      b.text.insert(0, 'b');
    }
    await waitFor(() => a.text.length === 60 && b.text.toString() === a.text.toString(), { what: 'convergence' });
    const expected = a.text.toString();
    await waitFor(async () => (await first.storage.documents.load('pg-doc')).snapshot !== null, { what: 'a compaction' });
    for (const c of clients.splice(0)) c.destroy();
    await first.dispose();

    const second = await start();
    const fresh = await connectClient(second.url, 'pg-doc');
    clients.push(fresh);
    expect(fresh.text.toString()).toBe(expected);
  });

  it('kill -9 mid-stream loses nothing that any client had received', async () => {
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema.name, COMPACT_AFTER_UPDATES: '50' };
    const server = await startChildServer(env);
    children.push(server);
    const writers = [await connectClient(server.url, 'pg-crash'), await connectClient(server.url, 'pg-crash')];
    const observer = await connectClient(server.url, 'pg-crash');
    clients.push(...writers, observer);
    let received = 0;
    observer.doc.on('update', () => {
      received += 1;
    });
    const stream = setInterval(() => {
      for (const w of writers) for (let k = 0; k < 5; k++) w.text.insert(Math.floor(Math.random() * (w.text.length + 1)), 'x');
    }, 2);
    try {
      await waitFor(() => received >= 300, { what: '300 updates relayed', timeoutMs: 30_000 });
      server.child.kill('SIGKILL');
      await server.exited;
    } finally {
      clearInterval(stream);
    }
    await waitFor(() => !observer.provider.wsconnected, { what: 'observer disconnected' });
    const seen = Y.encodeStateAsUpdate(observer.doc);
    for (const c of clients.splice(0)) c.destroy();

    const restarted = await startChildServer(env);
    children.push(restarted);
    const fresh = await connectClient(restarted.url, 'pg-crash');
    clients.push(fresh);
    expect(fresh.text.length).toBeGreaterThan(0);
    expect(contains(fresh.doc, seen)).toBe(true);
  });
});
