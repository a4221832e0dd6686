/**
 * Suggestion mode on the server, over real sockets: a commenter's body updates are accepted only as
 * their own suggestions (anything else closes with 4403 and changes nothing), and nobody signs a
 * suggestion with another author's id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { Fragment, Slice } from '@tiptap/pm/model';
import { documentSchema } from '../../server/text/index.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { appendParagraph, directEdit, libraryEdit, positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write, type Team } from './setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(): Promise<TestServer> {
  const server = await startFeatureServer();
  servers.push(server);
  return server;
}

async function connect(who: ApiClient, docId: string): Promise<TestClient & { codes: number[] }> {
  const c = await who.connect(docId);
  clients.push(c);
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return Object.assign(c, { codes });
}

/** Origin of the editor's review edits in the undo test. */
const REVIEW = Symbol('review');

const TEXT = ['Patients are enrolled within 24 hours.', 'The primary endpoint is mortality at 28 days.'];

/** A team whose document holds TEXT, seen by the owner's client and by a commenter's client. */
async function seeded(server: TestServer) {
  const team = await makeTeam(server);
  const owner = await connect(team.owner, team.docId);
  write(owner.doc, paragraphs(...TEXT));
  const commenter = await connect(team.commenter, team.docId);
  await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the commenter sees the text' });
  return { team, owner, commenter };
}

/** An edit from the owner that everyone must see: proof the relay is alive and in order. */
async function ownerAppends(team: Team, owner: TestClient, server: TestServer, watcher: TestClient): Promise<void> {
  appendParagraph(owner.doc, 'Later.');
  await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('Later.') && plain(watcher.doc).includes('Later.'), { what: 'a later owner edit' });
}

describe('a commenter in the document body', () => {
  it('has a direct edit refused with 4403, and the document is unchanged everywhere', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const before = plain(owner.doc);
    write(commenter.doc, paragraphs('Patients are enrolled within 48 hours.', TEXT[1] as string));
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for the direct edit' });
    const viewer = await connect(team.viewer, team.docId);
    await ownerAppends(team, owner, server, viewer);
    expect(plain(owner.doc)).toBe(`${before}\nLater.`);
    expect(plain(await serverDoc(server, team.docId))).toBe(`${before}\nLater.`);
    expect(plain(viewer.doc)).not.toContain('48 hours');
  });

  it('has its own insertion, deletion and formatting suggestions accepted and seen by the editor with its id', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const at = positionOf(commenter.doc, 'within');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('usually ', at));
    const end = positionOf(commenter.doc, '28 days');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(end, end + '28'.length));
    const primary = positionOf(commenter.doc, 'primary');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.addMark(primary, primary + 'primary'.length, tr.doc.type.schema.marks.bold!.create()));
    await waitFor(() => suggestionsIn(owner.doc).length >= 4, { what: 'the editor sees the suggestions' });
    const seen = suggestionsIn(owner.doc);
    expect(seen.map((s) => [s.mark, s.text])).toEqual([
      ['insertion', 'usually '],
      ['deletion', 'primary'],
      ['insertion', 'primary'],
      ['deletion', '28'],
    ]);
    for (const s of seen) expect(String(s.id).startsWith(`${team.ids.commenter}~`)).toBe(true);
    expect(suggestionsIn(await serverDoc(server, team.docId))).toEqual(seen);
    expect(commenter.codes).toEqual([]);
  });

  it('may split a paragraph and withdraw its own suggestion', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const at = positionOf(commenter.doc, 'within');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.split(at));
    await waitFor(() => owner.doc.getXmlFragment('default').length === 3, { what: 'the suggested split reaches the editor' });
    expect(suggestionsIn(owner.doc).every((s) => s.mark === 'insertion' && String(s.id).startsWith(`${team.ids.commenter}~`))).toBe(true);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('soon ', positionOf(commenter.doc, 'within')));
    await waitFor(() => plain(owner.doc).includes('soon'), { what: 'typing after the split' });
    // Withdrawing: deleting their own inserted text removes it for real.
    const soon = positionOf(commenter.doc, 'soon ');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(soon, soon + 'soon '.length));
    await waitFor(() => !plain(owner.doc).includes('soon'), { what: 'the withdrawn insertion is gone' });
    expect(commenter.codes).toEqual([]);
  });

  it('cannot sign a suggestion with another author’s id', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const at = positionOf(commenter.doc, 'within');
    libraryEdit(commenter.doc, team.ids.owner, (tr) => tr.insertText('never ', at));
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for the forged suggestion' });
    await ownerAppends(team, owner, server, owner);
    expect(suggestionsIn(await serverDoc(server, team.docId))).toEqual([]);
    expect(plain(await serverDoc(server, team.docId))).not.toContain('never');
  });

  it('cannot delete or relabel another reviewer’s suggestion', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(owner.doc, team.ids.owner, (tr) => tr.insertText('all ', positionOf(owner.doc, 'Patients')));
    await waitFor(() => suggestionsIn(commenter.doc).length === 1, { what: 'the owner’s suggestion reaches the commenter' });
    const theirs = suggestionsIn(commenter.doc)[0];
    // Deleting inside someone else's insertion: the library alone erases it, which is not a suggestion.
    libraryEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(positionOf(commenter.doc, 'all '), positionOf(commenter.doc, 'all ') + 4));
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for erasing another’s suggestion' });
    await ownerAppends(team, owner, server, owner);
    expect(suggestionsIn(await serverDoc(server, team.docId))).toEqual([theirs]);
  });
});

describe('two reviewers at the same spot', () => {
  it('keep two suggestions, each with its author', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const second = new ApiClient(server.url);
    const secondId = (await second.signup('Rui Reviewer')).id;
    await team.owner.addMember(team.workspaceId, second, 'commenter');
    const reviewer = await connect(second, team.docId);
    await waitFor(() => plain(reviewer.doc) === plain(owner.doc), { what: 'the second reviewer sees the text' });
    // Both in the same tick: neither has seen the other's suggestion.
    const at = positionOf(commenter.doc, 'within');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('AAA ', at));
    suggestEdit(reviewer.doc, secondId, (tr) => tr.insertText('BBB ', at));
    await waitFor(() => suggestionsIn(owner.doc).length === 2, { what: 'both suggestions reach the editor' });
    const byText = Object.fromEntries(suggestionsIn(owner.doc).map((s) => [s.text, String(s.id).split('~')[0]]));
    expect(byText).toEqual({ 'AAA ': team.ids.commenter, 'BBB ': secondId });
    expect(suggestionsIn(await serverDoc(server, team.docId))).toEqual(suggestionsIn(owner.doc));
    expect(plain(commenter.doc)).toBe(plain(owner.doc));
    expect(plain(reviewer.doc)).toBe(plain(owner.doc));
    expect([...commenter.codes, ...reviewer.codes]).toEqual([]);
  });
});

describe('next to someone else’s suggestion', () => {
  it('typing right after another reviewer’s insertion, or deleting next to it, makes suggestions of one’s own', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(owner.doc, team.ids.owner, (tr) => tr.insertText('all ', positionOf(owner.doc, 'Patients')));
    await waitFor(() => suggestionsIn(commenter.doc).length === 1, { what: 'the owner’s suggestion reaches the commenter' });
    // Right after "all ": the library alone would reuse the owner's id for this text.
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('adult ', positionOf(commenter.doc, 'Patients')));
    const at = positionOf(commenter.doc, 'Patients');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(at, at + 'Patients'.length));
    // Erasing the owner's insertion is refused by the editor itself, before anything is sent.
    expect(() => suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(positionOf(commenter.doc, 'all '), positionOf(commenter.doc, 'all ') + 2))).toThrow();
    await waitFor(() => suggestionsIn(owner.doc).length === 3, { what: 'the commenter’s suggestions reach the owner' });
    expect(suggestionsIn(owner.doc).map((s) => [s.mark, s.text, String(s.id).split('~')[0]])).toEqual([
      ['insertion', 'all ', team.ids.owner],
      ['insertion', 'adult ', team.ids.commenter],
      ['deletion', 'Patients', team.ids.commenter],
    ]);
    expect(commenter.codes).toEqual([]);
  });

  it('text pasted across a paragraph break is a suggestion, and whole pasted blocks are refused by the editor, not the server', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const schema = documentSchema;
    const p = (text: string) => schema.node('paragraph', null, [schema.text(text)]);
    const slice = new Slice(Fragment.from([p(' Exclusion: pregnancy.'), p('Inclusion: ')]), 1, 1);
    const at = positionOf(commenter.doc, 'The primary');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.replace(at, at, slice));
    await waitFor(() => plain(owner.doc).includes('Exclusion'), { what: 'the pasted text reaches the owner' });
    expect(suggestionsIn(owner.doc).map((s) => s.text)).toEqual([' Exclusion: pregnancy.\u200B\u200BInclusion: ']);
    expect(() => suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, p('A whole paragraph.')))).toThrow();
    await ownerAppends(team, owner, server, commenter);
    expect(commenter.codes).toEqual([]);
  });
});

describe('an editor', () => {
  it('may undo a reject or an accept, which brings the author’s suggestion back', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('usually ', positionOf(commenter.doc, 'within')));
    await waitFor(() => suggestionsIn(owner.doc).length === 1, { what: 'the suggestion reaches the editor' });
    const fragment = owner.doc.getXmlFragment('default');
    const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set([REVIEW]), captureTimeout: 0 });
    // Reject (remove the suggested text), undo; accept (drop the mark), undo: as an editor's Ctrl+Z does.
    const usually = positionOf(owner.doc, 'usually ');
    owner.doc.transact(() => directEdit(owner.doc, (tr) => tr.delete(usually, usually + 'usually '.length)), REVIEW);
    await waitFor(async () => !plain(await serverDoc(server, team.docId)).includes('usually'), { what: 'the reject on the server' });
    undo.undo();
    await waitFor(async () => suggestionsIn(await serverDoc(server, team.docId)).length === 1, { what: 'the undone reject on the server' });
    owner.doc.transact(() => directEdit(owner.doc, (tr) => tr.removeMark(0, tr.doc.content.size, documentSchema.marks.insertion)), REVIEW);
    await waitFor(async () => suggestionsIn(await serverDoc(server, team.docId)).length === 0, { what: 'the accept on the server' });
    undo.undo();
    await waitFor(async () => suggestionsIn(await serverDoc(server, team.docId)).length === 1, { what: 'the undone accept on the server' });
    expect(String(suggestionsIn(await serverDoc(server, team.docId))[0]?.id).startsWith(`${team.ids.commenter}~`)).toBe(true);
    expect(owner.codes).toEqual([]);
    undo.destroy();
  });


  it('may move text holding another author’s suggestion, but not sign a new one with their id', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('usually ', positionOf(commenter.doc, 'within')));
    await waitFor(() => suggestionsIn(owner.doc).length === 1, { what: 'the suggestion reaches the editor' });
    // Splitting the paragraph before the suggestion re-creates its text in a new paragraph.
    const split = positionOf(owner.doc, 'are');
    directEdit(owner.doc, (tr) => tr.split(split));
    await waitFor(() => commenter.doc.getXmlFragment('default').length === 3, { what: 'the editor’s split reaches the commenter' });
    expect(suggestionsIn(commenter.doc).map((s) => s.text)).toEqual(['usually ']);

    libraryEdit(owner.doc, team.ids.commenter, (tr) => tr.insertText('forged ', positionOf(owner.doc, 'primary')));
    await waitFor(() => owner.codes.includes(CloseCode.Forbidden), { what: '4403 for the editor’s forged suggestion' });
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('usually'), { what: 'server state' });
    expect(plain(await serverDoc(server, team.docId))).not.toContain('forged');
  });
});
