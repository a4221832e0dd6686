/**
 * What a committed comments document notifies: mentions, replies to the thread's other participants,
 * and a resolution, each only when its author is one of the commit's authenticated writers.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addReply, addThread, setAssignee, setResolved } from '../../../shared/comments/threads.js';
import { detectComments } from './detect.js';

const ann = { id: 'u-ann', name: 'Ann Achebe' };
const bob = { id: 'u-bob', name: 'Bob Brandt' };
const cem = { id: 'u-cem', name: 'Cem Celik' };
const place = { docId: 'doc-1', workspaceId: 'ws-1' };

function comments(): Y.Doc {
  const doc = new Y.Doc();
  addThread(
    doc,
    { id: 't1', anchor: { start: null, end: null }, quote: 'overall survival', createdBy: ann, createdAt: 1 },
    { id: 'c1', author: ann, body: '@Bob Brandt is this OS at five years?', mentions: [bob.id], mentionSpans: [{ mentionId: 'm1', userId: bob.id, start: 0, length: 11 }], createdAt: 1 },
  );
  return doc;
}

const brief = (list: ReturnType<typeof detectComments>) => list.map((n) => `${n.kind}:${n.userId}:${n.actorId ?? ''}`).sort();

describe('notifications from the comments document', () => {
  it('a new thread mentioning someone notifies them, never the writer', () => {
    expect(brief(detectComments(Y.encodeStateAsUpdate(comments()), place, [ann.id]))).toEqual(['mention:u-bob:u-ann']);
  });

  it('a reply notifies the thread’s other participants, and a resolution its participants but the resolver', () => {
    const doc = comments();
    addReply(doc, 't1', { id: 'c2', author: bob, body: 'Yes, at five years.', mentions: [], createdAt: 2 });
    const replies = detectComments(Y.encodeStateAsUpdate(doc), place, [bob.id]);
    expect(brief(replies)).toEqual(['reply:u-ann:u-bob']);
    expect(replies[0]?.target).toEqual({ type: 'comment', threadId: 't1', commentId: 'c2' });

    setResolved(doc, 't1', ann, 3);
    expect(brief(detectComments(Y.encodeStateAsUpdate(doc), place, [ann.id])).filter((n) => n.startsWith('resolved'))).toEqual(['resolved:u-bob:u-ann']);
  });

  it('an assignment notifies the assignee once per assignment, never the one who assigned themselves', () => {
    const doc = comments();
    setAssignee(doc, 't1', bob, ann, 5);
    const first = detectComments(Y.encodeStateAsUpdate(doc), place, [ann.id]).filter((n) => n.kind === 'assigned');
    expect(brief(first)).toEqual(['assigned:u-bob:u-ann']);
    expect(first[0]?.target).toEqual({ type: 'comment', threadId: 't1', commentId: null });
    setAssignee(doc, 't1', bob, bob, 6);
    expect(detectComments(Y.encodeStateAsUpdate(doc), place, [bob.id]).filter((n) => n.kind === 'assigned')).toEqual([]);
    setAssignee(doc, 't1', bob, cem, 7);
    expect(detectComments(Y.encodeStateAsUpdate(doc), place, [ann.id]).filter((n) => n.kind === 'assigned')).toEqual([]);
  });

  it('a comment signed by someone who did not write this commit notifies nobody', () => {
    const doc = comments();
    addReply(doc, 't1', { id: 'c3', author: cem, body: '@Ann Achebe forged', mentions: [ann.id], createdAt: 4 });
    expect(detectComments(Y.encodeStateAsUpdate(doc), place, [bob.id])).toEqual([]);
  });
});
