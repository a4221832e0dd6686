/** Opens a better-sqlite3 connection with Confer's settings (shared by the main thread and the log writer). */
import BetterSqlite3 from 'better-sqlite3';

export type Synchronous = 'FULL' | 'NORMAL';

export function openSqliteConnection(file: string, synchronous: Synchronous): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // Two connections write (the log writer and metadata): wait for the other's short transaction.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
