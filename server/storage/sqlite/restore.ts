/** Puts a backup (see backup.ts) in place as the database of a new, empty data directory. */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { BackupError } from './backup-error.js';
import { unpackDocumentFiles } from './backup-files.js';
import { assertConferDatabase, databaseFile, documentFilesDir, fsyncPath } from './files.js';

/**
 * Restores `backupFile` into `dataDir`, which must be missing or empty: restoring over a database would
 * throw away whatever it holds, and over a running server would corrupt it.
 */
export function restoreSqliteDatabase(backupFile: string, dataDir: string): { files: number } {
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) throw new BackupError(`no backup file at ${backupFile}`);
  if (fs.existsSync(dataDir)) {
    if (!fs.statSync(dataDir).isDirectory()) throw new BackupError(`${dataDir} is not a directory`);
    const entries = fs.readdirSync(dataDir);
    if (entries.length > 0) {
      throw new BackupError(`${dataDir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): restore into a new or empty directory`);
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const target = databaseFile(dataDir);
  // Checked and prepared under a temporary name: a server started on dataDir meanwhile sees no half-restored database.
  const partial = `${target}.restoring`;
  const filesDir = documentFilesDir(dataDir);
  try {
    fs.copyFileSync(backupFile, partial, fs.constants.COPYFILE_EXCL);
    checkBackup(partial, backupFile);
    // The images first: the database that names them appears only once they are all on disk.
    const files = unpackFiles(partial, filesDir);
    fsyncPath(partial);
    fs.renameSync(partial, target);
    fsyncPath(dataDir);
    return { files };
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
    // dataDir was empty: whatever is under files/ came from this restore.
    fs.rmSync(filesDir, { recursive: true, force: true });
    throw error;
  }
}

/** Moves the backup's packed images under `filesDir` and out of the database copy. */
function unpackFiles(copy: string, filesDir: string): number {
  const db = new BetterSqlite3(copy, { fileMustExist: true });
  try {
    return unpackDocumentFiles(db, filesDir);
  } finally {
    db.close();
  }
}

/** Throws a BackupError unless `copy` (of `backupFile`) is a whole Confer database. */
function checkBackup(copy: string, backupFile: string): void {
  try {
    const db = new BetterSqlite3(copy, { fileMustExist: true });
    try {
      // The server switches the file to WAL when it opens it, as at every start.
      assertConferDatabase(db, backupFile);
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${backupFile} is not a Confer backup: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
