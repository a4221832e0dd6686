import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/index.js';
import { addReply, addThread, readThreads, setAssignee, setResolved, THREADS_MAP, type CommentAuthor, type CommentEntry } from '../../../shared/comments/threads.js';
import { CloseError } from '../../collab/errors.js';
import { CONCURRENT_REPLY_MS, commentWriteGuard } from './guard.js';

const editor: CommentAuthor = { id: 'ed', name: 'Eda Editor' };
const me: CommentAuthor = { id: 'cem', name: 'Cem Commenter' };
/** The server's clock: comments are written "now" unless a test says otherwise. */
const NOW = 1_800_000_000_000;
const guard = commentWriteGuard(me, { now: () => NOW });

function entry(id: string, author: CommentAuthor, body = 'text', createdAt = NOW): CommentEntry {
  return { id, author, body, mentions: [], createdAt };
}

function openThread(doc: Y.Doc, id: string, author: CommentAuthor, first = entry(`${id}-1`, author)): void {
  addThread(doc, { id, anchor: { start: 1, end: 2 }, quote: 'q', createdBy: author, createdAt: 1 }, first);
}

/** A client's document in sync with `server`. */
function clientOf(server: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/** The update(s) `change` makes to `doc`, as one update (what a client sends). */
function changeOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  change(doc);
  doc.off('update', record);
  return Y.mergeUpdates(updates);
}

function thread(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = doc.getMap<unknown>(THREADS_MAP).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no thread ${id}`);
  return map as Y.Map<unknown>;
}

function comments(doc: Y.Doc, id: string): Y.Array<CommentEntry> {
  return thread(doc, id).get('comments') as Y.Array<CommentEntry>;
}

/** Guards and, when allowed, applies like the room does. */
function send(server: Y.Doc, update: Uint8Array): void {
  guard(server, update);
  Y.applyUpdate(server, update);
}

function refusal(server: Y.Doc, update: Uint8Array): CloseError {
  const before = Y.encodeStateAsUpdate(server);
  try {
    guard(server, update);
  } catch (error) {
    expect(error).toBeInstanceOf(CloseError);
    expect((error as CloseError).code).toBe(CloseCode.Forbidden);
    // The guard works on a copy: the live document is untouched.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    return error as CloseError;
  }
  throw new Error('the update was allowed');
}

/**
 * The editor's thread "talk" (two comments written `age` ms ago), and the update of a commenter who
 * appends a reply after its first comment with a lower client id than the server's: Yjs places such
 * a reply before the second comment. Honest when the two were written at the same time; a forgery
 * into the middle of the conversation when the second comment is old.
 */
function slipBetween(age: number): { server: Y.Doc; update: Uint8Array } {
  const server = new Y.Doc();
  server.clientID = 1000;
  openThread(server, 'talk', editor, entry('t1', editor, 'Approve?', NOW - age));
  const beforeSecond = Y.encodeStateAsUpdate(server);
  addReply(server, 'talk', entry('t2', editor, 'Approved.', NOW - age));
  const sender = new Y.Doc();
  sender.clientID = 1;
  Y.applyUpdate(sender, beforeSecond);
  return { server, update: changeOf(sender, (doc) => addReply(doc, 'talk', entry('slip', me, 'Objection!'))) };
}

describe('commentWriteGuard', () => {
  let server: Y.Doc;
  let client: Y.Doc;

  /** A change from a client freshly synced with the server, so that one refused change does not linger under the next. */
  const attempt = (change: (doc: Y.Doc) => void) => changeOf(clientOf(server), change);

  beforeEach(() => {
    server = new Y.Doc();
    // The editor's thread, with the commenter's reply under it.
    openThread(server, 'ed-thread', editor);
    addReply(server, 'ed-thread', entry('mine', me));
    client = clientOf(server);
  });

  describe('allows', () => {
    it('a new thread of the writer, whose fields all arrive in one update', () => {
      send(server, changeOf(client, (doc) => openThread(doc, 'new', me)));
      expect(readThreads(server).map((t) => t.id)).toEqual(['ed-thread', 'new']);
    });

    it('the very first thread of an empty comments document', () => {
      const empty = new Y.Doc();
      send(empty, changeOf(clientOf(empty), (doc) => openThread(doc, 'first', me)));
      expect(readThreads(empty)[0]?.createdBy).toEqual(me);
    });

    it("a reply of the writer's, appended to someone else's thread", () => {
      send(server, changeOf(client, (doc) => addReply(doc, 'ed-thread', entry('reply', me))));
      expect(comments(server, 'ed-thread').toArray().map((c) => c.id)).toEqual(['ed-thread-1', 'mine', 'reply']);
    });

    it('resolving any thread, resolving it again and reopening it', () => {
      send(server, changeOf(client, (doc) => setResolved(doc, 'ed-thread', me, 5)));
      expect(readThreads(server)[0]).toMatchObject({ resolved: true, resolvedBy: me, resolvedAt: 5 });
      send(server, changeOf(client, (doc) => setResolved(doc, 'ed-thread', me, 6)));
      send(server, changeOf(client, (doc) => setResolved(doc, 'ed-thread', null, 7)));
      expect(readThreads(server)[0]).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
    });

    it('assigning any thread to someone in your own name, reassigning and clearing it', () => {
      send(server, changeOf(client, (doc) => setAssignee(doc, 'ed-thread', editor, me, 5)));
      expect(readThreads(server)[0]).toMatchObject({ assignee: editor, assignedBy: me, assignedAt: 5 });
      send(server, changeOf(client, (doc) => setAssignee(doc, 'ed-thread', me, me, 6)));
      send(server, changeOf(client, (doc) => setAssignee(doc, 'ed-thread', null, me, 7)));
      expect(readThreads(server)[0]).toMatchObject({ assignee: null, assignedBy: null, assignedAt: null });
    });

    it("reopening a thread someone else resolved", () => {
      const other = clientOf(server);
      Y.applyUpdate(server, changeOf(other, (doc) => setResolved(doc, 'ed-thread', editor, 5)));
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      send(server, changeOf(client, (doc) => setResolved(doc, 'ed-thread', null, 6)));
      expect(readThreads(server)[0]?.resolved).toBe(false);
    });

    it("deleting the writer's own comment", () => {
      send(server, changeOf(client, (doc) => comments(doc, 'ed-thread').delete(1, 1)));
      expect(comments(server, 'ed-thread').toArray().map((c) => c.id)).toEqual(['ed-thread-1']);
    });

    it('a full-state step2 and a duplicate: nothing new, nothing judged', () => {
      // A moderator's deletion is in the client's delete set, which step2 always carries.
      Y.applyUpdate(server, changeOf(clientOf(server), (doc) => comments(doc, 'ed-thread').delete(0, 1)));
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      send(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
      const reply = changeOf(client, (doc) => addReply(doc, 'ed-thread', entry('reply', me)));
      send(server, reply);
      send(server, reply);
      expect(comments(server, 'ed-thread').length).toBe(2);
    });

    it("a reply and a resolve concurrent with the editor's, whichever way Yjs orders them", () => {
      // Concurrent inserts and map writes are ordered by client ID: try both orders.
      const orders: Array<[number, number]> = [[1, 2], [4, 3]];
      for (const [ourId, theirId] of orders) {
        const theirs = clientOf(server);
        const ours = clientOf(server);
        theirs.clientID = theirId;
        ours.clientID = ourId;
        Y.applyUpdate(server, changeOf(theirs, (doc) => {
          addReply(doc, 'ed-thread', entry(`theirs-${theirId}`, editor));
          setResolved(doc, 'ed-thread', editor, theirId);
        }));
        send(server, changeOf(ours, (doc) => {
          addReply(doc, 'ed-thread', entry(`ours-${ourId}`, me));
          setResolved(doc, 'ed-thread', me, ourId);
        }));
      }
      expect(comments(server, 'ed-thread').length).toBe(6);
      expect(readThreads(server)[0]?.resolved).toBe(true);
    });

    it('a reply written at the same time as one Yjs orders after it', () => {
      const { server: talk, update } = slipBetween(CONCURRENT_REPLY_MS / 4);
      send(talk, update);
      expect(comments(talk, 'talk').toArray().map((c) => c.id)).toEqual(['t1', 'slip', 't2']);
    });

    it("deleting the writer's own comment signed with the name they had before a rename", () => {
      const renamed = commentWriteGuard({ id: me.id, name: 'Cem Renamed' }, { now: () => NOW });
      const deletion = changeOf(client, (doc) => comments(doc, 'ed-thread').delete(1, 1));
      renamed(server, deletion);
      Y.applyUpdate(server, deletion);
      expect(comments(server, 'ed-thread').toArray().map((c) => c.id)).toEqual(['ed-thread-1']);
    });

    it('a reply to, a resolve of and a deletion in a thread an editor deleted meanwhile (they land nowhere)', () => {
      const reply = changeOf(client, (doc) => addReply(doc, 'ed-thread', entry('late', me)));
      const resolve = changeOf(client, (doc) => setResolved(doc, 'ed-thread', me, 2));
      const deletion = changeOf(client, (doc) => comments(doc, 'ed-thread').delete(1, 1));
      Y.applyUpdate(server, changeOf(clientOf(server), (doc) => doc.getMap(THREADS_MAP).delete('ed-thread')));
      send(server, reply);
      send(server, resolve);
      send(server, deletion);
      expect(readThreads(server)).toEqual([]);
    });
  });

  describe('refuses', () => {
    it('an assignment in someone else’s name, or to something that is not a person', () => {
      expect(refusal(server, attempt((doc) => setAssignee(doc, 'ed-thread', me, editor, 1))).message).toMatch(/assigned in your own name/);
      expect(refusal(server, attempt((doc) => thread(doc, 'ed-thread').set('assignee', { id: 'x', name: 'X', extra: 1 }))).message).toMatch(/invalid assignee/);
      expect(refusal(server, attempt((doc) => thread(doc, 'ed-thread').set('assignee', 'x'))).message).toMatch(/invalid assignee/);
    });

    it('a reply under a forged author id', () => {
      const error = refusal(server, attempt((doc) => addReply(doc, 'ed-thread', entry('forged', editor))));
      expect(error.message).toMatch(/own name/);
    });

    it("a comment, a thread or a resolve signed with the writer's own id but someone else's name", () => {
      const forged = { id: me.id, name: editor.name };
      expect(refusal(server, attempt((doc) => addReply(doc, 'ed-thread', entry('r', forged)))).message).toMatch(/own name/);
      expect(refusal(server, attempt((doc) => openThread(doc, 'x', forged))).message).toMatch(/own name/);
      expect(refusal(server, attempt((doc) => openThread(doc, 'y', me, entry('y-1', forged)))).message).toMatch(/own name/);
      expect(refusal(server, attempt((doc) => setResolved(doc, 'ed-thread', forged, 1))).message).toMatch(/own name/);
    });

    it("a reply slipped into the middle of someone else's thread, before a comment written earlier", () => {
      const { server: talk, update } = slipBetween(CONCURRENT_REPLY_MS + 1);
      expect(refusal(talk, update).message).toMatch(/end of a thread/);
    });

    it("a new thread opened in someone else's name, or whose first comment is someone else's", () => {
      refusal(server, attempt((doc) => openThread(doc, 'x', editor, entry('x-1', me))));
      refusal(server, attempt((doc) => openThread(doc, 'y', me, entry('y-1', editor))));
    });

    it('a new thread resolved in someone else’s name, or whose id is not its key', () => {
      refusal(server, attempt((doc) => {
        openThread(doc, 'x', me);
        setResolved(doc, 'x', editor, 1);
      }));
      refusal(server, attempt((doc) => {
        openThread(doc, 'y', me);
        thread(doc, 'y').set('id', 'ed-thread');
      }));
    });

    it("editing someone else's comment (delete and insert in its place)", () => {
      const error = refusal(server, attempt((doc) => {
        const list = comments(doc, 'ed-thread');
        doc.transact(() => {
          list.delete(0, 1);
          list.insert(0, [entry('ed-thread-1', me, 'rewritten')]);
        });
      }));
      expect(error.message).toMatch(/end of a thread/);
      const appended = refusal(server, attempt((doc) => {
        const list = comments(doc, 'ed-thread');
        doc.transact(() => {
          list.delete(0, 1);
          list.push([entry('ed-thread-1', me, 'rewritten')]);
        });
      }));
      expect(appended.message).toMatch(/other people's comments/);
    });

    it("deleting someone else's comment", () => {
      const error = refusal(server, attempt((doc) => comments(doc, 'ed-thread').delete(0, 1)));
      expect(error.message).toMatch(/other people's comments/);
    });

    it('a reply inserted before existing comments', () => {
      refusal(server, attempt((doc) => comments(doc, 'ed-thread').insert(0, [entry('early', me)])));
    });

    it("changing the anchor, quote or author of an existing thread, even the writer's own", () => {
      refusal(server, attempt((doc) => thread(doc, 'ed-thread').set('anchor', { start: 9, end: 9 })));
      refusal(server, attempt((doc) => thread(doc, 'ed-thread').set('createdBy', me)));
      send(server, changeOf(client, (doc) => openThread(doc, 'own', me)));
      const error = refusal(server, attempt((doc) => thread(doc, 'own').set('quote', 'changed')));
      expect(error.message).toMatch(/"quote"/);
    });

    it('deleting or replacing a thread', () => {
      const deleted = refusal(server, attempt((doc) => doc.getMap(THREADS_MAP).delete('ed-thread')));
      expect(deleted.message).toMatch(/delete a thread/);
      refusal(server, attempt((doc) => openThread(doc, 'ed-thread', me)));
    });

    it('resolving in someone else’s name, or removing a resolve field outright', () => {
      refusal(server, attempt((doc) => setResolved(doc, 'ed-thread', editor, 1)));
      send(server, changeOf(client, (doc) => setResolved(doc, 'ed-thread', me, 1)));
      refusal(server, attempt((doc) => thread(doc, 'ed-thread').delete('resolvedBy')));
    });

    it('writes to other top-level types', () => {
      refusal(server, attempt((doc) => doc.getText('notes').insert(0, 'hi')));
      refusal(server, attempt((doc) => doc.getMap('settings').set('owner', me.id)));
    });

    it('an update held back for a missing dependency, and deletions of content the server lacks', () => {
      const first = changeOf(client, (doc) => addReply(doc, 'ed-thread', entry('r1', me)));
      const second = changeOf(client, (doc) => addReply(doc, 'ed-thread', entry('r2', me)));
      expect(refusal(server, second).message).toMatch(/does not have/);
      const deletion = changeOf(client, (doc) => comments(doc, 'ed-thread').delete(2, 1));
      expect(refusal(server, deletion).message).toMatch(/does not have/);
      send(server, first);
    });

    it('an update Yjs cannot apply', () => {
      // One struct of client 7 at clock 0 whose left origin is client 7's clock 5, which cannot exist
      // yet: it decodes, and Yjs throws while integrating it.
      const broken = new Uint8Array([1, 1, 7, 0, 0x84, 7, 5, 1, 0x78, 0]);
      expect(Y.decodeUpdate(broken).structs).toHaveLength(1);
      expect(refusal(server, broken).message).toMatch(/update rejected/);
    });
  });
});
