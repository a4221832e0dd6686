/**
 * The research services behind one object: it listens to the relay's commit notices and, debounced
 * per document, refreshes the search index, takes automatic versions and writes the activity log.
 * Routes call it for named versions, restores, catch-up and imports.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { commentedDocId } from '../../../shared/comments/threads.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import type { CollabHub } from '../../collab/hub.js';
import type { Engine } from '../../storage/migrations/index.js';
import type { Schema } from '../../storage/schema.js';
import { docToJson, replaceContentUpdate, toPlainText } from '../../text/index.js';
import { ActivityStore, type ActivityRecord } from '../activity/store.js';
import { DeadlineStore } from '../deadlines/store.js';
import { KeyedDebouncer, type Burst } from '../../debounce.js';
import { compareDocuments, type Comparison } from './diff.js';
import { researchDb, type ResearchDb } from '../../storage/feature-schema.js';
import { SearchIndex } from '../search/search-index.js';
import { VersionStore, type VersionRecord } from './store.js';
import { VisitStore } from '../catch-up/visits.js';

/** Timings; tests shorten them instead of sleeping. */
export interface ResearchOptions {
  /** Quiet time before a document is re-indexed (search is fresh within about this long). */
  indexDelayMs: number;
  /** Quiet time that ends a burst of edits and takes an automatic version. */
  versionIdleMs: number;
  /** Longest a burst goes without a version, for documents edited without pause. */
  versionMaxWaitMs: number;
  /** Quiet time that closes a burst in the activity log. */
  activityIdleMs: number;
  activityMaxWaitMs: number;
}

export const defaultResearchOptions: ResearchOptions = {
  indexDelayMs: 1000,
  versionIdleMs: 2 * 60_000,
  versionMaxWaitMs: 15 * 60_000,
  activityIdleMs: 60_000,
  activityMaxWaitMs: 10 * 60_000,
};

export interface ResearchDeps {
  db: Kysely<Schema>;
  engine: Engine;
  hub: Pick<CollabHub, 'onCommitted' | 'readDocument' | 'applyServerUpdate'>;
  log: Logger;
  now: () => number;
}

export class Research {
  readonly db: ResearchDb;
  readonly versions: VersionStore;
  readonly visits: VisitStore;
  readonly activity: ActivityStore;
  readonly deadlines: DeadlineStore;
  readonly search: SearchIndex;
  private readonly indexer: KeyedDebouncer;
  private readonly versioner: KeyedDebouncer;
  private readonly activityLog: KeyedDebouncer;
  private readonly commentLog: KeyedDebouncer;

  constructor(
    private readonly deps: ResearchDeps,
    options: Partial<ResearchOptions> = {},
  ) {
    const o = { ...defaultResearchOptions, ...options };
    this.db = researchDb(deps.db);
    this.versions = new VersionStore(this.db);
    this.visits = new VisitStore(this.db);
    this.activity = new ActivityStore(this.db);
    this.deadlines = new DeadlineStore(this.db);
    this.search = new SearchIndex(this.db, deps.engine);
    const debouncer = (idleMs: number, maxWaitMs: number, what: string, run: (docId: string, burst: Burst) => Promise<void>) =>
      new KeyedDebouncer({
        idleMs,
        maxWaitMs,
        now: deps.now,
        run,
        onError: (docId, error) => deps.log.warn({ err: error, docId }, `${what} failed`),
      });
    this.indexer = debouncer(o.indexDelayMs, Math.max(o.indexDelayMs, 10_000), 'search indexing', (docId) => this.indexDocument(docId));
    this.versioner = debouncer(o.versionIdleMs, o.versionMaxWaitMs, 'automatic version', (docId, burst) => this.autoVersion(docId, burst));
    this.activityLog = debouncer(o.activityIdleMs, o.activityMaxWaitMs, 'activity log', (docId, burst) => this.logBurst(docId, burst, 'edited'));
    this.commentLog = debouncer(o.activityIdleMs, o.activityMaxWaitMs, 'comment activity', (docId, burst) => this.logBurst(docId, burst, 'commented'));
    deps.hub.onCommitted((docId, authors) => {
      const commented = commentedDocId(docId);
      if (commented) {
        this.commentLog.push(commented, authors);
        return;
      }
      this.indexer.push(docId, authors);
      this.versioner.push(docId, authors);
      this.activityLog.push(docId, authors);
    });
  }

  private async documentRow(docId: string) {
    return this.db.selectFrom('documents').select(['id', 'workspace_id', 'title', 'deleted_at']).where('id', '=', docId).executeTakeFirst();
  }

  /** Re-indexes one document now (title and text). Documents without metadata (relay tests) are skipped. */
  async indexDocument(docId: string): Promise<void> {
    const row = await this.documentRow(docId);
    if (!row) return;
    const text = toPlainText(docToJson(await this.deps.hub.readDocument(docId)));
    await this.search.upsert(docId, row.title, text, this.deps.now());
  }

  /** Indexes up to `limit` documents of these workspaces that were never indexed (template-made, pre-existing). */
  async backfill(workspaceIds: readonly string[], limit = 25): Promise<void> {
    for (const docId of await this.search.unindexed(workspaceIds, limit)) await this.indexDocument(docId);
  }

  private async autoVersion(docId: string, burst: Burst): Promise<void> {
    if (!(await this.documentRow(docId))) return;
    const state = await this.deps.hub.readDocument(docId);
    const latest = await this.versions.latest(docId);
    // Nothing to keep when the text is what the last version holds (a burst undone, a restore).
    if (latest && JSON.stringify(docToJson(latest.snapshot)) === JSON.stringify(docToJson(state))) return;
    await this.saveVersion(docId, { kind: 'auto', name: null, createdBy: null, authors: [...burst.authors], state });
  }

  /** Stores a version of the current state (or of `state`). */
  async saveVersion(
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
    await this.versions.create({ ...record, snapshot });
    return record;
  }

  /**
   * Restores a version as a new change: the current state is kept as a version first, then the
   * difference is applied through the relay's durable path, so live editors see it at once.
   */
  async restore(docId: string, versionId: string, userId: string): Promise<VersionRecord | null> {
    const target = await this.versions.get(docId, versionId);
    if (!target) return null;
    const label = target.name ?? new Date(target.createdAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    const current = await this.deps.hub.readDocument(docId);
    await this.saveVersion(docId, { kind: 'before-restore', name: `Before restoring “${label}”`, createdBy: userId, authors: [], state: current });
    await this.deps.hub.applyServerUpdate(docId, replaceContentUpdate(current, docToJson(target.snapshot)));
    const restored = await this.saveVersion(docId, { kind: 'restored', name: `Restored “${label}”`, createdBy: userId, authors: [userId] });
    await this.logEvent(docId, userId, 'restored', label);
    return restored;
  }

  /** Compares two states of a document. */
  compare(before: Uint8Array, after: Uint8Array): Comparison {
    return compareDocuments(docToJson(before), docToJson(after));
  }

  /** One-off activity (a named version, a restore, an import). */
  async logEvent(docId: string, userId: string | null, kind: ActivityRecord['kind'], detail: string | null): Promise<void> {
    const row = await this.documentRow(docId);
    if (!row) return;
    const at = this.deps.now();
    await this.activity.add([{ id: generateSecureRandomString(), workspaceId: row.workspace_id, docId, userId, kind, detail, startedAt: at, at }]);
  }

  private async logBurst(docId: string, burst: Burst, kind: 'edited' | 'commented'): Promise<void> {
    const row = await this.documentRow(docId);
    if (!row) return;
    const authors = burst.authors.size > 0 ? [...burst.authors] : [null];
    await this.activity.add(
      authors.map((userId) => ({
        id: generateSecureRandomString(),
        workspaceId: row.workspace_id,
        docId,
        userId,
        kind,
        detail: null,
        startedAt: burst.startedAt,
        at: burst.lastAt,
      })),
    );
  }

  /** People whose edits to `docId` are in a burst not yet written to the activity log. */
  pendingAuthors(docId: string): string[] {
    return [...(this.activityLog.peek(docId)?.authors ?? [])];
  }

  /** Runs every pending index, version and activity write now (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([this.indexer.flush(), this.versioner.flush(), this.activityLog.flush(), this.commentLog.flush()]);
  }

  /** Flushes and stops listening; call before the relay shuts down. */
  async stop(): Promise<void> {
    await Promise.all([this.indexer.stop(), this.versioner.stop(), this.activityLog.stop(), this.commentLog.stop()]);
  }
}
