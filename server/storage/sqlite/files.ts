/** The files of the embedded database inside DATA_DIR, named in one place (the server, backup and restore). */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { BackupError } from './backup-error.js';

const DATABASE_FILE_NAME = 'confer.sqlite';

/**
 * Where the embedded setup keeps documents' files (figures' images) inside DATA_DIR: immutable files
 * named by their hash, which a backup names for the operator to copy beside the database.
 */
export function documentFilesDir(dataDir: string): string {
  return path.join(dataDir, 'files');
}

/** The database file in `dataDir`. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

/**
 * True for the database file and SQLite's companions of it (write-ahead log, shared memory, rollback
 * journal): together they are the database, which only SQLite may copy while Confer runs.
 */
export function isDatabaseFile(name: string): boolean {
  return name === DATABASE_FILE_NAME || ['-wal', '-shm', '-journal'].some((suffix) => name === DATABASE_FILE_NAME + suffix);
}

/**
 * Throws unless `db` is a whole, readable Confer database: SQLite's quick check passes and the first
 * migration is recorded (so a stray SQLite file is not taken for a backup).
 */
export function assertConferDatabase(db: BetterSqlite3.Database, what: string): void {
  const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check);
  if (problems.join() !== 'ok') throw new BackupError(`${what} is damaged: ${problems.slice(0, 3).join('; ')}`);
  const migrations = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get() as { n: number };
  const first = migrations.n > 0 && db.prepare("SELECT 1 FROM kysely_migration WHERE name = '0001_document_log'").get();
  if (!first) throw new BackupError(`${what} is not a Confer database`);
}

/** fsyncs a file, or a directory (so a rename inside it is durable). */
export function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
