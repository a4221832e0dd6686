/** Chooses the storage engine from the configuration: PostgreSQL when DATABASE_URL is set, else SQLite. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Storage } from './storage.js';

export interface OpenStorageOptions {
  /** Where PostgreSQL pool errors go (an idle connection dropped); the pool replaces the connection. */
  log?: Logger;
}

export async function openStorage(config: Config, options: OpenStorageOptions = {}): Promise<Storage> {
  // Each engine's driver loads only when it is chosen: pg and its pool are not needed beside SQLite.
  if (config.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres/open.js');
    return openPostgresStorage({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      poolSize: config.databasePoolSize,
      onIdleError: (error) => options.log?.warn({ err: error }, 'idle PostgreSQL connection failed; it will be replaced'),
    });
  }
  const { openSqliteStorage } = await import('./sqlite/open.js');
  return openSqliteStorage({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}
