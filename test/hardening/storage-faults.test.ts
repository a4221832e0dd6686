/**
 * Storage faults: a store that stops answering (injected at the DocumentStore seam) and a real SQLite
 * database on a file system that is full (a 16 MiB tmpfs filled with ballast). Nothing uncommitted is relayed, clients are closed with
 * the retryable 1013, nothing empty is ever written over stored data, and when storage returns the
 * clients reconnect on their own and their edits arrive.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openAccessPolicy } from '../../server/collab/access.js';
import { CloseCode, MessageType } from '../../shared/protocol/index.js';
import { closeOf, connectClient, framesOf, rawSocket, type TestClient } from '../helpers/clients.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';
import { createFaults, faultyStore, type Faults } from './faulty-store.js';

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
  server = undefined;
});

async function client(s: TestServer, docId: string): Promise<TestClient> {
  const c = await connectClient(s.url, docId);
  clients.push(c);
  return c;
}

async function storedText(s: TestServer, docId: string): Promise<string> {
  const stored = await s.storage.documents.load(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const text = doc.getText('t').toString();
  doc.destroy();
  return text;
}

/** Close codes a provider has seen. */
function closeCodes(c: TestClient): number[] {
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/**
 * Starts writing `marker` from `writer` while storage is broken, checks that `reader` never gets it and
 * that the writer is told to retry, then repairs storage and waits for the edit to arrive everywhere.
 */
async function editSurvivesOutage(s: TestServer, writer: TestClient, reader: TestClient, marker: string, breakStorage: () => Promise<void> | void, repair: () => Promise<void> | void, refusedTwice: () => boolean | Promise<boolean>) {
  const docId = writer.provider.roomname;
  const before = await storedText(s, docId);
  let repaired = false;
  const leaks: string[] = [];
  reader.doc.on('update', () => {
    if (!repaired && reader.text.toString().includes(marker)) leaks.push(reader.text.toString());
  });
  const writerCodes = closeCodes(writer);
  const readerCodes = closeCodes(reader);
  await breakStorage();
  writer.text.insert(writer.text.length, marker);
  await waitFor(() => writerCodes.includes(CloseCode.TryAgainLater), { what: 'writer closed with 1013' });
  expect(readerCodes.every((code) => code === CloseCode.TryAgainLater)).toBe(true);
  // The stock client reconnects and resends by itself; storage refuses it again, and still nothing leaks.
  await waitFor(refusedTwice, { what: 'the resent edit refused again' });
  expect(leaks).toEqual([]);
  expect(await storedText(s, docId)).toBe(before);
  repaired = true;
  await repair();
  await waitFor(() => reader.text.toString() === before + marker, { what: 'edit arrives after recovery', timeoutMs: 20_000 });
  await waitFor(async () => (await storedText(s, docId)) === before + marker, { what: 'edit stored after recovery' });
}

describe('a store that fails (injected at the DocumentStore seam)', () => {
  let faults: Faults;

  async function start(): Promise<TestServer> {
    faults = createFaults();
    server = await startTestServer({ policy: openAccessPolicy(), wrapStore: (store) => faultyStore(store, faults) });
    return server;
  }

  it('failing commits: nothing relayed, 1013, nothing lost once storage returns', async () => {
    const s = await start();
    const [alice, bob] = [await client(s, 'append-fault'), await client(s, 'append-fault')];
    alice.text.insert(0, 'stored. ');
    await waitFor(async () => (await storedText(s, 'append-fault')) === 'stored. ', { what: 'first edit stored' });
    await waitFor(() => bob.text.toString() === 'stored. ', { what: 'bob in sync' });
    await editSurvivesOutage(
      s,
      alice,
      bob,
      'UNCOMMITTED',
      () => {
        faults.failAppends = true;
      },
      () => {
        faults.failAppends = false;
      },
      () => faults.refused.append >= 2,
    );
  });

  it('failing loads refuse the socket with 1013 and never write an empty document over stored data', async () => {
    const s = await start();
    const writer = await client(s, 'load-fault');
    writer.text.insert(0, 'precious research notes');
    await waitFor(async () => (await storedText(s, 'load-fault')) === 'precious research notes', { what: 'stored' });
    writer.destroy();
    clients.splice(clients.indexOf(writer), 1);
    await waitFor(() => s.hub.registry.size === 0, { what: 'room unloaded' });
    const writesBefore = faults.compactions.length;

    faults.failLoads = true;
    const ws = await rawSocket(s.url, 'load-fault');
    expect((await closeOf(ws)).code).toBe(CloseCode.TryAgainLater);
    // Not even a greeting: there was no document to greet with.
    expect(framesOf(ws).filter((f) => f[0] === MessageType.Sync)).toEqual([]);
    // A stock client keeps retrying meanwhile; every attempt is refused and nothing is written.
    const waiting = connectClient(s.url, 'load-fault');
    await waitFor(() => faults.refused.load >= 3, { what: 'several refused loads' });
    expect(faults.compactions.length).toBe(writesBefore);
    expect(s.hub.registry.size).toBe(0);
    expect(await storedText(s, 'load-fault')).toBe('precious research notes');

    faults.failLoads = false;
    const reader = await waiting;
    clients.push(reader);
    expect(reader.text.toString()).toBe('precious research notes');
    for (const snapshot of faults.compactions) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, snapshot);
      expect(doc.getText('t').toString()).toContain('precious research notes');
      doc.destroy();
    }
  });
});

/** Mounts a small tmpfs (a real file system that fills up); null when this machine does not allow mounts. */
function mountSmallFs(sizeMb: number): { dir: string; unmount(): void } | null {
  const dir = tempDir('confer-fullfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probeMount = mountSmallFs(1);
probeMount?.unmount();
// Mounting needs root with CAP_SYS_ADMIN. Without it the suite says so loudly, and fails under CI.
const canMount = probeMount !== null || process.env.CI === 'true';
if (!canMount) console.warn('\n!!! SKIPPING the full-file-system test: this machine does not allow mounting a tmpfs (needs root). !!!\n');

describe.skipIf(!canMount)('SQLite on a file system that is full (a small tmpfs)', () => {
  it('commits fail with SQLITE_FULL: nothing relayed, 1013, and the edit arrives once there is room', { timeout: 60_000 }, async () => {
    const fsMount = mountSmallFs(16);
    if (!fsMount) throw new Error('could not mount a tmpfs: the full-file-system test needs root with CAP_SYS_ADMIN');
    const ballast = path.join(fsMount.dir, 'ballast');
    try {
      server = await startTestServer({ policy: openAccessPolicy(), dataDir: fsMount.dir });
      const s = server;
      const [alice, bob] = [await client(s, 'disk-full'), await client(s, 'disk-full')];
      alice.text.insert(0, 'before. ');
      await waitFor(async () => (await storedText(s, 'disk-full')) === 'before. ', { what: 'stored' });
      await waitFor(() => bob.text.toString() === 'before. ', { what: 'bob in sync' });
      const retryCloses = async () => (await s.metrics.closes.get()).values.find((v) => v.labels.code === String(CloseCode.TryAgainLater))?.value ?? 0;
      // A big edit needs room in the WAL; the file system has a few KiB left.
      const big = `${'full disk '.repeat(50_000)}END`;
      await editSurvivesOutage(
        s,
        alice,
        bob,
        big,
        () => {
          const free = fs.statfsSync(fsMount.dir);
          fs.writeFileSync(ballast, Buffer.alloc(Math.max(0, free.bavail * free.bsize - 16 * 1024)));
        },
        () => fs.rmSync(ballast),
        // Each failed commit closes both clients with 1013: four closes mean the resent edit failed too.
        async () => (await retryCloses()) >= 4,
      );
    } finally {
      for (const c of clients.splice(0)) c.destroy();
      await server?.dispose();
      server = undefined;
      fsMount.unmount();
    }
  });
});
