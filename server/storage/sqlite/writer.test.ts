/**
 * The SQLite log writer thread on a real database: a group commit does not wait behind compactions
 * queued before it (many rooms unloading at once), and the order rules that keep the log correct.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../storage.js';
import type { WriterRequest } from './writer-protocol.js';
import { openSqliteStorage } from './open.js';
import { takeNextRequest } from './writer-queue.js';

const opened: Array<{ dir: string; storage: Storage }> = [];

afterEach(async () => {
  for (const { dir, storage } of opened.splice(0)) {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function open(): Promise<Storage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-writer-'));
  const storage = await openSqliteStorage({ dataDir: dir, synchronous: 'FULL' });
  opened.push({ dir, storage });
  return storage;
}

const update = Uint8Array.of(0, 0);

describe('SQLite log writer', () => {
  it('runs a group commit ahead of the compactions queued before it', async () => {
    const { documents } = await open();
    const rooms = Array.from({ length: 40 }, (_, i) => `room-${i}`);
    await documents.append(rooms.map((docId) => ({ docId, update })));
    const finished: string[] = [];
    // Forty rooms unload at once, then a client's edit arrives.
    const compactions = rooms.map((docId) => documents.compact(docId, update, 1_000).then(() => finished.push(docId)));
    const commit = documents.append([{ docId: 'busy', update }]).then(() => finished.push('commit'));
    await Promise.all([...compactions, commit]);
    expect(finished.indexOf('commit'), 'the commit waited for every compaction').toBeLessThan(rooms.length - 5);
    expect((await documents.load('busy')).updates).toHaveLength(1);
  });

  it('lets a commit overtake compactions but never a purge, and keeps compactions and purges in order', () => {
    let id = 0;
    const req = (op: 'append' | 'compact' | 'purge'): WriterRequest =>
      op === 'append' ? { id: ++id, op, entries: [] } : op === 'compact' ? { id: ++id, op, docId: 'd', snapshot: update, throughSeq: 1 } : { id: ++id, op, docId: 'd' };
    const queue = [req('compact'), req('compact'), req('append'), req('purge'), req('append'), req('compact')];
    const order: number[] = [];
    for (let next = takeNextRequest(queue); next; next = takeNextRequest(queue)) order.push(next.id);
    expect(order).toEqual([3, 1, 2, 4, 5, 6]);
  });
});
