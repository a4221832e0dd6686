/** The storage bundle a server runs on: one engine, its query builder and the stores built on it. */
import type { Kysely } from 'kysely';
import type { Engine } from './migrations/index.js';
import type { Schema } from './schema.js';
import type { DocumentStore } from './types.js';

export interface Storage {
  engine: Engine;
  /** Typed query builder for metadata (accounts, workspaces, ...). */
  db: Kysely<Schema>;
  /** The Yjs update log and snapshots. */
  documents: DocumentStore;
  /** Resolves when the engine answers a trivial query (used by /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
