import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteConnection } from './connection.js';
import { CachedStatements } from './statement-cache.js';

interface Db {
  items: { id: number; name: string; extra?: string | null };
}

describe('CachedStatements (the main thread connection given to Kysely)', () => {
  let dir: string;
  let file: string;
  let sqlite: BetterSqlite3.Database;
  let cache: CachedStatements;
  let db: Kysely<Db>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-stmt-'));
    file = path.join(dir, 'db.sqlite');
    sqlite = openSqliteConnection(file, 'FULL');
    cache = new CachedStatements(sqlite, 4);
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: cache }) });
    await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();
  });

  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const byId = (id: number) => db.selectFrom('items').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

  it('gives the same rows as a fresh statement, whatever the parameters, and compiles each SQL once', async () => {
    await db.insertInto('items').values({ id: 1, name: 'one' }).execute();
    await db.insertInto('items').values({ id: 2, name: 'two' }).execute();
    expect(await byId(1)).toEqual({ id: 1, name: 'one' });
    expect(await byId(2)).toEqual({ id: 2, name: 'two' });
    expect(await byId(3)).toBeUndefined();
    // The insert and the lookup, each kept once (the CREATE TABLE is not kept).
    expect(cache.size).toBe(2);
    const lookup = db.selectFrom('items').select(['id', 'name']).where('id', '=', 1).compile().sql;
    expect(cache.prepare(lookup)).toBe(cache.prepare(lookup));
    const plain = sqlite.prepare(lookup).all([2]);
    expect(cache.prepare(lookup).all([2])).toEqual(plain);
    const { numUpdatedRows } = await db.updateTable('items').set({ name: 'uno' }).where('id', '=', 1).executeTakeFirst();
    expect(numUpdatedRows).toBe(1n);
    expect(await byId(1)).toEqual({ id: 1, name: 'uno' });
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const text = (n: number) => `SELECT ${n} AS n`;
    const kept = [0, 1, 2, 3].map((n) => cache.prepare(text(n)));
    // Using the first again makes the second the oldest, so a fifth text pushes out the second.
    expect(cache.prepare(text(0))).toBe(kept[0]);
    cache.prepare(text(4));
    expect(cache.size).toBe(4);
    expect(cache.prepare(text(0))).toBe(kept[0]);
    expect(cache.prepare(text(1))).not.toBe(kept[1]);
    expect(cache.prepare(text(1)).get()).toEqual({ n: 1 });
    for (let n = 10; n < 60; n += 1) cache.prepare(text(n));
    expect(cache.size).toBe(4);
  });

  it('works inside transactions: a committed one keeps its rows, a rolled back one leaves none', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'kept' }).execute();
      expect(await trx.selectFrom('items').select(['id', 'name']).where('id', '=', 1).executeTakeFirst()).toEqual({ id: 1, name: 'kept' });
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'dropped' }).execute();
        // The same cached statement sees the transaction's own row inside it.
        expect(await trx.selectFrom('items').select(['id', 'name']).where('id', '=', 2).executeTakeFirst()).toEqual({ id: 2, name: 'dropped' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await byId(1)).toEqual({ id: 1, name: 'kept' });
    expect(await byId(2)).toBeUndefined();
    // The same transaction again, with the statements (begin, insert, select, commit) now all cached.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 3, name: 'again' }).execute();
    });
    expect(await byId(3)).toEqual({ id: 3, name: 'again' });
    const other = new BetterSqlite3(file, { readonly: true });
    try {
      expect(other.prepare('SELECT id FROM items ORDER BY id').all()).toEqual([{ id: 1 }, { id: 3 }]);
    } finally {
      other.close();
    }
  });

  it('leaves no stale statement after a migration here or a schema change from another connection', async () => {
    await db.insertInto('items').values({ id: 1, name: 'one' }).execute();
    const all = () => db.selectFrom('items').selectAll().orderBy('id').execute();
    expect(await all()).toEqual([{ id: 1, name: 'one' }]);
    expect(cache.size).toBeGreaterThan(0);
    await db.schema.alterTable('items').addColumn('extra', 'text').execute();
    expect(cache.size).toBe(0);
    expect(await all()).toEqual([{ id: 1, name: 'one', extra: null }]);
    // Another connection (the log writer's has its own) changes the schema: SQLite recompiles the kept statement.
    const other = openSqliteConnection(file, 'FULL');
    try {
      other.exec('DROP TABLE items; CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL); INSERT INTO items VALUES (7, \'seven\')');
    } finally {
      other.close();
    }
    expect(await sql`SELECT * FROM items ORDER BY id`.execute(db).then((r) => r.rows)).toEqual([{ id: 7, label: 'seven' }]);
    expect(await all()).toEqual([{ id: 7, label: 'seven' }]);
  });

  it('gives a fresh statement while the kept one is still iterating', async () => {
    await db.insertInto('items').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).execute();
    const text = 'SELECT id FROM items ORDER BY id';
    const outer = cache.prepare(text);
    const seen: unknown[] = [];
    for (const row of outer.iterate()) {
      const inner = cache.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push([row, inner.all()]);
    }
    expect(seen).toEqual([
      [{ id: 1 }, [{ id: 1 }, { id: 2 }]],
      [{ id: 2 }, [{ id: 1 }, { id: 2 }]],
    ]);
    expect(cache.prepare(text)).toBe(outer);
    const streamed: unknown[] = [];
    for await (const row of db.selectFrom('items').select('id').orderBy('id').stream()) streamed.push(row);
    expect(streamed).toEqual([{ id: 1 }, { id: 2 }]);
  });
});
