/**
 * Threads waiting on someone, for the digest: open threads in the documents they follow that are
 * assigned to them, or whose latest comment is someone else's and either mentions them or answers a
 * thread they took part in. Read from the committed comments documents, so a thread resolved or
 * answered since is no longer listed.
 */
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { commentsDocId, readThreads, type ThreadData } from '../../../shared/comments/threads.js';
import type { Schema } from '../../storage/schema.js';

export interface WaitingThread {
  docId: string;
  title: string;
  threadId: string;
  excerpt: string;
}

const EXCERPT_LENGTH = 160;

export interface WaitingDeps {
  db: Kysely<Schema>;
  readDocument: (docId: string) => Promise<Uint8Array>;
}

/** Whether `thread` waits on `userId` (see the module comment). */
export function waitsOn(thread: ThreadData, userId: string): boolean {
  if (thread.resolved) return false;
  if (thread.assignee?.id === userId) return true;
  const last = thread.comments.at(-1);
  if (!last || last.author.id === userId) return false;
  if (last.mentions.includes(userId)) return true;
  const before = thread.comments.slice(0, -1);
  return thread.createdBy.id === userId || before.some((c) => c.author.id === userId);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/** The threads waiting on `userId` across the documents they follow and may still read. */
export async function threadsWaitingOn(deps: WaitingDeps, userId: string): Promise<WaitingThread[]> {
  const docs = await deps.db
    .selectFrom('document_follows as f')
    .innerJoin('documents as d', 'd.id', 'f.doc_id')
    .innerJoin('memberships as m', (join) => join.onRef('m.workspace_id', '=', 'd.workspace_id').onRef('m.user_id', '=', 'f.user_id'))
    .select(['d.id', 'd.title'])
    .where('f.user_id', '=', userId)
    .where('f.following', '=', 1)
    .where('d.deleted_at', 'is', null)
    .execute();
  const out: WaitingThread[] = [];
  for (const doc of docs) {
    const ydoc = new Y.Doc();
    try {
      Y.applyUpdate(ydoc, await deps.readDocument(commentsDocId(doc.id)));
      for (const thread of readThreads(ydoc)) {
        if (!waitsOn(thread, userId)) continue;
        const last = thread.comments.at(-1);
        const prefix = thread.assignee?.id === userId ? 'Assigned to you: ' : '';
        out.push({ docId: doc.id, title: doc.title, threadId: thread.id, excerpt: prefix + clip(last?.body ?? thread.quote) });
      }
    } finally {
      ydoc.destroy();
    }
  }
  return out;
}
