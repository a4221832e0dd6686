/**
 * Version history: automatic versions after a burst of committed edits, named versions, restores
 * (applied through the relay's durable path) and comparisons of two states.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { commentedDocId } from '../../../shared/comments/threads.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import type { CollabHub } from '../../collab/hub.js';
import { KeyedDebouncer, type Burst } from '../../debounce.js';
import { documentPlace } from '../../storage/document-places.js';
import type { Schema } from '../../storage/schema.js';
import type { Comparison } from './diff.js';
import { VersionStore, type VersionRecord } from './store.js';

/** The editor schema (TipTap, KaTeX) behind the JSON helpers loads on first use, not at start-up. */
const textLayer = () => import('../../text/ydoc.js');

export interface VersionTimings {
  /** Quiet time that ends a burst of edits and takes an automatic version. */
  versionIdleMs: number;
  /** Longest a burst goes without a version, for documents edited without pause. */
  versionMaxWaitMs: number;
}

export const defaultVersionTimings: VersionTimings = { versionIdleMs: 2 * 60_000, versionMaxWaitMs: 15 * 60_000 };

export interface VersionDeps {
  db: Kysely<Schema>;
  hub: Pick<CollabHub, 'onCommitted' | 'readDocument' | 'applyServerUpdate'>;
  log: Logger;
  now: () => number;
  /** Writes a restore to the activity log. */
  logRestore: (docId: string, userId: string, label: string) => Promise<void>;
}

export class VersionService {
  readonly store: VersionStore;
  private readonly versioner: KeyedDebouncer;

  constructor(
    private readonly deps: VersionDeps,
    timings: VersionTimings = defaultVersionTimings,
  ) {
    this.store = new VersionStore(deps.db);
    this.versioner = new KeyedDebouncer({
      idleMs: timings.versionIdleMs,
      maxWaitMs: timings.versionMaxWaitMs,
      now: deps.now,
      run: (docId, burst) => this.autoVersion(docId, burst),
      onError: (docId, error) => deps.log.warn({ err: error, docId }, 'automatic version failed'),
    });
    deps.hub.onCommitted((docId, authors) => {
      if (commentedDocId(docId) === null) this.versioner.push(docId, authors);
    });
  }

  private async autoVersion(docId: string, burst: Burst): Promise<void> {
    const known = await documentPlace(this.deps.db, docId);
    if (!known) return;
    const state = await this.deps.hub.readDocument(docId);
    const latest = await this.store.latest(docId);
    const { docToJson } = await textLayer();
    // Nothing to keep when the text is what the last version holds (a burst undone, a restore).
    if (latest && JSON.stringify(docToJson(latest.snapshot)) === JSON.stringify(docToJson(state))) return;
    await this.save(docId, { kind: 'auto', name: null, createdBy: null, authors: [...burst.authors], state });
  }

  /** Stores a version of the current state (or of `state`). */
  async save(
    docId: string,
    input: { kind: VersionRecord['kind']; name: string | null; createdBy: string | null; authors: string[]; state?: Uint8Array },
  ): Promise<VersionRecord> {
    const snapshot = input.state ?? (await this.deps.hub.readDocument(docId));
    const record: VersionRecord = {
      id: generateSecureRandomString(),
      docId,
      kind: input.kind,
      name: input.name,
      createdBy: input.createdBy,
      createdAt: this.deps.now(),
      authors: input.authors,
    };
    await this.store.create({ ...record, snapshot });
    return record;
  }

  /**
   * Restores a version as a new change: the current state is kept as a version first, then the
   * difference is applied through the relay's durable path, so live editors see it at once.
   */
  async restore(docId: string, versionId: string, userId: string): Promise<VersionRecord | null> {
    const target = await this.store.get(docId, versionId);
    if (!target) return null;
    const label = target.name ?? new Date(target.createdAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    const current = await this.deps.hub.readDocument(docId);
    const { docToJson, replaceContentUpdate } = await textLayer();
    await this.save(docId, { kind: 'before-restore', name: `Before restoring “${label}”`, createdBy: userId, authors: [], state: current });
    await this.deps.hub.applyServerUpdate(docId, replaceContentUpdate(current, docToJson(target.snapshot)));
    const restored = await this.save(docId, { kind: 'restored', name: `Restored “${label}”`, createdBy: userId, authors: [userId] });
    await this.deps.logRestore(docId, userId, label);
    return restored;
  }

  /** Compares two states of a document. */
  async compare(before: Uint8Array, after: Uint8Array): Promise<Comparison> {
    const [{ docToJson }, { compareDocuments }] = await Promise.all([textLayer(), import('./diff.js')]);
    return compareDocuments(docToJson(before), docToJson(after));
  }

  async flush(): Promise<void> {
    await this.versioner.flush();
  }

  async stop(): Promise<void> {
    await this.versioner.stop();
  }
}
