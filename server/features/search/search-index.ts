/**
 * The full-text index: SQLite FTS5 (porter stemming, bm25 ranking, title weighted 10:1) or
 * PostgreSQL tsvector + GIN (ts_rank, title weight A). Both return snippets with hits marked by
 * control characters that plain text never contains, split into parts so nobody renders server HTML.
 */
import { sql } from 'kysely';
import type { SnippetPart } from '../../../shared/api/search.js';
import type { Engine } from '../../storage/migrations/index.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';

export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

/** Query words: letters and digits only, so no user input reaches either engine's query syntax. */
export function queryTokens(q: string): string[] {
  return (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** Splits a marked snippet into highlighted and plain parts. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  // The markers are control characters on purpose: document text cannot contain them.
  // eslint-disable-next-line no-control-regex
  for (const piece of marked.split(/([\u0002\u0003])/)) {
    if (piece === HIT_START) hit = true;
    else if (piece === HIT_END) hit = false;
    else if (piece) parts.push({ text: piece.replace(/\s+/g, ' '), hit });
  }
  return parts;
}

export interface SearchHit {
  docId: string;
  workspaceId: string;
  title: string;
  snippet: SnippetPart[];
}

export class SearchIndex {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly engine: Engine,
  ) {}

  /** Replaces the indexed title and text of a document. */
  async upsert(docId: string, title: string, body: string, now: number): Promise<void> {
    if (this.engine === 'postgres') {
      await sql`INSERT INTO search_docs (doc_id, title, body, indexed_at) VALUES (${docId}, ${title}, ${body}, ${now})
        ON CONFLICT (doc_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, indexed_at = EXCLUDED.indexed_at`.execute(this.db);
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      const row = await sql<{ id: number }>`INSERT INTO search_docs (doc_id, indexed_at) VALUES (${docId}, ${now})
        ON CONFLICT (doc_id) DO UPDATE SET indexed_at = excluded.indexed_at RETURNING id`.execute(trx);
      const id = row.rows[0]?.id;
      if (id === undefined) throw new Error('search_docs upsert returned no row');
      await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(trx);
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES (${id}, ${title}, ${body})`.execute(trx);
    });
  }

  /** Documents of these workspaces (live ones) that have no index entry yet, e.g. made from a template. */
  async unindexed(workspaceIds: readonly string[], limit: number): Promise<string[]> {
    if (workspaceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('documents as d')
      .leftJoin('search_docs as s', 's.doc_id', 'd.id')
      .select('d.id')
      .where('s.doc_id', 'is', null)
      .where('d.deleted_at', 'is', null)
      .where('d.workspace_id', 'in', [...workspaceIds])
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Ranked hits among live documents of `workspaceIds` (the caller passes only the user's own). */
  async query(q: string, workspaceIds: readonly string[], limit = 20): Promise<SearchHit[]> {
    const tokens = queryTokens(q);
    if (tokens.length === 0 || workspaceIds.length === 0) return [];
    const spaces = sql.join(workspaceIds.map((id) => sql`${id}`));
    if (this.engine === 'postgres') {
      const tsquery = tokens.map((t) => `${t}:*`).join(' & ');
      const options = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
      const result = await sql<{ doc_id: string; workspace_id: string; title: string; snippet: string }>`
        SELECT s.doc_id, d.workspace_id, d.title,
               ts_headline('english', s.body, q.query, ${options}) AS snippet
        FROM search_docs s
        JOIN documents d ON d.id = s.doc_id,
             to_tsquery('english', ${tsquery}) AS q(query)
        WHERE s.tsv @@ q.query AND d.deleted_at IS NULL AND d.workspace_id IN (${spaces})
        ORDER BY ts_rank(s.tsv, q.query) DESC, d.updated_at DESC
        LIMIT ${limit}`.execute(this.db);
      return result.rows.map((r) => ({ docId: r.doc_id, workspaceId: r.workspace_id, title: r.title, snippet: snippetParts(r.snippet) }));
    }
    const match = tokens.map((t) => `"${t}"*`).join(' ');
    const result = await sql<{ doc_id: string; workspace_id: string; title: string; snippet: string }>`
      SELECT s.doc_id, d.workspace_id, d.title,
             snippet(search_fts, -1, ${HIT_START}, ${HIT_END}, '…', 24) AS snippet
      FROM search_fts
      JOIN search_docs s ON s.id = search_fts.rowid
      JOIN documents d ON d.id = s.doc_id
      WHERE search_fts MATCH ${match} AND d.deleted_at IS NULL AND d.workspace_id IN (${spaces})
      ORDER BY bm25(search_fts, 10.0, 1.0), d.updated_at DESC
      LIMIT ${limit}`.execute(this.db);
    return result.rows.map((r) => ({ docId: r.doc_id, workspaceId: r.workspace_id, title: r.title, snippet: snippetParts(r.snippet) }));
  }
}
