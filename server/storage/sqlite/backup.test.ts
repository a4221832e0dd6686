/** What backup and restore refuse, on a real database (the whole round trip is test/operations/). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    expect(result.filesDir).toBeNull();
  });

  it('points at the documents\' files for the operator to copy, rather than calling them foreign', async () => {
    const dataDir = await conferDataDir();
    fs.mkdirSync(path.join(documentFilesDir(dataDir), 'doc1'), { recursive: true });
    const result = await backupSqliteDatabase(dataDir, path.join(newDir(), 'b.sqlite'));
    expect(result.notCopied).toEqual([]);
    expect(result.filesDir).toBe(documentFilesDir(dataDir));
  });
});

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
