/**
 * The activity log of a working group: one row per person per burst of edits (debounced from the
 * relay's commit notices), plus one-off events (a named version, a restore, an import).
 */
import type { ActivityKind } from '../../../shared/api/activity.js';
import { millis } from '../../storage/rows.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/schema.js';
import { oneOf } from '../../../shared/narrow.js';

export interface ActivityRecord {
  id: string;
  workspaceId: string;
  docId: string;
  docTitle: string;
  userId: string | null;
  kind: ActivityKind;
  detail: string | null;
  startedAt: number;
  at: number;
}

const kinds: readonly ActivityKind[] = ['edited', 'commented', 'version', 'restored', 'imported', 'link-created', 'link-revoked', 'guest-added', 'guest-removed'];

export class ActivityStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async add(entries: ReadonlyArray<Omit<ActivityRecord, 'docTitle'>>): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('activity')
      .values(
        entries.map((e) => ({
          id: e.id,
          workspace_id: e.workspaceId,
          doc_id: e.docId,
          user_id: e.userId,
          kind: e.kind,
          detail: e.detail,
          started_at: e.startedAt,
          at: e.at,
        })),
      )
      .execute();
  }

  /**
   * Newest first. Filters: a workspace's live documents, or one document; `since` keeps entries that
   * ended after it (catch-up). Trashed documents drop out of the workspace list.
   */
  async list(filter: { workspaceId?: string; docId?: string; since?: number; before?: number; limit: number }): Promise<ActivityRecord[]> {
    let query = this.db
      .selectFrom('activity as a')
      .innerJoin('documents as d', 'd.id', 'a.doc_id')
      .select(['a.id', 'a.workspace_id', 'a.doc_id', 'd.title', 'a.user_id', 'a.kind', 'a.detail', 'a.started_at', 'a.at'])
      .where('d.deleted_at', 'is', null);
    if (filter.workspaceId !== undefined) query = query.where('a.workspace_id', '=', filter.workspaceId);
    if (filter.docId !== undefined) query = query.where('a.doc_id', '=', filter.docId);
    if (filter.since !== undefined) query = query.where('a.at', '>', filter.since);
    if (filter.before !== undefined) query = query.where('a.at', '<', filter.before);
    const rows = await query.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      docId: r.doc_id,
      docTitle: r.title,
      userId: r.user_id,
      kind: oneOf(kinds, r.kind, 'edited'),
      detail: r.detail,
      startedAt: millis(r.started_at),
      at: millis(r.at),
    }));
  }
}
