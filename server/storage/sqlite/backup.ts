/**
 * A consistent copy of the embedded database while Confer runs, through SQLite's online backup API (the
 * bare file is not enough: recent commits live in the write-ahead log until a checkpoint).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BackupError } from './backup-error.js';
import { packDocumentFiles, type PackedFiles } from './backup-files.js';
import { assertConferDatabase, databaseFile, documentFilesDir, fsyncPath, isDatabaseFile } from './files.js';

export interface BackupResult {
  file: string;
  bytes: number;
  /** Entries of DATA_DIR that are neither the database nor documents' files: Confer keeps nothing else there, so they are not copied. */
  notCopied: string[];
  /** Documents' files (figures' images) copied into the backup file, and rows whose bytes were gone. */
  files: PackedFiles;
}

// Copy every page in one backup step: the step reads one snapshot of the database (WAL lets the server
// keep committing meanwhile), whereas small steps restart whenever the server writes in between and,
// under steady writes, might never finish.
const ALL_PAGES = 0x7fffffff;

/** Writes a self-contained copy of `dataDir`'s database to `destination`, which must not exist yet. */
export async function backupSqliteDatabase(dataDir: string, destination: string): Promise<BackupResult> {
  const source = databaseFile(dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`no Confer database at ${source} (set DATA_DIR or --data-dir)`);
  if (fs.existsSync(destination)) throw new BackupError(`${destination} already exists: choose a new file name`);
  if (!fs.existsSync(path.dirname(path.resolve(destination)))) throw new BackupError(`the directory of ${destination} does not exist`);
  // Written under a temporary name and renamed when whole: an interrupted backup never looks like one.
  const partial = `${destination}.partial-${process.pid}`;
  const filesDir = documentFilesDir(dataDir);
  let files: PackedFiles;
  try {
    const db = new BetterSqlite3(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      await db.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      db.close();
    }
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    try {
      // The copy inherits WAL mode; a rollback journal makes it one file that needs no companions.
      copy.pragma('journal_mode = DELETE');
      assertConferDatabase(copy, 'the copy');
      // After the snapshot: exactly the files its rows name. Files are written before their rows and
      // never change, so every row of the snapshot has whole bytes on disk unless they were collected since.
      files = copy.transaction(() => packDocumentFiles(copy, filesDir))();
    } finally {
      copy.close();
    }
    fsyncPath(partial);
    fs.renameSync(partial, destination);
    fsyncPath(path.dirname(path.resolve(destination)));
  } catch (error) {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${partial}-journal`, { force: true });
    throw error;
  }
  const notCopied = fs.readdirSync(dataDir).filter((name) => !isDatabaseFile(name) && path.join(dataDir, name) !== filesDir);
  return { file: destination, bytes: fs.statSync(destination).size, notCopied, files };
}
