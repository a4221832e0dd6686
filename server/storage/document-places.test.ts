import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentPlace, forgetDocumentPlace } from './document-places.js';
import type { Storage } from './storage.js';
import { openSqliteStorage } from './sqlite/open.js';

describe('documentPlace (the commit listeners\' shared lookup of a document\'s workspace and creator)', () => {
  let dir: string;
  let storage: Storage;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-places-'));
    storage = await openSqliteStorage({ dataDir: dir, synchronous: 'FULL' });
  });

  afterEach(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function createDocument(id: string): Promise<void> {
    const { db } = storage;
    await db.insertInto('users').values({ id: 'u1', email: 'u1@example.test', name: 'U', password_hash: 'x', time_zone: 'UTC', created_at: 0, updated_at: 0 }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('workspaces').values({ id: 'w1', name: 'W', created_at: 0, updated_at: 0 }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('documents').values({ id, workspace_id: 'w1', title: 'T', template: 'blank', created_by: 'u1', created_at: 0, updated_at: 0, changed_by: '[]' }).execute();
  }

  it('finds a document created after a first miss, and keeps what it found through a rename and the trash', async () => {
    expect(await documentPlace(storage.db, 'd1')).toBeUndefined();
    await createDocument('d1');
    expect(await documentPlace(storage.db, 'd1')).toEqual({ workspaceId: 'w1', createdBy: 'u1' });
    await storage.db.updateTable('documents').set({ title: 'Renamed', deleted_at: 5 }).where('id', '=', 'd1').execute();
    expect(await documentPlace(storage.db, 'd1')).toEqual({ workspaceId: 'w1', createdBy: 'u1' });
  });

  it('looks again after forgetDocumentPlace', async () => {
    await createDocument('d2');
    expect(await documentPlace(storage.db, 'd2')).toEqual({ workspaceId: 'w1', createdBy: 'u1' });
    await storage.db.deleteFrom('documents').where('id', '=', 'd2').execute();
    forgetDocumentPlace(storage.db, 'd2');
    expect(await documentPlace(storage.db, 'd2')).toBeUndefined();
  });
});
