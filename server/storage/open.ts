/** Chooses the storage engine from the configuration: PostgreSQL when DATABASE_URL is set, else SQLite. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { openPostgresStorage } from './postgres/open.js';
import { openSqliteStorage } from './sqlite/open.js';
import type { Storage } from './storage.js';

export interface OpenStorageOptions {
  /** Where PostgreSQL pool errors go (an idle connection dropped); the pool replaces the connection. */
  log?: Logger;
}

export async function openStorage(config: Config, options: OpenStorageOptions = {}): Promise<Storage> {
  if (config.databaseUrl) {
    return openPostgresStorage({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      poolSize: config.databasePoolSize,
      onIdleError: (error) => options.log?.warn({ err: error }, 'idle PostgreSQL connection failed; it will be replaced'),
    });
  }
  return openSqliteStorage({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}
