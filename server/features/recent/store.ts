/**
 * Documents of every working group a person belongs to, the ones they opened most recently first,
 * then the rest by their latest change. Trashed documents and other people's groups never appear:
 * the membership join is the filter.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';
import { changedByOf } from '../../storage/documents.js';
import { millis } from '../../storage/rows.js';

export interface RecentRecord {
  docId: string;
  title: string;
  workspaceId: string;
  workspaceName: string;
  visitedAt: number | null;
  updatedAt: number;
  changedBy: string[];
}

/** `text` as a LIKE pattern matching any string that contains it (wildcards in it match themselves). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class RecentStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async forUser(userId: string, options: { q?: string | undefined; limit: number }): Promise<RecentRecord[]> {
    let query = this.db
      .selectFrom('documents as d')
      .innerJoin('memberships as m', (join) => join.onRef('m.workspace_id', '=', 'd.workspace_id').on('m.user_id', '=', userId))
      .innerJoin('workspaces as w', 'w.id', 'd.workspace_id')
      .leftJoin('doc_visits as v', (join) => join.onRef('v.doc_id', '=', 'd.id').on('v.user_id', '=', userId))
      .select(['d.id', 'd.title', 'd.workspace_id', 'w.name as workspace_name', 'v.visited_at', 'd.updated_at', 'd.changed_by'])
      .where('d.deleted_at', 'is', null);
    if (options.q) query = query.where(sql<boolean>`lower(d.title) LIKE ${containsPattern(options.q)} ESCAPE '\\'`);
    const rows = await query
      .orderBy(sql`COALESCE(v.visited_at, 0)`, 'desc')
      .orderBy('d.updated_at', 'desc')
      .orderBy('d.id')
      .limit(options.limit)
      .execute();
    return rows.map((r) => ({
      docId: r.id,
      title: r.title,
      workspaceId: r.workspace_id,
      workspaceName: r.workspace_name,
      visitedAt: r.visited_at === null ? null : millis(r.visited_at),
      updatedAt: millis(r.updated_at),
      changedBy: changedByOf(r.changed_by),
    }));
  }
}
