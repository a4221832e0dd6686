/**
 * Notification rows, preferences and follows. Inserts are idempotent by (recipient, source key), so
 * detection that runs twice over the same committed state (a retry, a second node) notifies once.
 */
import type { Kysely } from 'kysely';
import { DELIVERY, NOTIFICATION_KINDS, type Delivery, type NotificationKind, type NotificationTarget } from '../../../shared/api/notifications.js';
import { oneOf } from '../../../shared/narrow.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import { millis, millisOrNull } from '../../storage/rows.js';
import type { Schema } from '../../storage/schema.js';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  actorId: string | null;
  workspaceId: string | null;
  docId: string | null;
  target: NotificationTarget;
  excerpt: string;
  sourceKey: string;
}

export interface NotificationRecord extends Omit<NewNotification, 'sourceKey'> {
  id: string;
  docTitle: string | null;
  workspaceName: string | null;
  createdAt: number;
  readAt: number | null;
}

export interface StoredPreferences {
  kinds: Record<NotificationKind, Delivery>;
  digest: boolean;
}

/** Until you choose, everything reaches you in the app and by email (when the server has email). */
export function defaultPreferences(): StoredPreferences {
  return { kinds: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 'email'])) as Record<NotificationKind, Delivery>, digest: true };
}

function parseTarget(json: string): NotificationTarget {
  try {
    return JSON.parse(json) as NotificationTarget;
  } catch {
    return { type: 'document' };
  }
}

export class NotificationStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => number,
  ) {}

  /** Inserts the ones not already there; returns the rows actually created. */
  async add(entries: readonly NewNotification[]): Promise<Array<{ id: string; userId: string; kind: NotificationKind; createdAt: number }>> {
    const created = [];
    for (const e of entries) {
      const id = generateSecureRandomString();
      const createdAt = this.now();
      const inserted = await this.db
        .insertInto('notifications')
        .values({
          id,
          user_id: e.userId,
          kind: e.kind,
          actor_id: e.actorId,
          workspace_id: e.workspaceId,
          doc_id: e.docId,
          target: JSON.stringify(e.target),
          excerpt: e.excerpt,
          source_key: e.sourceKey,
          created_at: createdAt,
          read_at: null,
        })
        .onConflict((oc) => oc.columns(['user_id', 'source_key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) created.push({ id, userId: e.userId, kind: e.kind, createdAt });
    }
    return created;
  }

  private select() {
    return this.db
      .selectFrom('notifications as n')
      .leftJoin('documents as d', 'd.id', 'n.doc_id')
      .leftJoin('workspaces as w', 'w.id', 'n.workspace_id')
      .select(['n.id', 'n.user_id', 'n.kind', 'n.actor_id', 'n.workspace_id', 'n.doc_id', 'n.target', 'n.excerpt', 'n.created_at', 'n.read_at', 'd.title', 'w.name']);
  }

  private static record(r: {
    id: string;
    user_id: string;
    kind: string;
    actor_id: string | null;
    workspace_id: string | null;
    doc_id: string | null;
    target: string;
    excerpt: string;
    created_at: number | string;
    read_at: number | string | null;
    title: string | null;
    name: string | null;
  }): NotificationRecord {
    return {
      id: r.id,
      userId: r.user_id,
      kind: oneOf(NOTIFICATION_KINDS, r.kind, 'mention'),
      actorId: r.actor_id,
      workspaceId: r.workspace_id,
      workspaceName: r.name,
      docId: r.doc_id,
      docTitle: r.title,
      target: parseTarget(r.target),
      excerpt: r.excerpt,
      createdAt: millis(r.created_at),
      readAt: millisOrNull(r.read_at),
    };
  }

  /** Newest first; `before` pages on created_at. */
  async list(userId: string, options: { before?: number; limit: number }): Promise<NotificationRecord[]> {
    let query = this.select().where('n.user_id', '=', userId);
    if (options.before !== undefined) query = query.where('n.created_at', '<', options.before);
    const rows = await query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(options.limit).execute();
    return rows.map((r) => NotificationStore.record(r));
  }

  async byIds(userId: string, ids: readonly string[]): Promise<NotificationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.select().where('n.user_id', '=', userId).where('n.id', 'in', ids).orderBy('n.created_at', 'desc').execute();
    return rows.map((r) => NotificationStore.record(r));
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async unreadAmong(userId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('notifications').select('id').where('user_id', '=', userId).where('id', 'in', ids).where('read_at', 'is', null).execute();
    return rows.map((r) => r.id);
  }

  /** Every unread notification created since `since`, oldest first (mail recovery at start). */
  async unreadSince(since: number): Promise<Array<{ id: string; userId: string; kind: NotificationKind; createdAt: number }>> {
    const rows = await this.db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'kind', 'created_at'])
      .where('created_at', '>=', since)
      .where('read_at', 'is', null)
      .orderBy('created_at')
      .limit(10_000)
      .execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, kind: oneOf(NOTIFICATION_KINDS, r.kind, 'mention'), createdAt: millis(r.created_at) }));
  }

  /** False when there is no such notification of yours. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const exists = await this.db.selectFrom('notifications').select('read_at').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    if (!exists) return false;
    await this.db.updateTable('notifications').set({ read_at: this.now() }).where('user_id', '=', userId).where('id', '=', id).where('read_at', 'is', null).execute();
    return true;
  }

  /** Marks read the notification of `userId` made from `sourceKey` (an invitation once accepted); true when one was unread. */
  async markReadBySource(userId: string, sourceKey: string): Promise<boolean> {
    const done = await this.db.updateTable('notifications').set({ read_at: this.now() }).where('user_id', '=', userId).where('source_key', '=', sourceKey).where('read_at', 'is', null).executeTakeFirst();
    return Number(done.numUpdatedRows) > 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.db.updateTable('notifications').set({ read_at: this.now() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  }

  async preferences(userId: string): Promise<StoredPreferences> {
    const row = await this.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
    const prefs = defaultPreferences();
    if (!row) return prefs;
    let stored: Record<string, unknown> = {};
    try {
      stored = JSON.parse(row.kinds) as Record<string, unknown>;
    } catch {
      // A damaged row falls back to the defaults rather than failing the inbox.
    }
    for (const kind of NOTIFICATION_KINDS) {
      const value = stored[kind];
      if (typeof value === 'string') prefs.kinds[kind] = oneOf(DELIVERY, value, prefs.kinds[kind]);
    }
    return { kinds: prefs.kinds, digest: row.digest !== 0 };
  }

  async setPreferences(userId: string, prefs: StoredPreferences): Promise<void> {
    const values = { user_id: userId, kinds: JSON.stringify(prefs.kinds), digest: prefs.digest ? 1 : 0 };
    await this.db
      .insertInto('notification_preferences')
      .values(values)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ kinds: values.kinds, digest: values.digest }))
      .execute();
  }

  async isFollowing(userId: string, docId: string): Promise<boolean> {
    const row = await this.db.selectFrom('document_follows').select('following').where('user_id', '=', userId).where('doc_id', '=', docId).executeTakeFirst();
    return row?.following === 1;
  }

  async setFollowing(userId: string, docId: string, following: boolean): Promise<void> {
    const values = { user_id: userId, doc_id: docId, following: following ? 1 : 0, updated_at: this.now() };
    await this.db
      .insertInto('document_follows')
      .values(values)
      .onConflict((oc) => oc.columns(['user_id', 'doc_id']).doUpdateSet({ following: values.following, updated_at: values.updated_at }))
      .execute();
  }

  /** Follows unless the person chose otherwise before (an explicit unfollow stays). */
  async autoFollow(userIds: readonly string[], docId: string): Promise<void> {
    for (const userId of userIds) {
      await this.db
        .insertInto('document_follows')
        .values({ user_id: userId, doc_id: docId, following: 1, updated_at: this.now() })
        .onConflict((oc) => oc.columns(['user_id', 'doc_id']).doNothing())
        .execute();
    }
  }

  async followedBy(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('document_follows').select('doc_id').where('user_id', '=', userId).where('following', '=', 1).execute();
    return rows.map((r) => r.doc_id);
  }

  /** Who follows the document. */
  async followersOf(docId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('document_follows').select('user_id').where('doc_id', '=', docId).where('following', '=', 1).execute();
    return rows.map((r) => r.user_id);
  }

  /** Who turned following the document off on purpose. */
  async unfollowersOf(docId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('document_follows').select('user_id').where('doc_id', '=', docId).where('following', '=', 0).execute();
    return rows.map((r) => r.user_id);
  }
}
