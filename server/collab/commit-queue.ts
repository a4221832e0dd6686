/**
 * Group commit: every update applied during one event-loop turn (across all rooms) is appended in a
 * single transaction. Only after that transaction commits does a room release what derives from those
 * updates (relays, sync replies). One flush is in flight at a time, so commits complete in order.
 *
 * The commit window (like PostgreSQL's commit_delay): while commits run back to back (each found updates
 * already waiting when the one before it completed, twice in a row), the next one starts no sooner than
 * `windowMs` after the previous one began, so more updates share one fsync, one hand-off to the writer
 * thread and one release (one merged frame per room and receiver). A commit after a quiet moment, or the
 * first one of a burst, starts at once: light load pays no delay. The window never lets anything out
 * early: a room still hears of its updates only once the transaction holding them has committed.
 */
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { DocumentStore } from '../storage/types.js';

/** What the queue needs from a room. */
export interface CommitTarget {
  readonly docId: string;
  /** Everything up to `localSeq` is durable; `storeSeq` is the highest log sequence written for it. */
  committed(localSeq: number, storeSeq: number, updates: number, bytes: number): void;
  /** The commit holding this room's updates failed: nothing of them may leave the server. */
  commitFailed(error: unknown): void;
}

/** Default commit window (ms) for sustained back-to-back commits; 0 turns the window off. */
export const COMMIT_WINDOW_MS = 1;
/** Back-to-back completions in a row before the window applies (with 2, the third commit of a burst is the first to wait). */
const STREAK_BEFORE_WINDOW = 2;

interface Entry {
  target: CommitTarget;
  update: Uint8Array;
  localSeq: number;
}

export class CommitQueue {
  private pending: Entry[] = [];
  private flushing = false;
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  /** When the last flush began (performance.now()). */
  private lastFlushAt = 0;
  /** Flushes in a row that completed with updates already waiting. */
  private streak = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly windowMs: number = COMMIT_WINDOW_MS,
  ) {}

  /** Queues an update for the next group commit. */
  add(target: CommitTarget, update: Uint8Array, localSeq: number): void {
    this.pending.push({ target, update, localSeq });
    this.schedule();
  }

  /** Resolves once nothing is queued or in flight (used by shutdown and unload). */
  drain(): Promise<void> {
    if (!this.flushing && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    const wait = this.streak >= STREAK_BEFORE_WINDOW ? this.lastFlushAt + this.windowMs - performance.now() : 0;
    // setImmediate runs after this turn's I/O callbacks, so every frame read in this turn joins the batch.
    if (wait <= 0) setImmediate(this.runFlush);
    else setTimeout(this.runFlush, wait);
  }

  private readonly runFlush = (): void => void this.flush();

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.flushing || this.pending.length === 0) return this.notifyIdle();
    this.flushing = true;
    this.lastFlushAt = performance.now();
    const batch = this.pending;
    this.pending = [];
    const stopTimer = this.metrics.commitSeconds.startTimer();
    try {
      const seqs = await this.store.append(batch.map((e) => ({ docId: e.target.docId, update: e.update })));
      stopTimer();
      this.metrics.commitBatchSize.observe(batch.length);
      this.release(batch, seqs);
    } catch (error) {
      stopTimer();
      this.log.error({ err: error, updates: batch.length }, 'group commit failed; affected rooms will reload');
      for (const target of new Set(batch.map((e) => e.target))) target.commitFailed(error);
    } finally {
      this.flushing = false;
      this.streak = this.pending.length > 0 ? this.streak + 1 : 0;
      if (this.pending.length > 0) this.schedule();
      else this.notifyIdle();
    }
  }

  private release(batch: Entry[], seqs: number[]): void {
    const perTarget = new Map<CommitTarget, { localSeq: number; storeSeq: number; updates: number; bytes: number }>();
    batch.forEach((entry, i) => {
      const acc = perTarget.get(entry.target) ?? { localSeq: 0, storeSeq: 0, updates: 0, bytes: 0 };
      acc.localSeq = Math.max(acc.localSeq, entry.localSeq);
      acc.storeSeq = Math.max(acc.storeSeq, seqs[i] ?? 0);
      acc.updates += 1;
      acc.bytes += entry.update.byteLength;
      perTarget.set(entry.target, acc);
    });
    for (const [target, acc] of perTarget) {
      try {
        target.committed(acc.localSeq, acc.storeSeq, acc.updates, acc.bytes);
      } catch (error) {
        this.log.error({ err: error, docId: target.docId }, 'releasing committed updates failed');
      }
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
