/**
 * "Last changed" follows the text: the relay's commit notices for a document, debounced per document,
 * move its `updatedAt` to the end of the burst and name the people in it. A document typed into all
 * day is still stamped at least every `changeMaxWaitMs`.
 */
import type { Logger } from 'pino';
import { commentedDocId } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import { KeyedDebouncer, type Burst } from '../../debounce.js';
import type { DocumentMetaStore } from '../../storage/documents.js';

export interface ChangeTimings {
  /** Quiet time that closes a burst of edits; the list is at most about this much behind. */
  changeIdleMs: number;
  changeMaxWaitMs: number;
}

export const defaultChangeTimings: ChangeTimings = { changeIdleMs: 3000, changeMaxWaitMs: 60_000 };

export interface ChangeTrackerDeps {
  documents: Pick<DocumentMetaStore, 'recordEdit'>;
  hub: Pick<CollabHub, 'onCommitted'>;
  log: Logger;
  now: () => number;
}

export class ChangeTracker {
  private readonly edits: KeyedDebouncer;

  constructor(deps: ChangeTrackerDeps, timings: ChangeTimings = defaultChangeTimings) {
    this.edits = new KeyedDebouncer({
      idleMs: timings.changeIdleMs,
      maxWaitMs: timings.changeMaxWaitMs,
      now: deps.now,
      run: (docId, burst: Burst) => deps.documents.recordEdit(docId, burst.lastAt, [...burst.authors]),
      onError: (docId, error) => deps.log.warn({ err: error, docId }, 'recording the last change failed'),
    });
    deps.hub.onCommitted((docId, authors) => {
      // A comment is not a change to the text (the activity log counts comments).
      if (commentedDocId(docId) === null) this.edits.push(docId, authors);
    });
  }

  /** Writes every pending burst now (shutdown, tests). */
  async flush(): Promise<void> {
    await this.edits.flush();
  }

  /** Flushes and stops listening. */
  async stop(): Promise<void> {
    await this.edits.stop();
  }
}
