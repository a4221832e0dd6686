/**
 * Log bookkeeping and compaction for one room: how much of the document's log is not yet folded into
 * its snapshot, and writing a new snapshot from the live document when the log grows too long.
 * Never merges the log with Y.mergeUpdates (quadratic on long logs, yjs issue 710): the live doc
 * already is the merge.
 *
 * The snapshot holds only what the document integrated. What Yjs holds back for missing dependencies
 * is carried over as log rows of its own instead of being merged in (as Y.encodeStateAsUpdate would):
 * merged, it is re-sliced among the integrated structs, which made a fuzzed snapshot 5-10 times
 * slower to load and can make Yjs throw on load, so a hostile writer could make a document unloadable.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Metrics } from '../metrics.js';
import type { DocumentStore } from '../storage/types.js';
import { encodeWithoutPending } from './encode.js';

/**
 * A log this long is folded into the snapshot once its document has been quiet for IDLE_COMPACT_MS,
 * even below the compaction thresholds: a document at rest is then a snapshot alone, which opens
 * without replaying rows and answers its first joiner with the snapshot's own bytes (sync-cache.ts).
 * Shorter logs replay in well under a millisecond and are not worth a snapshot write.
 */
const IDLE_COMPACT_BYTES = 8 * 1024;
const IDLE_COMPACT_MS = 2_000;

export interface CompactorDeps {
  store: DocumentStore;
  metrics: Metrics;
  log: Logger;
  compactAfterUpdates: number;
  compactAfterBytes: number;
}

export class Compactor {
  private running: Promise<void> | null = null;
  /** Rows the last compaction carried over: a log of only those has nothing new to fold. */
  private carried = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly docId: string,
    private readonly doc: Y.Doc,
    /** Highest log sequence this node knows the document contains. */
    private lastSeq: number,
    private logUpdates: number,
    private logBytes: number,
    private readonly deps: CompactorDeps,
    /** The document as one update without held-back structs (the room's cached copy, if it has one). */
    private readonly encodeFull: () => Uint8Array = () => encodeWithoutPending(doc),
    /** Compacts for a quiet document (the room's compact, which does nothing once the room failed). */
    private readonly compactIdle: () => void = () => void this.compact(),
  ) {}

  /** A group commit appended `updates` rows (`bytes` long, up to `storeSeq`); compacts when the log is long. */
  recordCommit(storeSeq: number, updates: number, bytes: number): void {
    this.lastSeq = Math.max(this.lastSeq, storeSeq);
    this.logUpdates += updates;
    this.logBytes += bytes;
    if (this.logUpdates >= this.deps.compactAfterUpdates || this.logBytes >= this.deps.compactAfterBytes) void this.compact();
    else if (this.logBytes >= IDLE_COMPACT_BYTES) this.compactWhenQuiet();
  }

  /** (Re)starts the quiet-period timer: one per room with a long log, pushed back by every commit. */
  private compactWhenQuiet(): void {
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.compactIdle();
    }, IDLE_COMPACT_MS);
    this.idleTimer.unref();
  }

  /** Stops the quiet-period timer (the room failed or closes). */
  stop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Writes a snapshot of the live document and lets the store delete the log rows it covers. */
  compact(): Promise<void> {
    this.stop();
    if (this.running) return this.running;
    if (this.logUpdates <= this.carried) return Promise.resolve();
    const snapshot = this.encodeFull();
    // Yjs keeps held-back data in the V2 update format; the log holds V1.
    const heldBack = [this.doc.store.pendingStructs?.update, this.doc.store.pendingDs]
      .filter((u): u is Uint8Array => u != null)
      .map((u) => Y.convertUpdateFormatV2ToV1(u));
    const through = this.lastSeq;
    const updates = this.logUpdates;
    const bytes = this.logBytes;
    this.running = this.carryOver(heldBack)
      .then(() => this.deps.store.compact(this.docId, snapshot, through))
      .then(
        () => {
          this.logUpdates -= updates;
          this.logBytes -= bytes;
          this.carried = heldBack.length;
          this.deps.metrics.compactions.inc();
        },
        (error: unknown) => this.deps.log.warn({ err: error, docId: this.docId }, 'compaction failed; the log is kept'),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Appends the held-back updates after `through`, so the compaction that follows keeps them. */
  private async carryOver(heldBack: Uint8Array[]): Promise<void> {
    if (heldBack.length === 0) return;
    const seqs = await this.deps.store.append(heldBack.map((update) => ({ docId: this.docId, update })));
    this.lastSeq = Math.max(this.lastSeq, ...seqs);
    this.logUpdates += heldBack.length;
    this.logBytes += heldBack.reduce((sum, u) => sum + u.byteLength, 0);
  }

  /** Log rows not yet folded into the snapshot (tests and diagnostics). */
  get size(): { updates: number; bytes: number; lastSeq: number } {
    return { updates: this.logUpdates, bytes: this.logBytes, lastSeq: this.lastSeq };
  }
}
