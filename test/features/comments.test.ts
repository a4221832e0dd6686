/**
 * Comments over real sockets: threads live in `<docId>--comments`, writable by commenters and
 * editors, read-only to viewers; anchors hold through edits around them and orphan when their text
 * goes; the text itself stays read-only to commenters, and in the comments document a commenter may
 * change only their own part (other people's comments are the editors' to moderate).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { CloseCode } from '../../shared/protocol/index.js';
import { addReply, addThread, commentsDocId, findMentions, readThreads, setResolved, THREADS_MAP, type CommentEntry, type ThreadData } from '../../shared/comments/threads.js';
import { ApiClient } from '../auth/api-client.js';
import { closeOf, rawSocket, type TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, paragraphs, plain, startFeatureServer, type Team, waitFor, waitForValue, write } from './setup.js';

type ServerThread = ThreadData & { orphaned: boolean };

/** The first paragraph's text node of a document. */
function firstText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment(DOCUMENT_FRAGMENT).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error('no text in the first paragraph');
  return text;
}

/** An anchor on `quote` in the first paragraph, the way the editor makes one (start sticks right, end left). */
function anchorOn(doc: Y.Doc, quote: string): ThreadData['anchor'] {
  const text = firstText(doc);
  const at = text.toString().indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" not found`);
  return {
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at, 0)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + quote.length, -1)),
  };
}

/** The text an anchor covers now. */
function anchoredText(doc: Y.Doc, anchor: ThreadData['anchor']): string {
  const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.start), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.end), doc);
  if (!start || !end || start.type !== end.type) return '';
  return (start.type as Y.XmlText).toString().slice(start.index, end.index);
}

describe('comments', () => {
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.dispose();
  });

  const connect = async (who: Team['owner'], docId: string) => {
    const client = await who.connect(docId);
    clients.push(client);
    return client;
  };
  const threads = async () => {
    const res = await team.owner.get(`/api/documents/${team.docId}/comments`);
    expect(res.status).toBe(200);
    return (res.body as { threads: ServerThread[] }).threads;
  };
  const dropped = async () => (await server.metrics.readOnlyDropped.get()).values.reduce((sum, v) => sum + v.value, 0);
  /** The grant of a user's open socket on the comments document, once the server holds one. */
  const grantOf = (userId: string) =>
    waitFor(() => [...server.hub.connections].find((c) => c.grant.identity.id === userId && c.docId === commentsDocId(team.docId) && !c.isClosed)?.grant, {
      what: 'a comments socket of the user',
    });

  it('a commenter comments but cannot edit; the anchor holds through edits around it and orphans when its text goes', async () => {
    const ownerText = await connect(team.owner, team.docId);
    write(ownerText.doc, paragraphs('The primary endpoint is overall survival.'));
    const commenterText = await connect(team.commenter, team.docId);
    await waitFor(() => plain(commenterText.doc) === 'The primary endpoint is overall survival.', { what: 'text at the commenter' });

    const comments = await connect(team.commenter, commentsDocId(team.docId));
    const mentions = findMentions('Which definition, @Olga Owner?', [{ id: team.ids.owner, name: 'Olga Owner' }]);
    expect(mentions).toEqual([team.ids.owner]);
    addThread(
      comments.doc,
      { id: 't1', anchor: anchorOn(commenterText.doc, 'overall survival'), quote: 'overall survival', createdBy: { id: team.ids.commenter, name: 'Cem Commenter' }, createdAt: Date.now() },
      { id: 'c1', author: { id: team.ids.commenter, name: 'Cem Commenter' }, body: 'Which definition, @Olga Owner?', mentions, createdAt: Date.now() },
    );
    const [first] = await waitForValue(async () => ((await threads()).length === 1 ? threads() : null), 'the thread on the server');
    expect(first).toMatchObject({ id: 't1', quote: 'overall survival', orphaned: false, resolved: false });
    expect(first?.comments[0]).toMatchObject({ body: 'Which definition, @Olga Owner?', mentions: [team.ids.owner] });

    // The owner sees it live and replies.
    const ownerComments = await connect(team.owner, commentsDocId(team.docId));
    await waitFor(() => ownerComments.doc.getMap('threads').has('t1'), { what: 'thread at the owner' });
    addReply(ownerComments.doc, 't1', { id: 'c2', author: { id: team.ids.owner, name: 'Olga Owner' }, body: 'OS at five years.', mentions: [], createdAt: Date.now() });

    // Edits right before and right after the commented words do not move the anchor.
    // Typed where they stand, as an editor does: right before the words and right after them.
    const ownerLine = firstText(ownerText.doc);
    ownerText.doc.transact(() => {
      ownerLine.insert(ownerLine.toString().indexOf('survival') + 'survival'.length, ', at five years');
      ownerLine.insert(ownerLine.toString().indexOf('overall'), 'still ');
      ownerLine.insert(0, 'Amended: ');
    });
    await waitFor(() => plain(commenterText.doc).startsWith('Amended'), { what: 'the edit at the commenter' });
    expect(anchoredText(commenterText.doc, first!.anchor)).toBe('overall survival');
    await waitFor(async () => (await threads())[0]?.comments.length === 2, { what: 'the reply on the server' });

    // The commenter's attempt to edit the text directly (not as a suggestion) is refused with 4403.
    const textCloses: number[] = [];
    commenterText.provider.on('connection-close', (event) => {
      if (event) textCloses.push(event.code);
    });
    write(commenterText.doc, paragraphs('Vandalised.'));
    await waitFor(() => textCloses.includes(CloseCode.Forbidden), { what: 'the direct edit refused with 4403' });
    expect(plain(ownerText.doc)).toBe('Amended: The primary endpoint is still overall survival, at five years.');
    expect(plain(await loadServerText())).toBe('Amended: The primary endpoint is still overall survival, at five years.');

    // Deleting the words orphans the thread; it stays, with its quote.
    ownerText.doc.transact(() => ownerLine.delete(ownerLine.toString().indexOf('still'), 'still overall survival'.length));
    await waitFor(async () => (await threads())[0]?.orphaned === true, { what: 'the orphaned anchor' });
    expect((await threads())[0]).toMatchObject({ id: 't1', quote: 'overall survival' });

    // Resolve, then reopen.
    setResolved(comments.doc, 't1', { id: team.ids.commenter, name: 'Cem Commenter' }, Date.now());
    await waitFor(async () => (await threads())[0]?.resolved === true, { what: 'resolved' });
    expect((await threads())[0]?.resolvedBy?.name).toBe('Cem Commenter');
    // Reopen as a person would: after seeing it resolved. A write concurrent with the resolve would be
    // ordered by Yjs client IDs, not by time, and could lose.
    await waitFor(() => readThreads(ownerComments.doc)[0]?.resolved === true, { what: 'the owner sees it resolved' });
    setResolved(ownerComments.doc, 't1', null, Date.now());
    await waitFor(async () => (await threads())[0]?.resolved === false, { what: 'reopened' });

    async function loadServerText(): Promise<Y.Doc> {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await server.hub.readDocument(team.docId));
      return doc;
    }
  });

  it("a commenter opens threads, replies and resolves, but cannot touch an editor's comment; editors moderate", async () => {
    const editorApi = new ApiClient(server.url);
    const editor = { id: (await editorApi.signup('Eda Editor')).id, name: 'Eda Editor' };
    await team.owner.addMember(team.workspaceId, editorApi, 'editor');
    const cem = { id: team.ids.commenter, name: 'Cem Commenter' };
    const entry = (id: string, author: typeof cem, body: string): CommentEntry => ({ id, author, body, mentions: [], createdAt: Date.now() });
    const list = (doc: Y.Doc, threadId: string) => (doc.getMap(THREADS_MAP).get(threadId) as Y.Map<unknown>).get('comments') as Y.Array<CommentEntry>;
    const onServer = async (threadId: string) => (await threads()).find((t) => t.id === threadId);

    const editorComments = await connect(editorApi, commentsDocId(team.docId));
    addThread(editorComments.doc, { id: 'e1', anchor: { start: null, end: null }, quote: 'dose', createdBy: editor, createdAt: Date.now() }, entry('e1c', editor, 'Check the dose.'));
    const ownerComments = await connect(team.owner, commentsDocId(team.docId));
    const comments = await connect(team.commenter, commentsDocId(team.docId));
    const closes: number[] = [];
    comments.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    await waitFor(() => readThreads(comments.doc).length === 1, { what: 'the editor’s thread at the commenter' });

    // What the comments panel does, in the commenter's own name: all accepted.
    addThread(comments.doc, { id: 'c1', anchor: { start: null, end: null }, quote: 'arm', createdBy: cem, createdAt: Date.now() }, entry('c1c', cem, 'Which arm?'));
    addReply(comments.doc, 'e1', entry('e1r', cem, 'Done.'));
    setResolved(comments.doc, 'e1', cem, Date.now());
    await waitFor(async () => (await onServer('e1'))?.resolved === true && (await onServer('e1'))?.comments.length === 2 && (await onServer('c1')) !== undefined, {
      what: 'the thread, reply and resolve on the server',
    });
    expect((await onServer('e1'))?.resolvedBy).toEqual(cem);

    // Rewriting the editor's comment (delete it, put a rewritten one in its place) closes the socket.
    comments.doc.transact(() => {
      list(comments.doc, 'e1').delete(0, 1);
      list(comments.doc, 'e1').insert(0, [entry('e1c', editor, 'Double the dose.')]);
    });
    await waitFor(() => closes.includes(CloseCode.Forbidden), { what: 'the commenter closed with 4403' });
    // Everything relays in order: once the editor's next reply reaches the owner, anything the
    // refused update could have caused would have reached them first.
    addReply(editorComments.doc, 'e1', entry('e1r2', editor, 'Reopening soon.'));
    await waitFor(() => list(ownerComments.doc, 'e1').length === 3, { what: 'the editor’s reply at the owner' });
    expect(list(ownerComments.doc, 'e1').toArray().map((c) => c.body)).toEqual(['Check the dose.', 'Done.', 'Reopening soon.']);
    expect((await onServer('e1'))?.comments.map((c) => c.body)).toEqual(['Check the dose.', 'Done.', 'Reopening soon.']);

    // The editor moderates: deleting the commenter's reply is theirs to do.
    list(editorComments.doc, 'e1').delete(1, 1);
    await waitFor(async () => (await onServer('e1'))?.comments.length === 2, { what: 'the moderated reply gone on the server' });
    await waitFor(() => list(ownerComments.doc, 'e1').length === 2, { what: 'the moderated reply gone at the owner' });
    expect(list(ownerComments.doc, 'e1').toArray().map((c) => c.id)).toEqual(['e1c', 'e1r2']);
  });

  it("names and order are the server's: a forged name shows the real one or closes the socket, a reply slipped mid-thread is refused", async () => {
    const editorApi = new ApiClient(server.url);
    const editorId = (await editorApi.signup('Eda Editor')).id;
    await team.owner.addMember(team.workspaceId, editorApi, 'editor');
    const tenMinutesAgo = Date.now() - 10 * 60_000;
    const entry = (id: string, author: { id: string; name: string }, body: string, createdAt = Date.now()): CommentEntry => ({ id, author, body, mentions: [], createdAt });
    const onServer = async (threadId: string) => (await threads()).find((t) => t.id === threadId);

    // Editors moderate unguarded, so one can store any name beside their id; readers show the server's.
    const posingAsOwner = { id: editorId, name: 'Olga Owner' };
    const editorComments = await connect(editorApi, commentsDocId(team.docId));
    addThread(editorComments.doc, { id: 'e1', anchor: { start: null, end: null }, quote: 'dose', createdBy: posingAsOwner, createdAt: tenMinutesAgo }, entry('e1a', posingAsOwner, 'Approve the dose?', tenMinutesAgo));
    const beforeSecond = Y.encodeStateAsUpdate(editorComments.doc);
    addReply(editorComments.doc, 'e1', entry('e1b', posingAsOwner, 'Approved.', tenMinutesAgo));
    const e1 = await waitForValue(async () => ((await onServer('e1'))?.comments.length === 2 ? onServer('e1') : null), 'the editor’s thread on the server');
    expect([e1?.createdBy.name, ...(e1?.comments.map((c) => c.author.name) ?? [])]).toEqual(['Eda Editor', 'Eda Editor', 'Eda Editor']);

    // A commenter signing with their own id and someone else's name is closed (4403) and stored nothing.
    const forger = await connect(team.commenter, commentsDocId(team.docId));
    const forgerCloses: number[] = [];
    forger.provider.on('connection-close', (event) => forgerCloses.push(event?.code ?? 0));
    await waitFor(() => readThreads(forger.doc).length === 1, { what: 'the thread at the commenter' });
    addReply(forger.doc, 'e1', entry('forged', { id: team.ids.commenter, name: 'Olga Owner' }, 'Fine by me.'));
    await waitFor(() => forgerCloses.includes(CloseCode.Forbidden), { what: 'the forger closed with 4403' });

    // A reply slipped between the two comments (its origin the first, a low client id, so that Yjs puts
    // it before the second) would make the approval look like an answer to it: refused, closed.
    const slipper = await connect(team.commenter, commentsDocId(team.docId));
    const slipperCloses: number[] = [];
    slipper.provider.on('connection-close', (event) => slipperCloses.push(event?.code ?? 0));
    await waitFor(() => readThreads(slipper.doc).length === 1, { what: 'the thread at the second commenter socket' });
    const crafted = new Y.Doc();
    crafted.clientID = 1;
    Y.applyUpdate(crafted, beforeSecond);
    const sent: Uint8Array[] = [];
    crafted.on('update', (update: Uint8Array) => sent.push(update));
    addReply(crafted, 'e1', entry('slip', { id: team.ids.commenter, name: 'Cem Commenter' }, 'Objection: halve it.'));
    Y.applyUpdate(slipper.doc, Y.mergeUpdates(sent));
    expect(readThreads(slipper.doc)[0]?.comments.map((c) => c.id)).toEqual(['e1a', 'slip', 'e1b']);
    await waitFor(() => slipperCloses.includes(CloseCode.Forbidden), { what: 'the slipper closed with 4403' });

    // Relayed in order: once the editor's next reply is on the server, anything refused before it would be too.
    addReply(editorComments.doc, 'e1', entry('e1c', { id: editorId, name: 'Eda Editor' }, 'Noted.'));
    await waitFor(async () => (await onServer('e1'))?.comments.length === 3, { what: 'the editor’s last reply on the server' });
    expect((await onServer('e1'))?.comments.map((c) => c.id)).toEqual(['e1a', 'e1b', 'e1c']);

    // A commenter signing as they are, at the end, is accepted; after a rename everyone sees the new name.
    const honest = await connect(team.commenter, commentsDocId(team.docId));
    await waitFor(() => readThreads(honest.doc)[0]?.comments.length === 3, { what: 'the thread at the honest socket' });
    addReply(honest.doc, 'e1', entry('e1d', { id: team.ids.commenter, name: 'Cem Commenter' }, 'Thanks.'));
    await waitFor(async () => (await onServer('e1'))?.comments.length === 4, { what: 'the commenter’s reply on the server' });
    expect((await team.commenter.patch('/api/me', { name: 'Cem C. Renamed' })).status).toBe(200);
    expect((await onServer('e1'))?.comments.map((c) => c.author.name)).toEqual(['Eda Editor', 'Eda Editor', 'Eda Editor', 'Cem C. Renamed']);
  });

  it('a viewer cannot comment; a new role makes the comments socket reconnect (4001) with its rights', async () => {
    const viewerComments = await connect(team.viewer, commentsDocId(team.docId));
    const before = await dropped();
    addThread(
      viewerComments.doc,
      { id: 'v1', anchor: { start: null, end: null }, quote: 'x', createdBy: { id: team.ids.viewer, name: 'Vera Viewer' }, createdAt: Date.now() },
      { id: 'v1c', author: { id: team.ids.viewer, name: 'Vera Viewer' }, body: 'Sneaky', mentions: [], createdAt: Date.now() },
    );
    await waitFor(async () => (await dropped()) > before, { what: 'the viewer’s write dropped' });
    expect(await threads()).toEqual([]);

    // A comments socket of a commenter is writable; demoting them to viewer closes it (4001), and the
    // reconnect is read-only.
    const socket = await rawSocket(server.url, commentsDocId(team.docId), team.commenter.socketHeaders());
    sockets.push(socket);
    const closed = closeOf(socket);
    const res = await team.owner.patch(`/api/workspaces/${team.workspaceId}/members/${team.ids.commenter}`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect((await closed).code).toBe(CloseCode.AccessChanged);
    const again = await rawSocket(server.url, commentsDocId(team.docId), team.commenter.socketHeaders());
    sockets.push(again);
    expect(await grantOf(team.ids.commenter)).toMatchObject({ canWrite: false });

    // An editor demoted to commenter: their unguarded comments socket closes, to reconnect with the guard.
    const editorApi = new ApiClient(server.url);
    const editorId = (await editorApi.signup('Eda Editor')).id;
    await team.owner.addMember(team.workspaceId, editorApi, 'editor');
    const editorSocket = await rawSocket(server.url, commentsDocId(team.docId), editorApi.socketHeaders());
    sockets.push(editorSocket);
    const editorClosed = closeOf(editorSocket);
    expect((await team.owner.patch(`/api/workspaces/${team.workspaceId}/members/${editorId}`, { role: 'commenter' })).status).toBe(200);
    expect((await editorClosed).code).toBe(CloseCode.AccessChanged);
    const guarded = await rawSocket(server.url, commentsDocId(team.docId), editorApi.socketHeaders());
    sockets.push(guarded);
    expect(await grantOf(editorId)).toMatchObject({ canWrite: true, guardUpdate: expect.any(Function) });

    // Trashing the document closes everyone's comments sockets as well.
    const ownerSocket = await rawSocket(server.url, commentsDocId(team.docId), team.owner.socketHeaders());
    sockets.push(ownerSocket);
    const trashed = closeOf(ownerSocket);
    expect((await team.owner.delete(`/api/documents/${team.docId}`)).status).toBe(200);
    expect((await trashed).code).toBe(CloseCode.Forbidden);

    // Outsiders cannot open the comments document at all.
    expect((await team.owner.get(`/api/documents/${commentsDocId(team.docId)}/comments`)).status).toBe(404);
  });
});
