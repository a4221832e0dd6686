/**
 * What email needs from notifications (server/features/notifications implements it; main.ts passes it
 * in): new notifications as they are stored, which are still unread, how they read, and preferences.
 */
import type { NotificationKind, NotificationPreferencesView, NotificationView } from '../../../shared/api/notifications.js';

/** A notification as it is created: enough to queue a mail for it. */
export interface CreatedNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  createdAt: number;
}

export interface NotificationFeed {
  /** Calls `listener` for each notification stored on this node; returns the unsubscribe function. */
  onCreated(listener: (n: CreatedNotification) => void): () => void;
  /** Of `ids`, those the user has not read. */
  unreadAmong(userId: string, ids: string[]): Promise<string[]>;
  viewsOf(userId: string, ids: string[]): Promise<NotificationView[]>;
  preferencesOf(userId: string): Promise<NotificationPreferencesView>;
  /**
   * Unread notifications created since `since`: at start the scheduler queues the mail of any whose
   * row was stored but whose mail was not (the node stopped in between), so a restart loses none.
   */
  unreadSince?(since: number): Promise<CreatedNotification[]>;
}
