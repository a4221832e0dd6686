/**
 * The activity log's writer: bursts of committed edits and comments become one entry per author
 * (debounced per document), and one-off events (a named version, a restore, an import) are written
 * at once. Routes read the log through `store`.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { commentedDocId } from '../../../shared/comments/threads.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import type { CollabHub } from '../../collab/hub.js';
import { KeyedDebouncer, type Burst } from '../../debounce.js';
import { documentPlace } from '../../storage/document-places.js';
import type { Schema } from '../../storage/schema.js';
import { ActivityStore, type ActivityRecord } from './store.js';

export interface ActivityTimings {
  /** Quiet time that closes a burst in the activity log. */
  activityIdleMs: number;
  activityMaxWaitMs: number;
}

export const defaultActivityTimings: ActivityTimings = { activityIdleMs: 60_000, activityMaxWaitMs: 10 * 60_000 };

export interface ActivityDeps {
  db: Kysely<Schema>;
  hub: Pick<CollabHub, 'onCommitted'>;
  log: Logger;
  now: () => number;
}

export class ActivityLog {
  readonly store: ActivityStore;
  private readonly edits: KeyedDebouncer;
  private readonly comments: KeyedDebouncer;

  constructor(
    private readonly deps: ActivityDeps,
    timings: ActivityTimings = defaultActivityTimings,
  ) {
    this.store = new ActivityStore(deps.db);
    const debouncer = (kind: 'edited' | 'commented') =>
      new KeyedDebouncer({
        idleMs: timings.activityIdleMs,
        maxWaitMs: timings.activityMaxWaitMs,
        now: deps.now,
        run: (docId, burst) => this.logBurst(docId, burst, kind),
        onError: (docId, error) => deps.log.warn({ err: error, docId }, `activity log (${kind}) failed`),
      });
    this.edits = debouncer('edited');
    this.comments = debouncer('commented');
    deps.hub.onCommitted((docId, authors) => {
      const commented = commentedDocId(docId);
      if (commented) this.comments.push(commented, authors);
      else this.edits.push(docId, authors);
    });
  }

  private async workspaceOf(docId: string): Promise<string | undefined> {
    return (await documentPlace(this.deps.db, docId))?.workspaceId;
  }

  /** One-off activity (a named version, a restore, an import). Documents without metadata are skipped. */
  async logEvent(docId: string, userId: string | null, kind: ActivityRecord['kind'], detail: string | null): Promise<void> {
    const workspaceId = await this.workspaceOf(docId);
    if (!workspaceId) return;
    const at = this.deps.now();
    await this.store.add([{ id: generateSecureRandomString(), workspaceId, docId, userId, kind, detail, startedAt: at, at }]);
  }

  private async logBurst(docId: string, burst: Burst, kind: 'edited' | 'commented'): Promise<void> {
    const workspaceId = await this.workspaceOf(docId);
    if (!workspaceId) return;
    const authors = burst.authors.size > 0 ? [...burst.authors] : [null];
    await this.store.add(
      authors.map((userId) => ({
        id: generateSecureRandomString(),
        workspaceId,
        docId,
        userId,
        kind,
        detail: null,
        startedAt: burst.startedAt,
        at: burst.lastAt,
      })),
    );
  }

  /** People whose edits to `docId` are in a burst not yet written to the log. */
  pendingAuthors(docId: string): string[] {
    return [...(this.edits.peek(docId)?.authors ?? [])];
  }

  /** Writes every pending burst now (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([this.edits.flush(), this.comments.flush()]);
  }

  /** Flushes and stops listening. */
  async stop(): Promise<void> {
    await Promise.all([this.edits.stop(), this.comments.stop()]);
  }
}
