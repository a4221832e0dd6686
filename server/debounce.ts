/**
 * Per-key debouncing of commit notices: a burst of commits to one document becomes one run, after
 * `idleMs` of quiet or at most `maxWaitMs` after the burst began (a document edited all day still
 * gets its search entry and versions). Everything lives on the instance; stop() clears every timer.
 */

/** What a burst accumulated: who took part and when it began. */
export interface Burst {
  authors: Set<string>;
  startedAt: number;
  lastAt: number;
}

export interface DebouncerOptions {
  idleMs: number;
  maxWaitMs: number;
  now: () => number;
  /** Runs once per burst; errors are passed to `onError`, never thrown into the relay. */
  run: (key: string, burst: Burst) => Promise<void>;
  onError: (key: string, error: unknown) => void;
}

interface Pending {
  burst: Burst;
  timer: ReturnType<typeof setTimeout>;
  deadline: number;
}

export class KeyedDebouncer {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: DebouncerOptions) {}

  /** Notes activity on `key` by `authors`. */
  push(key: string, authors: Iterable<string>): void {
    if (this.stopped) return;
    const now = this.options.now();
    const existing = this.pending.get(key);
    if (existing) clearTimeout(existing.timer);
    const burst = existing?.burst ?? { authors: new Set<string>(), startedAt: now, lastAt: now };
    for (const author of authors) burst.authors.add(author);
    burst.lastAt = now;
    const deadline = existing?.deadline ?? now + this.options.maxWaitMs;
    const delay = Math.max(0, Math.min(this.options.idleMs, deadline - now));
    const timer = setTimeout(() => this.fire(key), delay);
    timer.unref?.();
    this.pending.set(key, { burst, timer, deadline });
  }

  /** Authors of the burst still waiting on `key` (empty when none). */
  peek(key: string): Burst | undefined {
    return this.pending.get(key)?.burst;
  }

  private fire(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    const run = this.options
      .run(key, entry.burst)
      .catch((error: unknown) => this.options.onError(key, error))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Runs every waiting burst now and waits for all runs to finish. */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.fire(key);
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Flushes, then refuses new work. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
  }
}
