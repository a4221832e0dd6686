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
  /** Real (monotonic) times, which the timers run on: the last push, and when the burst must run. */
  touchedAt: number;
  deadline: number;
}

export class KeyedDebouncer {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: DebouncerOptions) {}

  /**
   * Notes activity on `key` by `authors`. Called after every commit, so it only records: the burst's one
   * timer checks when it fires whether the key has been quiet for `idleMs` and waits out the rest if not
   * (re-arming a timer per commit cost three timers per commit, one per service).
   */
  push(key: string, authors: Iterable<string>): void {
    if (this.stopped) return;
    const now = this.options.now();
    const touchedAt = performance.now();
    const existing = this.pending.get(key);
    if (existing) {
      for (const author of authors) existing.burst.authors.add(author);
      existing.burst.lastAt = now;
      existing.touchedAt = touchedAt;
      return;
    }
    const entry: Pending = {
      burst: { authors: new Set(authors), startedAt: now, lastAt: now },
      timer: this.arm(key, Math.min(this.options.idleMs, this.options.maxWaitMs)),
      touchedAt,
      deadline: touchedAt + this.options.maxWaitMs,
    };
    this.pending.set(key, entry);
  }

  private arm(key: string, delay: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.due(key), Math.max(0, delay));
    timer.unref?.();
    return timer;
  }

  /** The burst's timer: run it if quiet long enough (or at its deadline), else wait for the rest. */
  private due(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    const runAt = Math.min(entry.touchedAt + this.options.idleMs, entry.deadline);
    const wait = runAt - performance.now();
    if (wait > 0) entry.timer = this.arm(key, wait);
    else this.fire(key);
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
