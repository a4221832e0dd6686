/**
 * Documents' files (figures' images) inside a backup. On the embedded setup their bytes live under
 * DATA_DIR/files, not in the database, so a backup of the database alone would restore figures that
 * show nothing. The backup copies each file the copied database names into a table of its own,
 * `backup_files`, after SQLite's online backup (so exactly the files of that moment travel, and the
 * backup stays one file); the restore writes them back under DATA_DIR/files and drops the table.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { isValidDocId } from '../../../shared/limits.js';
import { BackupError } from './backup-error.js';
import { fsyncPath } from './files.js';

const TABLE = 'backup_files';
const FILE_ID = /^[0-9a-f]{64}$/;

/** What packing found: files copied into the backup and files whose bytes were gone. */
export interface PackedFiles {
  count: number;
  bytes: number;
  /** `docId/fileId` of rows whose bytes were missing (removed by the collector after the snapshot, or lost): their rows are dropped from the copy. */
  missing: string[];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readIfPresent(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Copies into `copy` (the backup, open) the bytes of every file row it holds whose bytes live on disk
 * under `filesDir`. A row whose bytes are gone is dropped, so the restored server never has a row
 * without bytes. One file is in memory at a time.
 */
export function packDocumentFiles(copy: BetterSqlite3.Database, filesDir: string): PackedFiles {
  const hasFiles = copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'document_files'").get() as { n: number };
  const packed: PackedFiles = { count: 0, bytes: 0, missing: [] };
  if (hasFiles.n === 0) return packed;
  copy.exec(`CREATE TABLE ${TABLE} (doc_id TEXT NOT NULL, id TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, id))`);
  const rows = copy.prepare('SELECT doc_id, id FROM document_files WHERE data IS NULL ORDER BY doc_id, id').all() as Array<{ doc_id: string; id: string }>;
  const insert = copy.prepare(`INSERT INTO ${TABLE} (doc_id, id, data) VALUES (?, ?, ?)`);
  const drop = copy.prepare('DELETE FROM document_files WHERE doc_id = ? AND id = ?');
  for (const row of rows) {
    const bytes = isValidDocId(row.doc_id) && FILE_ID.test(row.id) ? readIfPresent(path.join(filesDir, row.doc_id, row.id)) : null;
    // A file is named by its hash: bytes that do not match it are damaged and would be served as the image.
    if (!bytes || sha256(bytes) !== row.id) {
      packed.missing.push(`${row.doc_id}/${row.id}`);
      drop.run(row.doc_id, row.id);
      continue;
    }
    insert.run(row.doc_id, row.id, bytes);
    packed.count += 1;
    packed.bytes += bytes.byteLength;
  }
  return packed;
}

/**
 * Writes the files packed in `copy` (a backup being restored, open) under `filesDir`, each fsynced,
 * and drops the table. Returns how many files were written; 0 for a backup made before files existed.
 */
export function unpackDocumentFiles(copy: BetterSqlite3.Database, filesDir: string): number {
  const table = copy.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '${TABLE}'`).get() as { n: number };
  if (table.n === 0) return 0;
  let written = 0;
  const dirs = new Set<string>();
  for (const row of copy.prepare(`SELECT doc_id, id, data FROM ${TABLE}`).iterate() as Iterable<{ doc_id: string; id: string; data: Buffer }>) {
    if (!isValidDocId(row.doc_id) || !FILE_ID.test(row.id) || sha256(row.data) !== row.id) {
      throw new BackupError(`the backup holds a damaged file (${row.doc_id}/${row.id}): it does not match its name`);
    }
    const dir = path.join(filesDir, row.doc_id);
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, row.id);
    fs.writeFileSync(target, row.data, { flag: 'wx' });
    fsyncPath(target);
    dirs.add(dir);
    written += 1;
  }
  // The files' names are durable once their directories are, before the database that names them appears.
  for (const dir of dirs) fsyncPath(dir);
  if (dirs.size > 0) fsyncPath(filesDir);
  copy.exec(`DROP TABLE ${TABLE}`);
  // The restored database should not keep the images' bytes as free pages.
  copy.exec('VACUUM');
  return written;
}
