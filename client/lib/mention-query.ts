/**
 * Pure helpers of the comment composer's @mention picker: which "@query" the caret is in, who it
 * matches, how the pick replaces the typed text, and how a stored comment splits into text and
 * mentions (by the stored spans, never by guessing from names, so "@Tom is late" is not a mention
 * unless Tom was picked).
 */
import type { CommentMention } from '../../shared/comments/threads.js';

export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

/** The "@query" ending at `caret`: `start` is the index of the "@". Null when the caret is not in one. */
export function activeQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  // A query is a name being typed: at most a few words, no line break.
  if (query.length > 40 || /\n/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

/** People whose name or email contains `query` (any case), without `meId`; names starting with it first. */
export function matchPeople<T extends Mentionable>(people: readonly T[], query: string, meId: string | null, limit = 8): T[] {
  const q = query.trim().toLowerCase();
  return people
    .filter((p) => p.id !== meId)
    .filter((p) => !q || p.name.toLowerCase().includes(q) || p.email.toLowerCase().includes(q))
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Replaces `text[start, caret)` (the "@query") by "@Name ", returning the new text, caret and span. */
export function replaceQuery(text: string, start: number, caret: number, name: string): { text: string; caret: number; span: { start: number; length: number } } {
  const label = `@${name}`;
  const next = `${text.slice(0, start)}${label} ${text.slice(caret)}`;
  return { text: next, caret: start + label.length + 1, span: { start, length: label.length } };
}

/**
 * Moves the spans of `mentions` after an edit from `before` to `after`, and drops those whose text
 * was changed: a mention is kept only while "@Name" is still there, intact.
 */
export function keepMentions(before: string, after: string, mentions: readonly CommentMention[]): CommentMention[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const changedEnd = before.length - suffix;
  const shift = after.length - before.length;
  const kept: CommentMention[] = [];
  for (const m of mentions) {
    const end = m.start + m.length;
    if (end <= prefix) kept.push(m);
    else if (m.start >= changedEnd) kept.push({ ...m, start: m.start + shift });
  }
  return kept;
}

/** Splits a comment body into plain text and the mentions stored with it (overlapping or stray spans are ignored). */
export function mentionSegments(body: string, mentions: readonly CommentMention[]): { text: string; userId: string | null }[] {
  const spans = [...mentions].filter((m) => m.start >= 0 && m.length > 0 && m.start + m.length <= body.length && body[m.start] === '@').sort((a, b) => a.start - b.start);
  const parts: { text: string; userId: string | null }[] = [];
  let at = 0;
  for (const m of spans) {
    if (m.start < at) continue;
    if (m.start > at) parts.push({ text: body.slice(at, m.start), userId: null });
    parts.push({ text: body.slice(m.start, m.start + m.length), userId: m.userId });
    at = m.start + m.length;
  }
  if (at < body.length || parts.length === 0) parts.push({ text: body.slice(at), userId: null });
  return parts;
}
