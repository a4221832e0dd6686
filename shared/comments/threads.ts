/**
 * Comment threads live in a sibling Yjs document per document, `<docId>--comments`, relayed and
 * stored like any other document. Commenters may write it while the text stays read-only to them.
 *
 * Layout: `threads` (Y.Map) maps a thread id to a Y.Map with the fields of `ThreadFields` plus
 * `comments`, a Y.Array of `CommentEntry`. Anchors are Yjs RelativePositions (as JSON) into the main
 * document's XmlFragment, so they move with concurrent edits instead of pointing at fixed offsets.
 */
import * as Y from 'yjs';

/** Suffix of the comments document of a document. */
export const COMMENTS_SUFFIX = '--comments';

/** The id of `docId`'s comments document. */
export function commentsDocId(docId: string): string {
  return `${docId}${COMMENTS_SUFFIX}`;
}

/** The document whose comments `id` holds, or null when `id` is not a comments document. */
export function commentedDocId(id: string): string | null {
  return id.endsWith(COMMENTS_SUFFIX) && id.length > COMMENTS_SUFFIX.length ? id.slice(0, -COMMENTS_SUFFIX.length) : null;
}

/** Name of the top-level map of threads. */
export const THREADS_MAP = 'threads';

/** Longest comment body, in characters: a comment, not a chapter. */
export const MAX_COMMENT_LENGTH = 5000;

export interface CommentAuthor {
  id: string;
  name: string;
}

/** One message in a thread (the first one opens it). */
export interface CommentEntry {
  id: string;
  author: CommentAuthor;
  body: string;
  /** User ids mentioned with @name (the ids of `mentionSpans`, once each). */
  mentions: string[];
  /**
   * The mentions picked in the composer, where they are in `body`: `mentionId` is the mention's own
   * id (fresh per mention, like the document's mention nodes), so the server can tell a new mention
   * from one it saw; `start`/`length` locate "@Name" in `body`. Older comments have none.
   */
  mentionSpans?: CommentMention[];
  createdAt: number;
}

/** One @mention inside a comment body. */
export interface CommentMention {
  mentionId: string;
  userId: string;
  start: number;
  length: number;
}

function isMention(value: unknown): value is CommentMention {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CommentMention>;
  return typeof v.mentionId === 'string' && typeof v.userId === 'string' && Number.isInteger(v.start) && Number.isInteger(v.length);
}

/** A thread as plain data (read from its Y.Map). */
export interface ThreadData {
  id: string;
  /** RelativePosition JSON of the start and end of the commented range. */
  anchor: { start: unknown; end: unknown };
  /** The commented text when the thread was opened (shown when the anchor is orphaned). */
  quote: string;
  createdBy: CommentAuthor;
  createdAt: number;
  resolved: boolean;
  resolvedBy: CommentAuthor | null;
  resolvedAt: number | null;
  /** Who the thread is assigned to (someone to act on it), by whom and when; null when nobody (absent in older code's data). */
  assignee?: CommentAuthor | null;
  assignedBy?: CommentAuthor | null;
  assignedAt?: number | null;
  comments: CommentEntry[];
}

function isAuthor(value: unknown): value is CommentAuthor {
  return typeof value === 'object' && value !== null && typeof (value as CommentAuthor).id === 'string' && typeof (value as CommentAuthor).name === 'string';
}

function asEntry(value: unknown): CommentEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<CommentEntry>;
  if (typeof v.id !== 'string' || !isAuthor(v.author) || typeof v.body !== 'string' || typeof v.createdAt !== 'number') return null;
  const mentions = Array.isArray(v.mentions) ? v.mentions.filter((m): m is string => typeof m === 'string') : [];
  const mentionSpans = Array.isArray(v.mentionSpans) ? v.mentionSpans.filter(isMention) : [];
  return { id: v.id, author: v.author, body: v.body.slice(0, MAX_COMMENT_LENGTH), mentions, mentionSpans, createdAt: v.createdAt };
}

/**
 * Reads a thread defensively: the comments document is written by clients, so a malformed entry is
 * skipped rather than trusted.
 */
export function readThread(map: Y.Map<unknown>): ThreadData | null {
  const id = map.get('id');
  const anchor = map.get('anchor');
  const createdBy = map.get('createdBy');
  const createdAt = map.get('createdAt');
  if (typeof id !== 'string' || typeof anchor !== 'object' || anchor === null || !isAuthor(createdBy) || typeof createdAt !== 'number') return null;
  const comments = map.get('comments');
  const resolvedBy = map.get('resolvedBy');
  const resolvedAt = map.get('resolvedAt');
  const quote = map.get('quote');
  const assignee = map.get('assignee');
  const assignedBy = map.get('assignedBy');
  const assignedAt = map.get('assignedAt');
  return {
    id,
    anchor: { start: (anchor as { start?: unknown }).start ?? null, end: (anchor as { end?: unknown }).end ?? null },
    quote: typeof quote === 'string' ? quote : '',
    createdBy,
    createdAt,
    resolved: map.get('resolved') === true,
    resolvedBy: isAuthor(resolvedBy) ? resolvedBy : null,
    resolvedAt: typeof resolvedAt === 'number' ? resolvedAt : null,
    assignee: isAuthor(assignee) ? assignee : null,
    assignedBy: isAuthor(assignedBy) ? assignedBy : null,
    assignedAt: typeof assignedAt === 'number' ? assignedAt : null,
    comments: comments instanceof Y.Array ? comments.toArray().map(asEntry).filter((e): e is CommentEntry => e !== null) : [],
  };
}

/** Every readable thread of a comments document, oldest first. */
export function readThreads(doc: Y.Doc): ThreadData[] {
  const out: ThreadData[] = [];
  for (const value of doc.getMap<unknown>(THREADS_MAP).values()) {
    if (!(value instanceof Y.Map)) continue;
    const thread = readThread(value as Y.Map<unknown>);
    if (thread) out.push(thread);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Adds a thread with its first comment, in one transaction. */
export function addThread(
  doc: Y.Doc,
  thread: Omit<ThreadData, 'comments' | 'resolved' | 'resolvedBy' | 'resolvedAt' | 'assignee' | 'assignedBy' | 'assignedAt'>,
  first: CommentEntry,
): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap<unknown>(THREADS_MAP).set(thread.id, map);
    map.set('id', thread.id);
    map.set('anchor', thread.anchor);
    map.set('quote', thread.quote);
    map.set('createdBy', thread.createdBy);
    map.set('createdAt', thread.createdAt);
    map.set('resolved', false);
    const comments = new Y.Array<unknown>();
    map.set('comments', comments);
    comments.push([first]);
  });
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> | null {
  const value = doc.getMap<unknown>(THREADS_MAP).get(threadId);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** Appends a reply; false when the thread does not exist. */
export function addReply(doc: Y.Doc, threadId: string, entry: CommentEntry): boolean {
  const map = threadMap(doc, threadId);
  const comments = map?.get('comments');
  if (!(comments instanceof Y.Array)) return false;
  comments.push([entry]);
  return true;
}

/** Resolves (by `who`) or reopens (who = null) a thread; false when it does not exist. */
export function setResolved(doc: Y.Doc, threadId: string, who: CommentAuthor | null, at: number): boolean {
  const map = threadMap(doc, threadId);
  if (!map) return false;
  doc.transact(() => {
    map.set('resolved', who !== null);
    map.set('resolvedBy', who);
    map.set('resolvedAt', who ? at : null);
  });
  return true;
}

/** Assigns a thread to `assignee` (by `by`), or clears the assignment (assignee = null); false when the thread does not exist. */
export function setAssignee(doc: Y.Doc, threadId: string, assignee: CommentAuthor | null, by: CommentAuthor, at: number): boolean {
  const map = threadMap(doc, threadId);
  if (!map) return false;
  doc.transact(() => {
    map.set('assignee', assignee);
    map.set('assignedBy', assignee ? by : null);
    map.set('assignedAt', assignee ? at : null);
  });
  return true;
}

/** User ids named as `@Name` in `body`, among `members` (longest names first, so "Ann Lee" beats "Ann"). */
export function findMentions(body: string, members: readonly CommentAuthor[]): string[] {
  const found = new Set<string>();
  const sorted = [...members].sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLowerCase();
  for (const member of sorted) {
    if (member.name && lower.includes(`@${member.name.toLowerCase()}`)) found.add(member.id);
  }
  return [...found];
}
