/** Opens PostgreSQL: a pg Pool behind Kysely, an optional schema, migrations. */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from '../migrations/index.js';
import type { Schema } from '../schema.js';
import type { Storage } from '../storage.js';
import { createPostgresDocumentStore } from './document-store.js';

export interface PostgresOptions {
  /** A libpq-style URL, e.g. postgres://confer@db.internal:5432/confer. */
  url: string;
  /** Schema for every table (created if missing); unset = the server's default search_path. */
  schema?: string | undefined;
  /** Connections in this node's pool. */
  poolSize: number;
  /** Errors of idle pooled connections (the server restarted, the network dropped). */
  onIdleError?: (error: Error) => void;
}

const INT8_OID = 20;

/**
 * BIGINT comes back from pg as a string by default. Confer's bigints are millisecond timestamps and
 * log sequences, far below 2^53, so we read them as numbers and refuse (loudly) anything that is not.
 * Set on this pool only: pg.types.setTypeParser would change every pg user in the process.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit in a JavaScript number`);
  return value;
}

/** Quotes a schema name already validated as a plain identifier. */
function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Opens the pool, creates the schema if needed, migrates, and returns the storage bundle. */
export async function openPostgresStorage(options: PostgresOptions): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    types,
    // Fail fast when PostgreSQL is down: a room load must throw, not hang.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    // Set in the startup packet, so every pooled connection gets it without an extra round trip.
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  });
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    const schema = await ensureSchema(db, options.schema);
    await migrate(db as unknown as Kysely<unknown>, 'postgres', { schema });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    engine: 'postgres',
    db,
    documents: createPostgresDocumentStore(db),
    ping: async () => {
      await sql`SELECT 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** Creates the configured schema when missing and returns the schema tables will be created in. */
async function ensureSchema(db: Kysely<Schema>, schema: string | undefined): Promise<string> {
  if (schema) {
    // Look first: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database, which an operator
    // who made the schema beforehand may rightly not grant.
    const found = await sql<{ one: number }>`SELECT 1 AS one FROM pg_namespace WHERE nspname = ${schema}`.execute(db);
    if (found.rows.length === 0) {
      try {
        await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
      } catch (error) {
        // Two nodes starting together can race on the catalog's unique index; the schema exists then.
        if (!(error instanceof Error && 'code' in error && error.code === '23505')) throw error;
      }
    }
  }
  const current = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  const name = current.rows[0]?.schema;
  if (!name) throw new Error('PostgreSQL has no schema to create tables in: check search_path or set DATABASE_SCHEMA');
  return name;
}
