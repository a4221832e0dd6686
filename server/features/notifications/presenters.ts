/** Notification rows as the API shows them (shared/api/notifications.ts). */
import type { NotificationView } from '../../../shared/api/notifications.js';
import { person, type People } from '../members/index.js';
import type { NotificationRecord } from './store.js';

export function presentNotification(r: NotificationRecord, people: People): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    actor: person(people, r.actorId),
    workspace: r.workspaceId && r.workspaceName !== null ? { id: r.workspaceId, name: r.workspaceName } : null,
    document: r.docId && r.docTitle !== null ? { id: r.docId, title: r.docTitle } : null,
    target: r.target,
    excerpt: r.excerpt,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}

export function presentNotifications(records: readonly NotificationRecord[], people: People): NotificationView[] {
  return records.map((r) => presentNotification(r, people));
}
