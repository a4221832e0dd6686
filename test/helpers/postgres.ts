/**
 * PostgreSQL for tests. The server under test is named by DATABASE_URL (the one variable .ci/run sets,
 * e.g. postgres://postgres@127.0.0.1:5432/test); every run works in a fresh schema and drops it after.
 * Without DATABASE_URL the suites skip with a loud message, and under CI=true they fail instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** The PostgreSQL server for tests, or undefined when none is configured. */
export function testDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/**
 * A describe() that runs when DATABASE_URL is set. Otherwise it fails under CI=true (a missing service
 * in CI is a failure, never a skip) and elsewhere skips, saying so loudly.
 */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const url = testDatabaseUrl();
  if (url) {
    describe(name, () => body(url));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error('CI=true but DATABASE_URL is not set: PostgreSQL suites must run in CI');
      });
    });
    return;
  }
  console.warn(
    `\n!!! SKIPPED "${name}": DATABASE_URL is not set. Run with ` +
      'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to test the PostgreSQL engine. !!!\n',
  );
  describe.skip(name, () => body(''));
}

/** A schema made for one test run; drop() removes it with everything in it. */
export interface TestSchema {
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty schema with a unique name in the test database. */
export async function createTestSchema(url: string): Promise<TestSchema> {
  const name = `confer_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await runSql(url, `CREATE SCHEMA "${name}"`);
  return { name, drop: () => runSql(url, `DROP SCHEMA IF EXISTS "${name}" CASCADE`) };
}

async function runSql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
