/**
 * The comment half of search: one entry per thread of a document's comments, replaced whole when the
 * comments change. Queries go through the same token rules and snippet markers as documents
 * (search-index.ts), and the same workspace filter, so a hit never crosses into another group.
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../storage/migrations/index.js';
import type { Schema } from '../../storage/schema.js';
import { HIT_END, HIT_START, queryTokens, snippetParts } from './search-index.js';
import type { SnippetPart } from '../../../shared/api/search.js';

/** A thread as it is indexed. */
export interface ThreadEntry {
  threadId: string;
  resolved: boolean;
  /** The quoted text, then each comment as "Name: text", one per line. */
  body: string;
}

export interface CommentHit {
  docId: string;
  workspaceId: string;
  title: string;
  threadId: string;
  resolved: boolean;
  snippet: SnippetPart[];
}

export class CommentIndex {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly engine: Engine,
  ) {}

  /** Makes the entries of `docId` exactly `threads` (threads deleted since are dropped). */
  async replace(docId: string, threads: readonly ThreadEntry[], now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (this.engine === 'sqlite') {
        await sql`DELETE FROM search_comments_fts WHERE rowid IN (SELECT id FROM search_comments WHERE doc_id = ${docId})`.execute(trx);
      }
      await trx.deleteFrom('search_comments').where('doc_id', '=', docId).execute();
      for (const thread of threads) {
        if (this.engine === 'postgres') {
          await trx
            .insertInto('search_comments')
            .values({ doc_id: docId, thread_id: thread.threadId, resolved: thread.resolved ? 1 : 0, body: thread.body, indexed_at: now })
            .execute();
          continue;
        }
        const row = await sql<{ id: number }>`INSERT INTO search_comments (doc_id, thread_id, resolved, indexed_at)
          VALUES (${docId}, ${thread.threadId}, ${thread.resolved ? 1 : 0}, ${now}) RETURNING id`.execute(trx);
        const id = row.rows[0]?.id;
        if (id === undefined) throw new Error('search_comments insert returned no row');
        await sql`INSERT INTO search_comments_fts (rowid, body) VALUES (${id}, ${thread.body})`.execute(trx);
      }
    });
  }

  /** Ranked thread hits among live documents of `workspaceIds`. */
  async query(q: string, workspaceIds: readonly string[], limit = 10): Promise<CommentHit[]> {
    const tokens = queryTokens(q);
    if (tokens.length === 0 || workspaceIds.length === 0) return [];
    const spaces = sql.join(workspaceIds.map((id) => sql`${id}`));
    type Row = { doc_id: string; workspace_id: string; title: string; thread_id: string; resolved: number; snippet: string };
    let rows: Row[];
    if (this.engine === 'postgres') {
      const tsquery = tokens.map((t) => `${t}:*`).join(' & ');
      const options = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=24, MinWords=8, MaxFragments=1`;
      rows = (
        await sql<Row>`
        SELECT c.doc_id, d.workspace_id, d.title, c.thread_id, c.resolved,
               ts_headline('english', c.body, q.query, ${options}) AS snippet
        FROM search_comments c
        JOIN documents d ON d.id = c.doc_id,
             to_tsquery('english', ${tsquery}) AS q(query)
        WHERE c.tsv @@ q.query AND d.deleted_at IS NULL AND d.workspace_id IN (${spaces})
        ORDER BY c.resolved ASC, ts_rank(c.tsv, q.query) DESC, c.indexed_at DESC
        LIMIT ${limit}`.execute(this.db)
      ).rows;
    } else {
      const match = tokens.map((t) => `"${t}"*`).join(' ');
      rows = (
        await sql<Row>`
        SELECT c.doc_id, d.workspace_id, d.title, c.thread_id, c.resolved,
               snippet(search_comments_fts, 0, ${HIT_START}, ${HIT_END}, '…', 20) AS snippet
        FROM search_comments_fts
        JOIN search_comments c ON c.id = search_comments_fts.rowid
        JOIN documents d ON d.id = c.doc_id
        WHERE search_comments_fts MATCH ${match} AND d.deleted_at IS NULL AND d.workspace_id IN (${spaces})
        ORDER BY c.resolved ASC, bm25(search_comments_fts), c.indexed_at DESC
        LIMIT ${limit}`.execute(this.db)
      ).rows;
    }
    return rows.map((r) => ({
      docId: r.doc_id,
      workspaceId: r.workspace_id,
      title: r.title,
      threadId: r.thread_id,
      resolved: Number(r.resolved) === 1,
      snippet: snippetParts(r.snippet),
    }));
  }
}
