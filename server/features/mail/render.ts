/** Mail bodies: a text and an HTML part of the same content, every value HTML-escaped. */
import type { NotificationView } from '../../../shared/api/notifications.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The exact place a notification points to, as a path of the client. */
export function notificationPath(n: NotificationView): string {
  if (n.target.type === 'invitation') return `/invite/${encodeURIComponent(n.target.token)}`;
  if (!n.document) return n.workspace ? `/w/${encodeURIComponent(n.workspace.id)}` : '/';
  const base = `/d/${encodeURIComponent(n.document.id)}`;
  const t = n.target;
  if (t.type === 'comment') return `${base}?thread=${encodeURIComponent(t.threadId)}${t.commentId ? `&comment=${encodeURIComponent(t.commentId)}` : ''}`;
  if (t.type === 'mention') return `${base}?mention=${encodeURIComponent(t.mentionId)}`;
  if (t.type === 'suggestion') return `${base}?suggestion=${encodeURIComponent(t.suggestionId)}`;
  return base;
}

const verbs: Record<NotificationView['kind'], string> = {
  mention: 'mentioned you',
  reply: 'replied in a thread',
  assigned: 'assigned you a comment',
  resolved: 'resolved your thread',
  invitation: 'invited you',
  'role-changed': 'changed your role',
  suggestion: 'suggested a change',
  deadline: 'A deadline is near',
};

/** One line saying who did what where. */
export function headline(n: NotificationView): string {
  const where = n.document?.title ?? n.workspace?.name ?? 'Confer';
  const who = n.actor?.name;
  return who ? `${who} ${verbs[n.kind]} in ${where}` : `${verbs[n.kind]}: ${where}`;
}

function layout(bodyHtml: string, unsubscribeUrl: string): string {
  return `<!doctype html><html><body style="font-family:sans-serif;max-width:36rem">${bodyHtml}<hr><p style="font-size:small;color:#666"><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe from these emails</a></p></body></html>`;
}

/** One mail for a recipient's batch of notifications. */
export function renderNotifications(views: NotificationView[], publicUrl: string, unsubscribeUrl: string): RenderedMail {
  const items = views.map((n) => ({ line: headline(n), excerpt: n.excerpt, url: new URL(notificationPath(n), publicUrl).href }));
  const subject = items.length === 1 ? (items[0]?.line ?? 'Confer') : `${items.length} new notifications in Confer`;
  const text = [
    ...items.map((i) => `${i.line}\n${i.excerpt ? `  "${i.excerpt}"\n` : ''}  ${i.url}\n`),
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join('\n');
  const html = layout(
    items
      .map((i) => `<p><strong>${escapeHtml(i.line)}</strong><br>${i.excerpt ? `<q>${escapeHtml(i.excerpt)}</q><br>` : ''}<a href="${escapeHtml(i.url)}">Open in Confer</a></p>`)
      .join(''),
    unsubscribeUrl,
  );
  return { subject, text, html };
}

/** A mail with one action link (password reset, address verification). */
export function renderAction(subject: string, intro: string, label: string, url: string): RenderedMail {
  return {
    subject,
    text: `${intro}\n\n${label}: ${url}\n\nIf you did not ask for this, ignore this mail.`,
    html: `<!doctype html><html><body style="font-family:sans-serif;max-width:36rem"><p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p><p style="font-size:small;color:#666">If you did not ask for this, ignore this mail.</p></body></html>`,
  };
}
