/** Narrowing helpers for values read from storage, queries or errors, instead of casts at each use. */

/** True when `value` is one of `values` (a string enum such as roles or formats). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** `value` when it is one of `values`, else `fallback` (an unknown stored value from a newer version). */
export function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return isOneOf(values, value) ? value : fallback;
}

/** The message of anything thrown (libraries throw strings and plain objects too). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}
