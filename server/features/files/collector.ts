/**
 * Garbage collection of documents' files: a file is removed once nothing the document keeps refers to
 * it: not its current state, not a version, not a reader's last-visit snapshot (what "since your last
 * visit" compares with). A file younger than the grace period is never removed, so an image uploaded
 * a moment before its figure is inserted (or by a client that went offline in between) survives.
 *
 * A figure refers to its file by `/api/documents/<doc>/files/<sha256>`, and Yjs encodes attribute
 * strings as UTF-8, so a reference is found by looking for the 64 hex digits in the encoded states.
 * That can only keep a file too long (the digits in some other text), never remove one still in use.
 * The log may hold a deleted figure's insertion until the next compaction: the current state is
 * therefore read as Yjs integrates it (deleted content collected) before a file is given up.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Schema } from '../../storage/schema.js';
import type { DocumentStore } from '../../storage/types.js';
import type { FileInfo, FileStore } from './file-store.js';

export interface CollectorDeps {
  files: FileStore;
  /** The durable Yjs log, read directly: a sweep must not load every document into the relay. */
  store: Pick<DocumentStore, 'load'>;
  db: Kysely<Schema>;
  log: Logger;
  now: () => number;
}

export interface CollectorTimings {
  /** Files younger than this are kept whatever refers to them. */
  graceMs: number;
  /** How often the sweep runs. */
  intervalMs: number;
}

export const defaultCollectorTimings: CollectorTimings = { graceMs: 24 * 60 * 60 * 1000, intervalMs: 60 * 60 * 1000 };

function mentions(haystacks: readonly Uint8Array[], id: string): boolean {
  const needle = Buffer.from(id, 'latin1');
  return haystacks.some((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle));
}

/** Yields to the event loop between documents, so a sweep never holds it for long. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FileCollector {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly timings: CollectorTimings;

  constructor(
    private readonly deps: CollectorDeps,
    timings: Partial<CollectorTimings> = {},
  ) {
    this.timings = { ...defaultCollectorTimings, ...timings };
  }

  /** Sweeps every `intervalMs` until stop(). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.deps.log.warn({ err: error }, 'file collection failed'));
    }, this.timings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One sweep over every document with files; resolves with the number of files removed. One at a time. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweepAll(): Promise<number> {
    let removed = 0;
    for (const docId of await this.deps.files.documentsWithFiles()) {
      removed += await this.sweepDocument(docId);
      await turn();
    }
    return removed;
  }

  /** Removes the document's old files that nothing refers to. */
  async sweepDocument(docId: string): Promise<number> {
    const cutoff = this.deps.now() - this.timings.graceMs;
    let candidates: FileInfo[] = (await this.deps.files.list(docId)).filter((f) => f.createdAt <= cutoff);
    if (candidates.length === 0) return 0;
    const kept = await this.keptSnapshots(docId);
    candidates = candidates.filter((f) => !mentions(kept, f.id));
    if (candidates.length === 0) return 0;
    const current = await this.currentState(docId);
    const unused = candidates.filter((f) => !mentions([current], f.id));
    for (const file of unused) await this.deps.files.remove(docId, file.id);
    if (unused.length > 0) this.deps.log.info({ docId, files: unused.length }, 'collected unused files');
    return unused.length;
  }

  /** Versions and last-visit snapshots of the document. */
  private async keptSnapshots(docId: string): Promise<Uint8Array[]> {
    const versions = await this.deps.db.selectFrom('doc_versions').select('snapshot').where('doc_id', '=', docId).execute();
    const visits = await this.deps.db.selectFrom('doc_visits').select('snapshot').where('doc_id', '=', docId).execute();
    return [...versions, ...visits].map((row) => row.snapshot);
  }

  /** The stored document as Yjs integrates it: deleted figures' attributes are gone from it. */
  private async currentState(docId: string): Promise<Uint8Array> {
    const stored = await this.deps.store.load(docId);
    const doc = new Y.Doc();
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }
}
