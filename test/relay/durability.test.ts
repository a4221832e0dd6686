/**
 * The durability invariant over real processes: anything any client received from the server is
 * present after a restart, a graceful shutdown or kill -9.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openAccessPolicy } from '../../server/collab/access.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { connectClient, type TestClient } from '../helpers/clients.js';
import { startTestServer, tempDir } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

const clients: TestClient[] = [];
const children: ChildServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of children.splice(0)) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** True when `server` already contains everything in `seen` (applying it changes nothing). */
function contains(server: Y.Doc, seen: Uint8Array): boolean {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(server));
  const before = probe.getText('t').toString();
  const svBefore = Y.encodeStateVector(probe);
  Y.applyUpdate(probe, seen);
  const same = probe.getText('t').toString() === before && Buffer.from(Y.encodeStateVector(probe)).equals(Buffer.from(svBefore));
  probe.destroy();
  return same;
}

describe('durability', () => {
  it('a restarted server brings every document back identical', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir, policy: openAccessPolicy() });
    const expected = new Map<string, string>();
    for (const docId of ['alpha', 'beta', 'gamma']) {
      const a = await connectClient(first.url, docId);
      const b = await connectClient(first.url, docId);
      clients.push(a, b);
      a.text.insert(0, `${docId} from a. `);
      b.text.insert(0, `${docId} from b. `);
      await waitFor(() => a.text.toString() === b.text.toString() && a.text.length > 20, { what: `${docId} converged` });
      expected.set(docId, a.text.toString());
    }
    for (const c of clients.splice(0)) c.destroy();
    await first.dispose();

    const second = await startTestServer({ dataDir, policy: openAccessPolicy() });
    try {
      for (const [docId, text] of expected) {
        const c = await connectClient(second.url, docId);
        clients.push(c);
        expect(c.text.toString()).toBe(text);
      }
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await second.dispose();
    }
  });

  it('SIGTERM commits pending updates, closes sockets with 1012 and exits 0', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const server = await startChildServer({ DATA_DIR: dataDir });
    children.push(server);
    const writer = await connectClient(server.url, 'graceful');
    clients.push(writer);
    const codes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) codes.push(event.code);
    });
    const observer = await connectClient(server.url, 'graceful');
    clients.push(observer);
    for (let i = 0; i < 200; i++) writer.text.insert(writer.text.length, 'x');
    await waitFor(() => observer.text.length === 200, { what: 'observer received all edits' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await waitFor(() => codes.length > 0, { what: 'close event' });
    expect(codes[0]).toBe(1012);
    const seen = Y.encodeStateAsUpdate(observer.doc);
    for (const c of clients.splice(0)) c.destroy();

    const restarted = await startChildServer({ DATA_DIR: dataDir });
    children.push(restarted);
    const fresh = await connectClient(restarted.url, 'graceful');
    clients.push(fresh);
    expect(fresh.text.length).toBe(200);
    expect(contains(fresh.doc, seen)).toBe(true);
  });

  it('kill -9 mid-stream loses nothing that any client had received', { timeout: 180_000 }, async () => {
    for (let trial = 0; trial < 3; trial++) {
      const dataDir = tempDir();
      dirs.push(dataDir);
      const server = await startChildServer({ DATA_DIR: dataDir });
      children.push(server);
      const writers = [await connectClient(server.url, 'crash'), await connectClient(server.url, 'crash'), await connectClient(server.url, 'crash')];
      const observer = await connectClient(server.url, 'crash');
      clients.push(...writers, observer);
      let received = 0;
      observer.doc.on('update', () => {
        received += 1;
      });
      // Kill after a random number of relayed updates: a random moment, chosen by a condition.
      const killAfter = 50 + Math.floor(Math.random() * 400);
      const stream = setInterval(() => {
        for (const w of writers) {
          for (let k = 0; k < 5; k++) w.text.insert(Math.floor(Math.random() * (w.text.length + 1)), 'abcdefghij'[k] ?? 'z');
        }
      }, 2);
      try {
        await waitFor(() => received >= killAfter, { what: `${killAfter} updates relayed`, timeoutMs: 30_000 });
        server.child.kill('SIGKILL');
        await server.exited;
      } finally {
        clearInterval(stream);
      }
      await waitFor(() => !observer.provider.wsconnected, { what: 'observer disconnected' });
      const seen = Y.encodeStateAsUpdate(observer.doc);
      for (const c of clients.splice(0)) c.destroy();

      const restarted = await startChildServer({ DATA_DIR: dataDir });
      children.push(restarted);
      const fresh = await connectClient(restarted.url, 'crash');
      clients.push(fresh);
      expect(fresh.text.length).toBeGreaterThan(0);
      expect(contains(fresh.doc, seen)).toBe(true);
      for (const c of clients.splice(0)) c.destroy();
      for (const s of children.splice(0)) {
        s.child.kill('SIGKILL');
        await s.exited;
      }
    }
  });
});
