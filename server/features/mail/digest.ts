/**
 * The daily digest: documents that changed while you were away (words changed and by whom, compared
 * from your last visit as the catch-up panel does), threads waiting on you, and deadlines this week.
 */
import type { Kysely } from 'kysely';
import { TZDate } from '@date-fns/tz';
import type { Schema } from '../../storage/schema.js';
import type { UserRecord } from '../../storage/accounts.js';
import { escapeHtml, type RenderedMail } from './render.js';

export interface DigestContent {
  changes: Array<{ docId: string; title: string; words: number; authors: string[] }>;
  waiting: Array<{ docId: string; title: string; threadId: string; excerpt: string }>;
  deadlines: Array<{ docId: string; title: string; at: number }>;
}

export interface DigestSource {
  /** What the digest of `user` says at `now`; `since` is when the previous digest was queued. */
  digestOf(user: UserRecord, since: number, now: number): Promise<DigestContent>;
}

export interface DigestDeps {
  db: Kysely<Schema>;
  /** Documents the user follows (notifications' follows; until wired: the documents they visited). */
  followed?: (userId: string) => Promise<string[]>;
  /** Threads waiting on the user (from notifications: unread replies and assignments). */
  waiting?: (userId: string) => Promise<DigestContent['waiting']>;
  readDocument: (docId: string) => Promise<Uint8Array>;
  /** Words inserted and deleted between two states (versions' compare, as catch-up uses it). */
  compare: (before: Uint8Array, after: Uint8Array) => Promise<{ insertions: number; deletions: number }>;
  names: (ids: string[]) => Promise<Map<string, { name: string }>>;
}

const WEEK = 7 * 24 * 60 * 60 * 1000;

export function digestSource(deps: DigestDeps): DigestSource {
  return {
    async digestOf(user, _since, now) {
      const followed = deps.followed ? new Set(await deps.followed(user.id)) : null;
      const visits = await deps.db
        .selectFrom('doc_visits as v')
        .innerJoin('documents as d', 'd.id', 'v.doc_id')
        .select(['d.id', 'd.title', 'd.changed_by', 'd.updated_at', 'v.visited_at', 'v.snapshot'])
        .where('v.user_id', '=', user.id)
        .where('d.deleted_at', 'is', null)
        .execute();
      const changes: DigestContent['changes'] = [];
      for (const v of visits) {
        if (followed && !followed.has(v.id)) continue;
        if (Number(v.updated_at) <= Number(v.visited_at)) continue;
        const authorIds = (JSON.parse(v.changed_by ?? '[]') as string[]).filter((id) => id !== user.id);
        if (authorIds.length === 0) continue;
        const c = await deps.compare(v.snapshot, await deps.readDocument(v.id));
        const words = c.insertions + c.deletions;
        if (words === 0) continue;
        const names = await deps.names(authorIds);
        changes.push({ docId: v.id, title: v.title, words, authors: authorIds.map((id) => names.get(id)?.name ?? 'Former member') });
      }
      const deadlines = await deps.db
        .selectFrom('doc_deadlines as dl')
        .innerJoin('documents as d', 'd.id', 'dl.doc_id')
        .innerJoin('memberships as m', 'm.workspace_id', 'd.workspace_id')
        .select(['d.id', 'd.title', 'dl.at'])
        .where('m.user_id', '=', user.id)
        .where('d.deleted_at', 'is', null)
        .where('dl.at', '>=', now)
        .where('dl.at', '<', now + WEEK)
        .orderBy('dl.at')
        .execute();
      return {
        changes,
        waiting: deps.waiting ? await deps.waiting(user.id) : [],
        deadlines: deadlines.filter((d) => !followed || followed.has(d.id)).map((d) => ({ docId: d.id, title: d.title, at: Number(d.at) })),
      };
    },
  };
}

function when(at: number, timeZone: string): string {
  const local = new TZDate(at, timeZone);
  return local.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
}

export function renderDigest(content: DigestContent, timeZone: string, publicUrl: string, unsubscribeUrl: string): RenderedMail {
  const link = (docId: string, query = '') => new URL(`/d/${encodeURIComponent(docId)}${query}`, publicUrl).href;
  const sections: Array<{ title: string; items: Array<{ line: string; url: string }> }> = [
    {
      title: 'Changed while you were away',
      items: content.changes.map((c) => ({ line: `${c.title}: ${c.words} words changed by ${c.authors.join(', ')}`, url: link(c.docId) })),
    },
    {
      title: 'Threads waiting on you',
      items: content.waiting.map((w) => ({ line: `${w.title}: "${w.excerpt}"`, url: link(w.docId, `?thread=${encodeURIComponent(w.threadId)}`) })),
    },
    {
      title: 'Deadlines this week',
      items: content.deadlines.map((d) => ({ line: `${d.title}: due ${when(d.at, timeZone)}`, url: link(d.docId) })),
    },
  ].filter((s) => s.items.length > 0);
  const text = [...sections.map((s) => `${s.title}\n${s.items.map((i) => `- ${i.line}\n  ${i.url}`).join('\n')}\n`), `Unsubscribe from the digest: ${unsubscribeUrl}`].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;max-width:36rem">${sections
    .map((s) => `<h2>${escapeHtml(s.title)}</h2><ul>${s.items.map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.line)}</a></li>`).join('')}</ul>`)
    .join('')}<hr><p style="font-size:small;color:#666"><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe from the digest</a></p></body></html>`;
  return { subject: 'Your Confer digest', text, html };
}
