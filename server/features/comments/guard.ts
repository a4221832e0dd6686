/**
 * What a commenter may change in a comments document (layout in shared/comments/threads.ts). The
 * relay grants write access per document; this guard narrows a commenter's to their own part of it,
 * so that a hostile client cannot edit, delete or forge other people's comments. A commenter may:
 *   a. open a thread under a new key, created by them, whose first comment is theirs;
 *   b. append replies of their own to the end of an existing thread;
 *   c. resolve or reopen any thread (resolved, resolvedBy = null or them, resolvedAt), as in Google Docs;
 *   d. assign any thread to someone or clear it (assignee = a person or null, assignedBy = null or them,
 *      assignedAt); whether the assignee may see the document is the notifier's check, not the guard's;
 *   e. delete their own comments.
 * "Them" is the writer's id *and* name as the server knows them (the identity granted at connect; a
 * profile change reconnects every socket of the user): the name is stored beside the id, so it must
 * not be the client's to choose. Readers show the server's current name by id anyway (authors.ts).
 * Owners and editors moderate and get no guard.
 *
 * The update is applied to a scratch copy of the document and the resulting transaction inspected:
 * its new structs (between beforeState and afterState) and its delete set. Content created and
 * deleted within the same update (a write that lost a concurrent conflict, a reply into a thread
 * deleted meanwhile) changes nothing anyone sees, so its values are not judged, only where it went.
 */
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/index.js';
import { THREADS_MAP, type CommentAuthor } from '../../../shared/comments/threads.js';
import type { UpdateGuard } from '../../collab/access.js';
import { encodeWithoutPending } from '../../collab/encode.js';
import { CloseError } from '../../collab/errors.js';
import { messageOf } from '../../../shared/narrow.js';

/** Keys of an existing thread that any commenter may set: resolving and assigning. */
const RESOLVE_KEYS: ReadonlySet<string> = new Set(['resolved', 'resolvedBy', 'resolvedAt', 'assignee', 'assignedBy', 'assignedAt']);
/** Keys a new thread may have (ThreadData); anything else would be data no client reads. */
const THREAD_KEYS: ReadonlySet<string> = new Set(['id', 'anchor', 'quote', 'createdBy', 'createdAt', 'comments', ...RESOLVE_KEYS]);

type Struct = Y.Item | Y.GC;
/** A shared type as Yjs stores it (its own typings use `any` for the event). */
type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never;

function refuse(reason: string): never {
  throw new CloseError(CloseCode.Forbidden, reason);
}

/**
 * How long a reply counts as just written: a commenter's reply may land before replies this recent,
 * which its sender may not have seen yet (two people answering at once; Yjs orders such concurrent
 * inserts by client id). Two minutes covers a round trip plus a socket that died silently and
 * reconnected (y-websocket notices after 30 s); before anything older, a reply is an insertion into
 * the middle of the thread, and refused.
 */
export const CONCURRENT_REPLY_MS = 2 * 60_000;
/** At most this many recent replies to step over: bounds the guard's walk (a race has one or two). */
const MAX_CONCURRENT_REPLIES = 16;

export interface CommentGuardOptions {
  /** The server's clock, in ms. */
  now?: () => number;
}

/** `value` names the writer, by id and by the name the server knows them by. */
function isWriter(value: unknown, writer: CommentAuthor): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const author = value as { id?: unknown; name?: unknown };
  return author.id === writer.id && author.name === writer.name;
}

function authorOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { author?: unknown }).author : undefined;
}

/** A new comment, signed with the writer's id and server-side name. */
function isEntryBy(value: unknown, writer: CommentAuthor): boolean {
  return isWriter(authorOf(value), writer);
}

/** An existing comment of the writer's, by id only: one written before a rename is still theirs to delete. */
function isEntryOf(value: unknown, writerId: string): boolean {
  const author = authorOf(value);
  return typeof author === 'object' && author !== null && (author as { id?: unknown }).id === writerId;
}

function isRecentEntry(value: unknown, now: number): boolean {
  const createdAt = typeof value === 'object' && value !== null ? (value as { createdAt?: unknown }).createdAt : undefined;
  return typeof createdAt === 'number' && Math.abs(now - createdAt) <= CONCURRENT_REPLY_MS;
}

/** Plain values of an item, or null when its content is a type, text, binary, embed… */
function valuesOf(item: Y.Item): unknown[] | null {
  return item.content instanceof Y.ContentAny ? item.content.arr : null;
}

function isPerson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; name?: unknown };
  return typeof v.id === 'string' && v.id.length > 0 && v.id.length <= 200 && typeof v.name === 'string' && v.name.length <= 200 && Object.keys(v).length === 2;
}

function checkResolveValue(key: string, value: unknown, writer: CommentAuthor): void {
  const ok =
    key === 'resolved'
      ? typeof value === 'boolean'
      : key === 'resolvedAt' || key === 'assignedAt'
        ? value === null || typeof value === 'number'
        : key === 'assignee'
          ? value === null || isPerson(value)
          : value === null || isWriter(value, writer);
  if (!ok) refuse(key === 'resolvedBy' ? 'a thread can only be resolved in your own name' : key === 'assignedBy' ? 'a thread can only be assigned in your own name' : `invalid ${key}`);
}

/** Judges one transaction of the scratch copy; throws CloseError at the first change not allowed. */
class TransactionCheck {
  private readonly threads: SharedType | undefined;
  private readonly newThreads: Y.Map<unknown>[] = [];

  constructor(
    private readonly tr: Y.Transaction,
    private readonly writer: CommentAuthor,
    private readonly keysBefore: ReadonlySet<string>,
    private readonly now: number,
  ) {
    this.threads = tr.doc.share.get(THREADS_MAP);
  }

  run(): void {
    for (const [client, after] of this.tr.afterState) {
      const before = this.tr.beforeState.get(client) ?? 0;
      if (after === before) continue;
      const structs = this.tr.doc.store.clients.get(client) ?? [];
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i];
        // A GC struct holds nothing: deleted content, or content whose parent is gone.
        if (struct instanceof Y.Item) this.checkNew(struct);
      }
    }
    for (const thread of this.newThreads) this.checkNewThread(thread);
    Y.iterateDeletedStructs(this.tr, this.tr.deleteSet, (struct) => this.checkDeleted(struct));
  }

  private isNew(struct: Struct): boolean {
    return struct.id.clock >= (this.tr.beforeState.get(struct.id.client) ?? 0);
  }

  /** The thread map `type` is, or null. */
  private threadOf(type: SharedType): Y.Map<unknown> | null {
    return type instanceof Y.Map && type._item !== null && type._item.parent === this.threads ? (type as Y.Map<unknown>) : null;
  }

  /** The thread whose `comments` array `type` is, or null. */
  private threadOfComments(type: SharedType): Y.Map<unknown> | null {
    const item = type._item;
    if (!(type instanceof Y.Array) || item === null || item.parentSub !== 'comments' || !(item.parent instanceof Y.AbstractType)) return null;
    return this.threadOf(item.parent);
  }

  private checkNew(item: Y.Item): void {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return refuse('change outside the comment threads');
    const key = item.parentSub;
    const values = item.deleted ? null : valuesOf(item);

    if (parent === this.threads) {
      if (key === null) return refuse('threads are keyed by their id');
      if (this.keysBefore.has(key)) return refuse('only owners and editors may replace a thread');
      if (item.deleted) return;
      if (!(item.content instanceof Y.ContentType && item.content.type instanceof Y.Map)) return refuse('a thread must be a map');
      this.newThreads.push(item.content.type as Y.Map<unknown>);
      return;
    }

    const thread = this.threadOf(parent);
    if (thread) {
      if (key === null) return refuse('threads are keyed by field');
      const isNewThread = thread._item !== null && this.isNew(thread._item);
      if (!isNewThread && !RESOLVE_KEYS.has(key)) return refuse(`only owners and editors may change "${key}" of a thread`);
      if (!THREAD_KEYS.has(key)) return refuse(`unknown thread field "${key}"`);
      if (item.deleted) return;
      if (key === 'comments') {
        if (!(item.content instanceof Y.ContentType && item.content.type instanceof Y.Array)) return refuse('comments must be an array');
        return;
      }
      if (!values) return refuse(`invalid ${key}`);
      if (RESOLVE_KEYS.has(key)) for (const value of values) checkResolveValue(key, value, this.writer);
      return;
    }

    if (this.threadOfComments(parent)) {
      if (key !== null) return refuse('comments are a list');
      // Appended in the sender's view (nothing to its right); where concurrent replies land is Yjs's call.
      if (parent._item !== null && !this.isNew(parent._item) && item.rightOrigin !== null) return refuse('replies go at the end of a thread');
      if (item.deleted) return;
      if (!values || !values.every((value) => isEntryBy(value, this.writer))) return refuse('comments can only be written in your own name');
      this.checkLandedAtEnd(item);
      return;
    }

    refuse('change outside the comment threads');
  }

  /**
   * Where a reply landed in the server's copy. "Nothing to its right in the sender's view" (checked
   * above) is not enough: an item whose origin is an older comment and whose right origin is null is
   * placed by Yjs before that comment's successors when its client id is lower, so a crafted reply
   * could slip into the middle of someone else's thread. Only replies recent enough to be concurrent
   * with it may follow it (see CONCURRENT_REPLY_MS).
   */
  private checkLandedAtEnd(item: Y.Item): void {
    let stepped = 0;
    for (let right = item.right; right !== null; right = right.right) {
      if (right.deleted || this.isNew(right)) continue;
      const values = valuesOf(right) ?? [];
      stepped += values.length;
      if (stepped > MAX_CONCURRENT_REPLIES || !values.every((value) => isRecentEntry(value, this.now))) refuse('replies go at the end of a thread');
    }
  }

  /** The fields a new thread must get right; its comments were each checked as they were inserted. */
  private checkNewThread(thread: Y.Map<unknown>): void {
    if (thread._item?.deleted) return;
    if (thread.get('id') !== thread._item?.parentSub) refuse('a thread id must match its key');
    if (!isWriter(thread.get('createdBy'), this.writer)) refuse('a thread can only be opened in your own name');
    const comments = thread.get('comments');
    if (!(comments instanceof Y.Array) || comments.length === 0) refuse('a new thread needs its first comment');
  }

  private checkDeleted(struct: Struct): void {
    if (!(struct instanceof Y.Item) || this.isNew(struct)) return;
    const parent = struct.parent;
    if (!(parent instanceof Y.AbstractType)) return refuse('deletion outside the comment threads');
    // Deleting a type deletes its children too: the type's own deletion is in this delete set and is
    // judged (refused, unless it is an overwritten resolve field), so its children need no verdict.
    const owner = parent._item;
    if (owner !== null && !this.isNew(owner) && Y.isDeleted(this.tr.deleteSet, owner.id)) return;
    if (parent === this.threads) return refuse('only owners and editors may delete a thread');
    const key = struct.parentSub;
    if (this.threadOf(parent) && key !== null && RESOLVE_KEYS.has(key)) {
      // The overwritten previous value of a resolve field: allowed when this update set the new one.
      const current = (parent as Y.Map<unknown>)._map.get(key);
      if (current && this.isNew(current)) return;
      return refuse(`only owners and editors may remove "${key}" of a thread`);
    }
    if (this.threadOfComments(parent) && key === null) {
      const values = valuesOf(struct);
      if (values && values.every((value) => isEntryOf(value, this.writer.id))) return;
      return refuse("only owners and editors may delete other people's comments");
    }
    refuse('only owners and editors may delete this');
  }
}

function liveThreadKeys(doc: Y.Doc): Set<string> {
  const keys = new Set<string>();
  const threads = doc.share.get(THREADS_MAP);
  if (threads) for (const [key, item] of threads._map) if (!item.deleted) keys.add(key);
  return keys;
}

/** The guard of a commenter's connection to a comments document (see the rules above). */
export function commentWriteGuard(writer: CommentAuthor, options: CommentGuardOptions = {}): UpdateGuard {
  const clock = options.now ?? Date.now;
  return function guardCommentUpdate(doc, update) {
    // The stock client's answer to our step1 when it has nothing new: no structs, no deletions.
    if (update.byteLength <= 2) return;
    // Without held-back structs: the writer is judged on what their update integrates by itself.
    const scratch = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(scratch, encodeWithoutPending(doc));
      const keysBefore = liveThreadKeys(scratch);
      const now = clock();
      let refusal: unknown = null;
      // Judged in afterTransaction: before the cleanup merges structs or drops deleted content.
      scratch.on('afterTransaction', (tr: Y.Transaction) => {
        try {
          new TransactionCheck(tr, writer, keysBefore, now).run();
        } catch (error) {
          refusal ??= error;
        }
      });
      try {
        Y.applyUpdate(scratch, update);
      } catch (error) {
        refuse(`update rejected: ${messageOf(error)}`);
      }
      if (refusal instanceof CloseError) throw refusal;
      if (refusal) refuse(`update could not be checked: ${messageOf(refusal)}`);
      if (scratch.store.pendingStructs || scratch.store.pendingDs) refuse('update depends on changes the server does not have');
    } finally {
      scratch.destroy();
    }
  };
}
