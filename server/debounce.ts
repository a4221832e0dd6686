/**
 * Per-key debouncing of commit notices: a burst of commits to one document becomes one run, after
 * `idleMs` of quiet or at most `maxWaitMs` after the burst began (a document edited all day still
 * gets its search entry and versions). Everything lives on the instance; stop() clears its timer.
 * One timer per debouncer, whatever the number of waiting keys (see Schedule).
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

/** A waiting burst, kept small: thousands of rooms seeded at once each hold one per service. */
interface Pending {
  /** Distinct authors in arrival order (a Set is made only for `run` and `peek`). */
  authors: string[];
  startedAt: number;
  lastAt: number;
  /** Real (monotonic) times, which the schedule runs on: the last push, and when the burst must run. */
  touchedAt: number;
  deadline: number;
}

/**
 * When each key is next checked, as a binary min-heap over two parallel arrays: one timer for the whole
 * debouncer (armed for the earliest check) instead of a timer and closure per waiting key.
 */
class Schedule {
  private readonly times: number[] = [];
  private readonly keys: string[] = [];

  get size(): number {
    return this.times.length;
  }

  /** The earliest check time, or Infinity. */
  get next(): number {
    return this.times[0] ?? Infinity;
  }

  add(time: number, key: string): void {
    const { times, keys } = this;
    let i = times.length;
    times.push(time);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((times[parent] as number) <= time) break;
      times[i] = times[parent] as number;
      keys[i] = keys[parent] as string;
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
  }

  /** Removes and returns the key with the earliest check time (the caller checks `next` first). */
  take(): string {
    const { times, keys } = this;
    const top = keys[0] as string;
    const lastTime = times.pop() as number;
    const lastKey = keys.pop() as string;
    const n = times.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (times[child + 1] as number) < (times[child] as number)) child += 1;
      if ((times[child] as number) >= lastTime) break;
      times[i] = times[child] as number;
      keys[i] = keys[child] as string;
      i = child;
    }
    times[i] = lastTime;
    keys[i] = lastKey;
    return top;
  }

  clear(): void {
    this.times.length = 0;
    this.keys.length = 0;
  }
}

function burstOf(entry: Pending): Burst {
  return { authors: new Set(entry.authors), startedAt: entry.startedAt, lastAt: entry.lastAt };
}

export class KeyedDebouncer {
  private readonly pending = new Map<string, Pending>();
  private readonly schedule = new Schedule();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the timer fires (Infinity when none is armed). */
  private armedFor = Infinity;
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: DebouncerOptions) {}

  /**
   * Notes activity on `key` by `authors`. Called after every commit, so it only records: the burst's
   * check, when due, sees whether the key has been quiet for `idleMs` and waits out the rest if not
   * (re-arming a timer per commit cost three timers per commit, one per service).
   */
  push(key: string, authors: Iterable<string>): void {
    if (this.stopped) return;
    const now = this.options.now();
    const touchedAt = performance.now();
    const existing = this.pending.get(key);
    if (existing) {
      for (const author of authors) if (!existing.authors.includes(author)) existing.authors.push(author);
      existing.lastAt = now;
      existing.touchedAt = touchedAt;
      return;
    }
    this.pending.set(key, { authors: [...new Set(authors)], startedAt: now, lastAt: now, touchedAt, deadline: touchedAt + this.options.maxWaitMs });
    this.schedule.add(touchedAt + Math.min(this.options.idleMs, this.options.maxWaitMs), key);
    this.arm();
  }

  /** Arms the one timer for the earliest check, unless it is armed for that time or earlier. */
  private arm(): void {
    const next = this.schedule.next;
    if (next >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = next;
    this.timer = setTimeout(() => this.due(), Math.max(0, next - performance.now()));
    this.timer.unref?.();
  }

  /** The timer: every check now due runs its burst if quiet long enough (or at its deadline), else waits for the rest. */
  private due(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = performance.now();
    while (this.schedule.next <= now) {
      const key = this.schedule.take();
      const entry = this.pending.get(key);
      if (!entry) continue;
      const runAt = Math.min(entry.touchedAt + this.options.idleMs, entry.deadline);
      if (runAt > now) this.schedule.add(runAt, key);
      else this.fire(key);
    }
    this.arm();
  }

  /** Authors of the burst still waiting on `key` (empty when none). */
  peek(key: string): Burst | undefined {
    const entry = this.pending.get(key);
    return entry ? burstOf(entry) : undefined;
  }

  private fire(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    const run = this.options
      .run(key, burstOf(entry))
      .catch((error: unknown) => this.options.onError(key, error))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Runs every waiting burst now and waits for all runs to finish. */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.fire(key);
    // Nothing is waiting, so no check is needed; a later push schedules its own.
    this.schedule.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Flushes, then refuses new work. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
  }
}
