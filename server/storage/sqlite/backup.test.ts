/** What backup and restore refuse, on a real database (the whole round trip is test/operations/). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupSqliteDatabase } from './backup.js';
import { databaseFile, documentFilesDir } from './files.js';
import { openSqliteStorage } from './open.js';
import { restoreSqliteDatabase } from './restore.js';

const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function newDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-backup-'));
  dirs.push(dir);
  return dir;
}

/** A data directory holding a migrated Confer database, closed again. */
async function conferDataDir(): Promise<string> {
  const dir = newDir();
  const storage = await openSqliteStorage({ dataDir: dir, synchronous: 'NORMAL' });
  await storage.close();
  return dir;
}

describe('backup', () => {
  it('refuses a data directory without a database and an existing destination', async () => {
    const out = newDir();
    await expect(backupSqliteDatabase(newDir(), path.join(out, 'b.sqlite'))).rejects.toThrow(/no Confer database/);
    const dataDir = await conferDataDir();
    fs.writeFileSync(path.join(out, 'taken.sqlite'), 'an older backup');
    await expect(backupSqliteDatabase(dataDir, path.join(out, 'taken.sqlite'))).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(path.join(out, 'taken.sqlite'), 'utf8')).toBe('an older backup');
  });

  it('names what else lives in the data directory instead of copying it silently', async () => {
    const dataDir = await conferDataDir();
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'not ours');
    const result = await backupSqliteDatabase(dataDir, path.join(newDir(), 'b.sqlite'));
    expect(result.notCopied).toEqual(['notes.txt']);
    expect(result.files).toEqual({ count: 0, bytes: 0, missing: [] });
  });

  it('carries the documents\' files inside the one backup file, and restore puts them back', async () => {
    const dataDir = await conferDataDir();
    const kept = storeFile(dataDir, 'doc1', Buffer.from('an image'));
    const gone = storeFile(dataDir, 'doc1', Buffer.from('collected after the snapshot'));
    fs.rmSync(path.join(documentFilesDir(dataDir), 'doc1', gone));
    const damaged = storeFile(dataDir, 'doc2', Buffer.from('bytes that will not match'));
    fs.writeFileSync(path.join(documentFilesDir(dataDir), 'doc2', damaged), 'changed on disk');

    const backup = path.join(newDir(), 'b.sqlite');
    const result = await backupSqliteDatabase(dataDir, backup);
    expect(result.notCopied).toEqual([]);
    expect(result.files).toEqual({ count: 1, bytes: 8, missing: [`doc1/${gone}`, `doc2/${damaged}`].sort() });
    expect(fs.readdirSync(path.dirname(backup))).toEqual(['b.sqlite']);

    const restored = path.join(newDir(), 'data');
    expect(restoreSqliteDatabase(backup, restored)).toEqual({ files: 1 });
    expect(fs.readFileSync(path.join(documentFilesDir(restored), 'doc1', kept), 'utf8')).toBe('an image');
    expect(fs.readdirSync(documentFilesDir(restored))).toEqual(['doc1']);
    const db = new BetterSqlite3(databaseFile(restored), { readonly: true });
    try {
      // Every row has its bytes, and the packed copies are gone from the database.
      expect(db.prepare('SELECT doc_id, id FROM document_files').all()).toEqual([{ doc_id: 'doc1', id: kept }]);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'backup_files'").all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});

/** Stores bytes as the server's file store does on SQLite (bytes under files/, a row without data); returns the id. */
function storeFile(dataDir: string, docId: string, bytes: Buffer): string {
  const id = createHash('sha256').update(bytes).digest('hex');
  fs.mkdirSync(path.join(documentFilesDir(dataDir), docId), { recursive: true });
  fs.writeFileSync(path.join(documentFilesDir(dataDir), docId, id), bytes);
  const db = new BetterSqlite3(databaseFile(dataDir));
  try {
    db.prepare('INSERT INTO document_files (doc_id, id, content_type, byte_size, created_by, created_at, data) VALUES (?, ?, ?, ?, NULL, 0, NULL)').run(docId, id, 'image/png', bytes.byteLength);
  } finally {
    db.close();
  }
  return id;
}

describe('restore', () => {
  it('refuses a file that is not a Confer database, leaving the data directory empty', () => {
    const junk = path.join(newDir(), 'junk.sqlite');
    fs.writeFileSync(junk, 'hello');
    const target = path.join(newDir(), 'data');
    expect(() => restoreSqliteDatabase(junk, target)).toThrow(/not a Confer backup/);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('refuses a data directory that is not empty', async () => {
    const source = await conferDataDir();
    const backup = path.join(newDir(), 'b.sqlite');
    await backupSqliteDatabase(source, backup);
    const occupied = newDir();
    fs.writeFileSync(path.join(occupied, 'anything'), '');
    expect(() => restoreSqliteDatabase(backup, occupied)).toThrow(/not empty/);
    expect(fs.existsSync(databaseFile(occupied))).toBe(false);
    const fresh = path.join(newDir(), 'data');
    restoreSqliteDatabase(backup, fresh);
    expect(fs.readdirSync(fresh)).toEqual(['confer.sqlite']);
  });
});
