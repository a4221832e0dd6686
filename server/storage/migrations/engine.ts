/** What a migration needs to know about the engine it runs on. */
import type { Kysely, Migration } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** A migration written once for both engines; `engine` supplies the few differing column types. */
export type MigrationFactory = (engine: Engine) => Migration;

/** Column types that differ between the engines. */
export function columnTypes(engine: Engine) {
  return {
    bytes: engine === 'postgres' ? 'bytea' : 'blob',
    bigint: engine === 'postgres' ? 'bigint' : 'integer',
  } as const;
}

export type AnyDb = Kysely<unknown>;
