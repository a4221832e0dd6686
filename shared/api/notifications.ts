/**
 * Notifications: the in-app inbox, following documents and per-kind delivery preferences. The server
 * detects every notification from committed changes (never from what a client claims), stores it as a
 * row, and pushes the recipient's unread count live; email is a second channel over the same rows.
 *
 * Routes (all for the signed-in user):
 *   GET  /api/notifications?before=<ms>&limit=<n>   → NotificationListView (newest first)
 *   GET  /api/notifications/unread-count             → { unread: number }
 *   POST /api/notifications/:id/read                 → 204
 *   POST /api/notifications/read-all                 → 204
 *   GET  /api/notifications/preferences              → NotificationPreferencesView
 *   PUT  /api/notifications/preferences              → NotificationPreferencesView (body: UpdatePreferencesInput)
 *   GET  /api/documents/:id/follow                   → FollowView
 *   PUT  /api/documents/:id/follow   { following }   → FollowView
 *   GET  /api/documents/:id/people                   → DocumentPeopleView (who can be mentioned)
 * Live: the per-user socket `GET /api/notifications/live` (a WebSocket) sends `LiveNotificationMessage`
 * JSON text frames; it works across nodes through the Redis bus.
 */
import { z } from 'zod';
import type { PersonView } from './people.js';

export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'assigned',
  'resolved',
  'invitation',
  'role-changed',
  'suggestion',
  'deadline',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a notification points: the exact place to open. */
export type NotificationTarget =
  /** A comment (or the thread, without commentId) in a document's comments. */
  | { type: 'comment'; threadId: string; commentId: string | null }
  /** A mention node in the document body, by its `mentionId`. */
  | { type: 'mention'; mentionId: string }
  /** A suggestion, by its id. */
  | { type: 'suggestion'; suggestionId: string }
  /** The document itself (deadline, role change on a document) . */
  | { type: 'document' }
  /** A working group (role change). */
  | { type: 'workspace' }
  /** An invitation addressed to you: `token` opens /invite/<token> (only your verified address can accept it). */
  | { type: 'invitation'; token: string };

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** Who did it; null for the system (deadline reminders). */
  actor: PersonView | null;
  workspace: { id: string; name: string } | null;
  document: { id: string; title: string } | null;
  target: NotificationTarget;
  /** A short excerpt of the text involved (the comment, the sentence around a mention). */
  excerpt: string;
  createdAt: number;
  readAt: number | null;
}

export interface NotificationListView {
  notifications: NotificationView[];
  unread: number;
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: number | null;
}

export const notificationListQuery = z.object({
  before: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** How a kind of notification reaches you. */
export const DELIVERY = ['email', 'in-app', 'off'] as const;
export type Delivery = (typeof DELIVERY)[number];

export interface NotificationPreferencesView {
  kinds: Record<NotificationKind, Delivery>;
  /** The daily digest at the start of your working hours (else 08:00) in your time zone. */
  digest: boolean;
  /** False when the server has no SMTP configured: email choices are then shown as unavailable. */
  emailAvailable: boolean;
}

export const updatePreferencesInput = z.object({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.enum(DELIVERY)).optional(),
  digest: z.boolean().optional(),
});
export type UpdatePreferencesInput = z.input<typeof updatePreferencesInput>;

export interface FollowView {
  documentId: string;
  following: boolean;
}

export const followInput = z.object({ following: z.boolean({ error: 'following must be true or false' }) });

/** Someone who can be mentioned in a document (the document's people; the client leaves out yourself). */
export interface MentionablePerson extends PersonView {
  email: string;
  /** A guest of this one document rather than a member of its group. */
  guest: boolean;
}

export interface DocumentPeopleView {
  people: MentionablePerson[];
}

/** What the per-user live channel sends. */
export type LiveNotificationMessage =
  | { type: 'notification'; notification: NotificationView; unread: number }
  | { type: 'unread'; unread: number };
