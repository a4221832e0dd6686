/** How an inbox entry reads (who did what, where) and where it leads: the exact place in the document. */
import type { NotificationKind, NotificationView } from '../../../shared/api/notifications.js';

const WHAT: Record<NotificationKind, string> = {
  mention: 'mentioned you',
  reply: 'replied in a thread you took part in',
  assigned: 'assigned a comment to you',
  resolved: 'resolved your thread',
  invitation: 'invited you',
  'role-changed': 'changed your role',
  suggestion: 'suggested a change',
  deadline: 'Deadline coming up',
};

/** "Alice Author mentioned you", or the system's own words for deadline reminders. */
export function headline(view: NotificationView): string {
  if (!view.actor) return WHAT[view.kind];
  return `${view.actor.name} ${WHAT[view.kind]}`;
}

/** "in Protocol", "in Sepsis study": the place, for the line under the headline. */
export function where(view: NotificationView): string {
  if (view.document) return `in ${view.document.title}`;
  if (view.workspace) return `in ${view.workspace.name}`;
  return '';
}

/** The link that opens the exact place (deep links of client/features/comments/deep-link.ts). */
export function hrefOf(view: NotificationView): string | null {
  const t = view.target;
  if (t.type === 'invitation') return `/invite/${encodeURIComponent(t.token)}`;
  if (view.document) {
    const base = `/d/${encodeURIComponent(view.document.id)}`;
    if (t.type === 'comment') {
      const params = new URLSearchParams({ thread: t.threadId });
      if (t.commentId) params.set('comment', t.commentId);
      return `${base}?${params.toString()}`;
    }
    if (t.type === 'mention') return `${base}?mention=${encodeURIComponent(t.mentionId)}`;
    if (t.type === 'suggestion') return `${base}?suggestion=${encodeURIComponent(t.suggestionId)}`;
    return base;
  }
  if (view.workspace) return `/w/${encodeURIComponent(view.workspace.id)}`;
  return null;
}
