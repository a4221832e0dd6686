/** Chooses the storage engine from the configuration: SQLite unless DATABASE_URL is set. */
import type { Config } from '../config.js';
import { openSqliteStorage } from './sqlite/open.js';
import type { Storage } from './storage.js';

export async function openStorage(config: Config): Promise<Storage> {
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set, but the PostgreSQL engine is not available in this build yet');
  }
  return openSqliteStorage({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}
