/**
 * Keeps the search index fresh: committed edits re-index their document after a short quiet time,
 * renames at once, and documents never edited since creation (templates) are indexed on demand.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { commentedDocId, commentsDocId, readThreads } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import { KeyedDebouncer } from '../../debounce.js';
import type { Engine } from '../../storage/migrations/index.js';
import { documentPlace } from '../../storage/document-places.js';
import type { Schema } from '../../storage/schema.js';
import { plainTextOf } from '../../text/conversions.js';
import { CommentIndex, type CommentHit, type ThreadEntry } from './comment-index.js';
import { SearchIndex, type SearchHit } from './search-index.js';

export interface SearchTimings {
  /** Quiet time before a document is re-indexed (search is fresh within about this long). */
  indexDelayMs: number;
}

export const defaultSearchTimings: SearchTimings = { indexDelayMs: 1000 };

export interface SearchDeps {
  db: Kysely<Schema>;
  engine: Engine;
  hub: Pick<CollabHub, 'onCommitted' | 'readDocument'>;
  log: Logger;
  now: () => number;
}

export class SearchService {
  readonly index: SearchIndex;
  readonly comments: CommentIndex;
  private readonly indexer: KeyedDebouncer;
  private readonly commentIndexer: KeyedDebouncer;

  constructor(
    private readonly deps: SearchDeps,
    timings: SearchTimings = defaultSearchTimings,
  ) {
    this.index = new SearchIndex(deps.db, deps.engine);
    this.comments = new CommentIndex(deps.db, deps.engine);
    this.indexer = new KeyedDebouncer({
      idleMs: timings.indexDelayMs,
      maxWaitMs: Math.max(timings.indexDelayMs, 10_000),
      now: deps.now,
      run: (docId) => this.indexDocument(docId),
      onError: (docId, error) => deps.log.warn({ err: error, docId }, 'search indexing failed'),
    });
    this.commentIndexer = new KeyedDebouncer({
      idleMs: timings.indexDelayMs,
      maxWaitMs: Math.max(timings.indexDelayMs, 10_000),
      now: deps.now,
      run: (docId) => this.indexComments(docId),
      onError: (docId, error) => deps.log.warn({ err: error, docId }, 'comment search indexing failed'),
    });
    deps.hub.onCommitted((docId, authors) => {
      const commented = commentedDocId(docId);
      if (commented === null) this.indexer.push(docId, authors);
      else this.commentIndexer.push(commented, authors);
    });
  }

  /** Re-indexes one document now (title and text). Documents without metadata (relay tests) are skipped. */
  async indexDocument(docId: string): Promise<void> {
    const row = await this.deps.db.selectFrom('documents').select('title').where('id', '=', docId).executeTakeFirst();
    if (!row) return;
    // The editor schema (TipTap, KaTeX) loads on the first indexing, not at start-up: an idle server stays small.
    // On a worker thread: a large document's text takes hundreds of milliseconds to extract (318 ms for
    // 15,000 paragraphs), which the event loop of every other document must not wait for.
    const text = await plainTextOf(await this.deps.hub.readDocument(docId));
    await this.index.upsert(docId, row.title, text, this.deps.now());
  }

  /**
   * Re-indexes the comment threads of one document now. Comments documents are small (a thread is a
   * few kilobytes), so they are read here rather than on a conversion thread.
   */
  async indexComments(docId: string): Promise<void> {
    if (!(await documentPlace(this.deps.db, docId))) return;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await this.deps.hub.readDocument(commentsDocId(docId)));
      const entries: ThreadEntry[] = readThreads(doc).map((thread) => ({
        threadId: thread.id,
        resolved: thread.resolved,
        body: [thread.quote, ...thread.comments.map((c) => `${c.author.name}: ${c.body}`)].filter(Boolean).join('\n'),
      }));
      await this.comments.replace(docId, entries, this.deps.now());
    } finally {
      doc.destroy();
    }
  }

  /** Ranked comment threads among these workspaces' live documents. */
  async queryComments(q: string, workspaceIds: readonly string[]): Promise<CommentHit[]> {
    return this.comments.query(q, workspaceIds);
  }

  /** Ranked hits among these workspaces' live documents, after indexing a few never-indexed ones. */
  async query(q: string, workspaceIds: readonly string[]): Promise<SearchHit[]> {
    for (const docId of await this.index.unindexed(workspaceIds, 25)) await this.indexDocument(docId);
    return this.index.query(q, workspaceIds);
  }

  async flush(): Promise<void> {
    await Promise.all([this.indexer.flush(), this.commentIndexer.flush()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.indexer.stop(), this.commentIndexer.stop()]);
  }
}
