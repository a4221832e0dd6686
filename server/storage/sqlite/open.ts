/** Opens the embedded SQLite database: WAL, durable commits, migrations. */
import fs from 'node:fs';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../migrations/index.js';
import type { Schema } from '../schema.js';
import type { Storage } from '../storage.js';
import { openSqliteConnection } from './connection.js';
import { databaseFile } from './files.js';
import { CachedStatements } from './statement-cache.js';
import { startSqliteLogWriter } from './writer.js';

export interface SqliteOptions {
  dataDir: string;
  /** FULL (default) fsyncs the WAL on every commit: acknowledged edits survive power loss, not just kill -9. */
  synchronous: 'FULL' | 'NORMAL';
}

export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = databaseFile(options.dataDir);
  const sqlite = openSqliteConnection(file, options.synchronous);
  // Kysely prepares every query it runs; the wrapper compiles each SQL text once (statement-cache.ts).
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new CachedStatements(sqlite) }) });
  try {
    await migrate(db as unknown as Kysely<unknown>, 'sqlite');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  // The Yjs log is written from its own thread: a group commit's fsync never blocks the event loop.
  const writer = startSqliteLogWriter(sqlite, { file, synchronous: options.synchronous });
  return {
    engine: 'sqlite',
    db,
    documents: writer.store,
    ping: async () => {
      sqlite.prepare('SELECT 1').get();
    },
    close: async () => {
      await writer.close();
      // Kysely's destroy closes the better-sqlite3 handle it was given.
      await db.destroy();
    },
  };
}
