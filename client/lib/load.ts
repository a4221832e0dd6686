/**
 * createLoad(): data fetched for a source, without Suspense. Feature panels sit inside pages that
 * show a Suspense fallback; a resource read there would swap the whole page for the fallback while
 * it loads (and re-create itself), so panels keep their own loading state instead.
 */
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';

export interface Load<T> {
  /** The latest answer; undefined until the first one. */
  value: Accessor<T | undefined>;
  /** The last failure, cleared by the next success. */
  error: Accessor<unknown>;
  /** Fetches again for the current source. */
  reload(): Promise<void>;
  /** Replaces the value (after a change the caller made itself). */
  set(value: T): void;
}

export function createLoad<S, T>(source: Accessor<S | undefined>, fetcher: (source: S) => Promise<T>): Load<T> {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<unknown>();
  let generation = 0;
  let alive = true;
  onCleanup(() => {
    alive = false;
  });
  const reload = async () => {
    const current = source();
    if (current === undefined) return;
    const mine = ++generation;
    try {
      const answer = await fetcher(current);
      if (alive && mine === generation) {
        setError(undefined);
        setValue(() => answer);
      }
    } catch (e) {
      if (alive && mine === generation) setError(() => e);
    }
  };
  createEffect(on(source, () => void reload()));
  return { value, error, reload, set: (v) => setValue(() => v) };
}
