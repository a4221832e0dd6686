/**
 * From a committed state to the notifications it causes. Only what the commit's authenticated writers
 * did counts: a mention's actor is the writer, and a comment or a resolution is only taken as theirs
 * when its author field names one of them (the comments document is written by clients). Each
 * notification has a source key, so a state read again (a later commit, another node) adds nothing.
 */
import * as Y from 'yjs';
import { readThreads } from '../../../shared/comments/threads.js';
import { bodyMentions } from './body-mentions.js';
import { bodySuggestions } from '../suggestions/index.js';
import type { NewNotification } from './store.js';

const EXCERPT_LENGTH = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/** Where the document lives, for the rows. */
export interface DocumentPlace {
  docId: string;
  workspaceId: string;
}

/**
 * New mentions in the body. With several writers in one commit the first is named as the actor; a
 * person is never notified of a mention while they are among the writers (mentioning yourself).
 */
export function detectBodyMentions(state: Uint8Array, place: DocumentPlace, authors: readonly string[]): NewNotification[] {
  const actorId = authors[0] ?? null;
  if (actorId === null) return [];
  return bodyMentions(state)
    .filter((m) => !authors.includes(m.userId))
    .map((m) => ({
      userId: m.userId,
      kind: 'mention' as const,
      actorId,
      workspaceId: place.workspaceId,
      docId: place.docId,
      target: { type: 'mention' as const, mentionId: m.mentionId },
      excerpt: m.excerpt,
      sourceKey: `mention:${place.docId}:${m.mentionId}`,
    }));
}

/**
 * New suggestions in the body: a suggestion id whose author part is one of the commit's authenticated
 * writers (the suggestion guard refuses ids in anyone else's name) notifies `recipients` (the
 * document's creator and followers) except its author, once per id and person.
 */
export function detectSuggestions(state: Uint8Array, place: DocumentPlace, authors: readonly string[], recipients: readonly string[]): NewNotification[] {
  const out: NewNotification[] = [];
  for (const s of bodySuggestions(state)) {
    if (!authors.includes(s.authorId)) continue;
    for (const userId of new Set(recipients)) {
      if (userId === s.authorId) continue;
      out.push({
        userId,
        kind: 'suggestion',
        actorId: s.authorId,
        workspaceId: place.workspaceId,
        docId: place.docId,
        target: { type: 'suggestion', suggestionId: s.id },
        excerpt: s.text,
        sourceKey: `suggestion:${place.docId}:${s.id}`,
      });
    }
  }
  return out;
}

/**
 * From the `<id>--comments` document: a comment mentioning you (kind mention), a reply in a thread you
 * took part in (kind reply; one notification per comment and person, the mention wins), a thread
 * assigned to you by someone else (kind assigned), and your thread resolved by someone else (kind resolved).
 */
export function detectComments(state: Uint8Array, place: DocumentPlace, authors: readonly string[]): NewNotification[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const out: NewNotification[] = [];
    for (const thread of readThreads(doc)) {
      const participants = new Set<string>([thread.createdBy.id]);
      thread.comments.forEach((entry, index) => {
        const earlier = new Set(participants);
        participants.add(entry.author.id);
        if (!authors.includes(entry.author.id)) return;
        const target = { type: 'comment' as const, threadId: thread.id, commentId: entry.id };
        const base = { actorId: entry.author.id, workspaceId: place.workspaceId, docId: place.docId, target, excerpt: clip(entry.body), sourceKey: `comment:${place.docId}:${entry.id}` };
        const mentioned = new Set(entry.mentions.filter((id) => id !== entry.author.id));
        for (const userId of mentioned) out.push({ ...base, userId, kind: 'mention' });
        if (index === 0) return;
        for (const userId of earlier) {
          if (userId !== entry.author.id && !mentioned.has(userId)) out.push({ ...base, userId, kind: 'reply' });
        }
      });
      const assigner = thread.assignedBy;
      if (thread.assignee && assigner && thread.assignee.id !== assigner.id && authors.includes(assigner.id)) {
        out.push({
          userId: thread.assignee.id,
          kind: 'assigned',
          actorId: assigner.id,
          workspaceId: place.workspaceId,
          docId: place.docId,
          target: { type: 'comment', threadId: thread.id, commentId: null },
          excerpt: clip(thread.comments.at(-1)?.body ?? thread.quote),
          // One per assignment: assigning again later (a new assignedAt) notifies again.
          sourceKey: `assigned:${place.docId}:${thread.id}:${String(thread.assignedAt ?? 0)}`,
        });
      }
      const resolver = thread.resolvedBy;
      if (thread.resolved && resolver && authors.includes(resolver.id)) {
        for (const userId of participants) {
          if (userId === resolver.id) continue;
          out.push({
            userId,
            kind: 'resolved',
            actorId: resolver.id,
            workspaceId: place.workspaceId,
            docId: place.docId,
            target: { type: 'comment', threadId: thread.id, commentId: null },
            excerpt: clip(thread.quote || (thread.comments[0]?.body ?? '')),
            sourceKey: `resolved:${place.docId}:${thread.id}:${String(thread.resolvedAt ?? 0)}`,
          });
        }
      }
    }
    return out;
  } finally {
    doc.destroy();
  }
}
