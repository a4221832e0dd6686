/** Typed calls of the inbox and its preferences (shared/api/notifications.ts). */
import type { NotificationListView, NotificationPreferencesView, UpdatePreferencesInput } from '../../../shared/api/notifications.js';
import { request, seg } from '../../lib/api';

export const notificationsApi = {
  /** Newest first; `before` (from `nextBefore`) pages back. */
  list: (before?: number, signal?: AbortSignal) =>
    request<NotificationListView>('GET', `/api/notifications${before === undefined ? '' : `?before=${before}`}`, undefined, signal),
  markRead: (id: string) => request<null>('POST', `/api/notifications/${seg(id)}/read`),
  markAllRead: () => request<null>('POST', '/api/notifications/read-all'),
  preferences: () => request<NotificationPreferencesView>('GET', '/api/notifications/preferences'),
  setPreferences: (input: UpdatePreferencesInput) => request<NotificationPreferencesView>('PUT', '/api/notifications/preferences', input),
};
