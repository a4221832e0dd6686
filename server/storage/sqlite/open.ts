/** Opens the embedded SQLite database: WAL, durable commits, migrations. */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../migrations/index.js';
import type { Schema } from '../schema.js';
import type { Storage } from '../storage.js';
import { createSqliteDocumentStore } from './document-store.js';

export interface SqliteOptions {
  dataDir: string;
  /** FULL (default) fsyncs the WAL on every commit: acknowledged edits survive power loss, not just kill -9. */
  synchronous: 'FULL' | 'NORMAL';
}

export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'confer.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db as unknown as Kysely<unknown>, 'sqlite');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    engine: 'sqlite',
    db,
    documents: createSqliteDocumentStore(sqlite),
    ping: async () => {
      sqlite.prepare('SELECT 1').get();
    },
    close: async () => {
      // Kysely's destroy closes the better-sqlite3 handle it was given.
      await db.destroy();
    },
  };
}
