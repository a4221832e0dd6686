/**
 * A small real NotificationFeed for the mail tests, over a table of its own in the same database, so
 * mail is tested against stored rows without the notifications feature (wired in main.ts instead).
 */
import { sql, type Kysely } from 'kysely';
import type { NotificationKind, NotificationPreferencesView, NotificationView } from '../../../shared/api/notifications.js';
import { NOTIFICATION_KINDS } from '../../../shared/api/notifications.js';
import { generateSecureRandomString } from '../../auth/tokens.js';
import type { CreatedNotification, NotificationFeed } from './feed.js';

export interface TableFeed extends NotificationFeed {
  create(userId: string, kind: NotificationKind, docId: string, excerpt: string, at: number): Promise<string>;
  markRead(id: string, at: number): Promise<void>;
  setDelivery(userId: string, kind: NotificationKind, delivery: 'email' | 'in-app' | 'off'): void;
}

export async function tableFeed(anyDb: Kysely<unknown>): Promise<TableFeed> {
  const db = anyDb as Kysely<{ test_notifications: { id: string; user_id: string; kind: string; doc_id: string; excerpt: string; created_at: number | string; read_at: number | string | null } }>;
  await sql`CREATE TABLE IF NOT EXISTS test_notifications (id text PRIMARY KEY, user_id text NOT NULL, kind text NOT NULL, doc_id text NOT NULL, excerpt text NOT NULL, created_at bigint NOT NULL, read_at bigint)`.execute(db);
  const listeners = new Set<(n: CreatedNotification) => void>();
  const prefs = new Map<string, NotificationPreferencesView['kinds']>();
  const kindsOf = (userId: string) => prefs.get(userId) ?? (Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 'email'])) as NotificationPreferencesView['kinds']);
  return {
    async create(userId, kind, docId, excerpt, at) {
      const id = generateSecureRandomString();
      await db.insertInto('test_notifications').values({ id, user_id: userId, kind, doc_id: docId, excerpt, created_at: at, read_at: null }).execute();
      for (const l of listeners) l({ id, userId, kind, createdAt: at });
      return id;
    },
    async markRead(id, at) {
      await db.updateTable('test_notifications').set({ read_at: at }).where('id', '=', id).execute();
    },
    setDelivery(userId, kind, delivery) {
      prefs.set(userId, { ...kindsOf(userId), [kind]: delivery });
    },
    onCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async unreadAmong(userId, ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('test_notifications').select('id').where('user_id', '=', userId).where('id', 'in', ids).where('read_at', 'is', null).execute();
      return rows.map((r) => r.id);
    },
    async viewsOf(userId, ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('test_notifications').selectAll().where('user_id', '=', userId).where('id', 'in', ids).orderBy('created_at').execute();
      return rows.map(
        (r): NotificationView => ({
          id: r.id,
          kind: r.kind as NotificationKind,
          actor: { id: 'alice', name: 'Alice Anand' } as NotificationView['actor'],
          workspace: null,
          document: { id: r.doc_id, title: 'Trial protocol' },
          target: r.kind === 'mention' ? { type: 'mention', mentionId: `m-${r.id}` } : { type: 'comment', threadId: `t-${r.id}`, commentId: `c-${r.id}` },
          excerpt: r.excerpt,
          createdAt: Number(r.created_at),
          readAt: r.read_at === null ? null : Number(r.read_at),
        }),
      );
    },
    async preferencesOf(userId) {
      return { kinds: kindsOf(userId), digest: true, emailAvailable: true };
    },
  };
}
