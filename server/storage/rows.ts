/** Helpers shared by the metadata query modules; they run unchanged on SQLite and PostgreSQL. */

/** Integer milliseconds from a column that pg may return as a string (bigint). */
export function millis(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Like `millis`, for nullable columns. */
export function millisOrNull(value: number | string | bigint | null): number | null {
  return value === null ? null : millis(value);
}

/** True when `error` is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; pg: SQLSTATE 23505.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Splits a list into chunks small enough for an `IN (...)` on either engine. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
