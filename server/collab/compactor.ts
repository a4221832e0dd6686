/**
 * Log bookkeeping and compaction for one room: how much of the document's log is not yet folded into
 * its snapshot, and writing a new snapshot from the live document when the log grows too long.
 * Never merges the log with Y.mergeUpdates (quadratic on long logs, yjs issue 710): the live doc
 * already is the merge.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Metrics } from '../metrics.js';
import type { DocumentStore } from '../storage/types.js';

export interface CompactorDeps {
  store: DocumentStore;
  metrics: Metrics;
  log: Logger;
  compactAfterUpdates: number;
  compactAfterBytes: number;
}

export class Compactor {
  private running: Promise<void> | null = null;

  constructor(
    private readonly docId: string,
    private readonly doc: Y.Doc,
    /** Highest log sequence this node knows the document contains. */
    private lastSeq: number,
    private logUpdates: number,
    private logBytes: number,
    private readonly deps: CompactorDeps,
  ) {}

  /** A group commit appended `updates` rows (`bytes` long, up to `storeSeq`); compacts when the log is long. */
  recordCommit(storeSeq: number, updates: number, bytes: number): void {
    this.lastSeq = Math.max(this.lastSeq, storeSeq);
    this.logUpdates += updates;
    this.logBytes += bytes;
    if (this.logUpdates >= this.deps.compactAfterUpdates || this.logBytes >= this.deps.compactAfterBytes) void this.compact();
  }

  /** Writes a snapshot of the live document and lets the store delete the log rows it covers. */
  compact(): Promise<void> {
    if (this.running) return this.running;
    if (this.logUpdates === 0) return Promise.resolve();
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const through = this.lastSeq;
    const updates = this.logUpdates;
    const bytes = this.logBytes;
    this.running = this.deps.store
      .compact(this.docId, snapshot, through)
      .then(
        () => {
          this.logUpdates -= updates;
          this.logBytes -= bytes;
          this.deps.metrics.compactions.inc();
        },
        (error: unknown) => this.deps.log.warn({ err: error, docId: this.docId }, 'compaction failed; the log is kept'),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Log rows not yet folded into the snapshot (tests and diagnostics). */
  get size(): { updates: number; bytes: number; lastSeq: number } {
    return { updates: this.logUpdates, bytes: this.logBytes, lastSeq: this.lastSeq };
  }
}
