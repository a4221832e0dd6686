/**
 * When each suggestion was made, by the server's clock: after a short burst of commits to a document
 * body, every suggestion id of the burst's writers not yet recorded gets the time of the burst's last
 * commit (so at most `maxWaitMs` after the real commit; a client's claimed time is never read).
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { SuggestionTimeView } from '../../../shared/api/suggestions.js';
import { commentedDocId } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import { KeyedDebouncer } from '../../debounce.js';
import { documentPlace } from '../../storage/document-places.js';
import type { Schema } from '../../storage/schema.js';
import { bodySuggestions } from './body-suggestions.js';

export interface SuggestionTimesDeps {
  db: Kysely<Schema>;
  hub: Pick<CollabHub, 'onCommitted' | 'readDocument'>;
  log: Logger;
  now: () => number;
}

/** Short: the recorded time is the burst's last commit, so a burst is kept brief. */
const QUIET_MS = 200;
const MAX_WAIT_MS = 2_000;

export class SuggestionTimes {
  private readonly bursts: KeyedDebouncer;

  constructor(private readonly deps: SuggestionTimesDeps) {
    this.bursts = new KeyedDebouncer({
      idleMs: QUIET_MS,
      maxWaitMs: MAX_WAIT_MS,
      now: deps.now,
      run: (docId, burst) => this.record(docId, burst.authors, burst.lastAt),
      onError: (docId, error) => deps.log.warn({ err: error, docId }, 'recording suggestion times failed'),
    });
    deps.hub.onCommitted((docId, authors) => {
      if (authors.size > 0 && commentedDocId(docId) === null) this.bursts.push(docId, authors);
    });
  }

  private async record(docId: string, authors: ReadonlySet<string>, at: number): Promise<void> {
    const known = await documentPlace(this.deps.db, docId);
    if (!known) return;
    const state = await this.deps.hub.readDocument(docId);
    const rows = bodySuggestions(state)
      .filter((s) => authors.has(s.authorId))
      .map((s) => ({ doc_id: docId, suggestion_id: s.id, author_id: s.authorId, first_at: at }));
    if (rows.length === 0) return;
    await this.deps.db
      .insertInto('suggestion_times')
      .values(rows)
      .onConflict((oc) => oc.columns(['doc_id', 'suggestion_id']).doNothing())
      .execute();
  }

  /** Every recorded suggestion of the document, oldest first. */
  async of(docId: string): Promise<SuggestionTimeView[]> {
    const rows = await this.deps.db.selectFrom('suggestion_times').selectAll().where('doc_id', '=', docId).orderBy('first_at').orderBy('suggestion_id').execute();
    return rows.map((r) => ({ id: r.suggestion_id, authorId: r.author_id, at: Number(r.first_at) }));
  }

  flush(): Promise<void> {
    return this.bursts.flush();
  }

  stop(): Promise<void> {
    return this.bursts.stop();
  }
}
