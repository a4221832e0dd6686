/**
 * The main thread's SQLite connection as Kysely sees it, with compiled statements kept for reuse.
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and better-sqlite3 compiles the
 * SQL each time: the commit listeners' small `documents` lookups spent more time compiling than running.
 * Kysely's queries are parameterised, so one SQL text stands for every value and the same few texts
 * repeat; a bounded LRU of them stops a query built from a list of varying length from growing it forever.
 *
 * Reuse is safe because better-sqlite3 binds parameters per call and resets the statement after `all`,
 * `run` and a finished `iterate`; a statement still inside an iteration is `busy`, and then a fresh one is
 * compiled for that call instead. Transactions are the connection's, not the statement's, so a cached
 * `begin` or query works inside them as outside. SQLite recompiles a statement itself when the schema it
 * was compiled against changes (`sqlite3_prepare_v2`); a schema change run through here also empties the
 * cache, so nothing compiled before a migration is kept after it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept: Kysely's query builders in the server make a few dozen. */
export const STATEMENT_CACHE_SIZE = 200;

/** Statements that change the schema: run once (migrations), never kept, and they empty the cache. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

export class CachedStatements implements SqliteDatabase {
  /** In use order, least recent first (a Map keeps insertion order; a hit moves its entry to the end). */
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly capacity: number = STATEMENT_CACHE_SIZE,
  ) {}

  /** How many statements are kept (tests). */
  get size(): number {
    return this.statements.size;
  }

  prepare(sql: string): BetterSqlite3.Statement {
    const cached = this.statements.get(sql);
    if (cached && !cached.busy) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.db.prepare(sql);
    if (SCHEMA_CHANGE.test(sql)) {
      this.statements.clear();
      return statement;
    }
    // A busy hit is left in place: its iteration ends soon and it serves the next call.
    if (cached) return statement;
    this.statements.set(sql, statement);
    if (this.statements.size > this.capacity) this.statements.delete(this.statements.keys().next().value as string);
    return statement;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
