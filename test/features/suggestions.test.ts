/**
 * Suggestion mode on the server, over real sockets: a commenter's body updates are accepted only as
 * their own suggestions (anything else closes with 4403 and changes nothing), and nobody signs a
 * suggestion with another author's id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { Fragment, Slice } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { findWrapping } from '@tiptap/pm/transform';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { appendParagraph, blockSuggestionsOf, directEdit, docToNode, documentSchema, libraryEdit, positionOf, reviewEdit, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { BLOCK_SUGGESTION_ATTR } from '../../shared/editor/suggestion-ids.js';
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
    // (Deleting inside the owner's insertion is a deletion of the commenter's own there: suggestions-nested.test.ts.)
    await waitFor(() => suggestionsIn(owner.doc).length === 3, { what: 'the commenter’s suggestions reach the owner' });
    expect(suggestionsIn(owner.doc).map((s) => [s.mark, s.text, String(s.id).split('~')[0]])).toEqual([
      ['insertion', 'all ', team.ids.owner],
      ['insertion', 'adult ', team.ids.commenter],
      ['deletion', 'Patients', team.ids.commenter],
    ]);
    expect(commenter.codes).toEqual([]);
  });

  it('text pasted across a paragraph break is a suggestion, and so is a whole pasted paragraph', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const schema = documentSchema;
    const p = (text: string) => schema.node('paragraph', null, [schema.text(text)]);
    const slice = new Slice(Fragment.from([p(' Exclusion: pregnancy.'), p('Inclusion: ')]), 1, 1);
    const at = positionOf(commenter.doc, 'The primary');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.replace(at, at, slice));
    await waitFor(() => plain(owner.doc).includes('Exclusion'), { what: 'the pasted text reaches the owner' });
    expect(suggestionsIn(owner.doc).map((s) => s.text)).toEqual([' Exclusion: pregnancy.\u200B\u200BInclusion: ']);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, p('A whole paragraph.')));
    await waitFor(() => plain(owner.doc).startsWith('A whole paragraph.'), { what: 'the pasted paragraph reaches the owner' });
    expect(blockSuggestionsOf(owner.doc).map((s) => [s.type, s.kind, s.id.split('~')[0]])).toEqual([['paragraph', 'insertion', team.ids.commenter]]);
    await ownerAppends(team, owner, server, commenter);
    expect(commenter.codes).toEqual([]);
  });
});

describe('whole blocks', () => {
  const schema = documentSchema;
  const p = (text: string) => schema.node('paragraph', null, [schema.text(text)]);
  const cell = () => schema.node('tableCell', null, [schema.node('paragraph')]);
  const table = () => schema.node('table', null, [schema.node('tableRow', null, [cell(), cell()])]);
  /** Position after the first top-level block. */
  const afterFirstBlock = (doc: Y.Doc) => docToNode(doc).child(0).nodeSize;

  it('a commenter’s pasted paragraphs, table, rule and heading are suggestions the guard accepts; the editor accepts and rejects them', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const at = positionOf(commenter.doc, 'The primary');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.replace(at, at, new Slice(Fragment.from([p('One.'), p('Two.'), p('Three: ')]), 1, 1)));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(afterFirstBlock(commenter.doc), table()));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(afterFirstBlock(commenter.doc), schema.node('horizontalRule')));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.setBlockType(1, 1, schema.nodes.heading!, { level: 2 }));
    await waitFor(() => blockSuggestionsOf(owner.doc).length === 4, { what: 'the block suggestions reach the editor' });
    const blocks = blockSuggestionsOf(owner.doc);
    expect(blocks.map((s) => [s.type, s.kind])).toEqual([
      ['heading', 'type'],
      ['horizontalRule', 'insertion'],
      ['table', 'insertion'],
      ['paragraph', 'insertion'],
    ]);
    expect(blocks.every((s) => s.id.startsWith(`${team.ids.commenter}~`))).toBe(true);
    await ownerAppends(team, owner, server, commenter);
    expect(commenter.codes).toEqual([]);

    // The editor rejects the heading and the rule, accepts the table and the pasted paragraphs.
    const [heading, rule, tableSuggestion, pasted] = blocks as [(typeof blocks)[number], (typeof blocks)[number], (typeof blocks)[number], (typeof blocks)[number]];
    reviewEdit(owner.doc, heading.id, false);
    reviewEdit(owner.doc, rule.id, false);
    reviewEdit(owner.doc, tableSuggestion.id, true);
    reviewEdit(owner.doc, pasted.id, true);
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 0 && suggestionsIn(await serverDoc(server, team.docId)).length === 0, {
      what: 'the reviews on the server',
    });
    const json = docToNode(await serverDoc(server, team.docId)).toJSON() as { content: Array<{ type: string }> };
    // The heading is a paragraph again, the rule gone; the pasted paragraphs and the table stay.
    expect(json.content.map((block) => block.type)).toEqual(['paragraph', 'table', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    const text = plain(await serverDoc(server, team.docId));
    expect(text).not.toContain('\u200B');
    expect(text).toContain('One.\nTwo.\nThree: The primary');
    expect(owner.codes).toEqual([]);
  });

  it('deleting inside a block one suggested inserting withdraws that text', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, p('Adults only, always.')));
    const at = positionOf(commenter.doc, ', always');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(at, at + ', always'.length));
    await waitFor(() => plain(owner.doc).startsWith('Adults only.'), { what: 'the withdrawn text is gone at the editor' });
    // What is left is the block and its text, both the commenter's one insertion; no deletion anywhere.
    const [block] = blockSuggestionsOf(owner.doc);
    expect(blockSuggestionsOf(owner.doc).map((s) => s.kind)).toEqual(['insertion']);
    expect(suggestionsIn(owner.doc)).toEqual([{ mark: 'insertion', id: block?.id, text: 'Adults only.' }]);
    await ownerAppends(team, owner, server, commenter);
    expect(commenter.codes).toEqual([]);
  });

  it('a commenter cannot delete what an editor wrote inside a block the commenter suggested inserting', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, p('Adults only.')));
    await waitFor(() => plain(owner.doc).startsWith('Adults only.'), { what: 'the suggested block reaches the editor' });
    // The editor writes into the suggested block (plain text, no suggestion of anyone's).
    directEdit(owner.doc, (tr) => tr.insertText(' Editor note.', 1 + 'Adults only.'.length));
    await waitFor(() => plain(commenter.doc).startsWith('Adults only. Editor note.'), { what: 'the editor’s text reaches the commenter' });
    // The commenter deletes the editor's sentence outright: neither their suggestion nor its withdrawal.
    const at = positionOf(commenter.doc, ' Editor note.');
    directEdit(commenter.doc, (tr) => tr.delete(at, at + ' Editor note.'.length));
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for deleting the editor’s text' });
    await ownerAppends(team, owner, server, owner);
    expect(plain(await serverDoc(server, team.docId))).toContain('Adults only. Editor note.');
  });

  it('a commenter deleting an editor’s text inside their own inserted block suggests the deletion; withdrawing the block with it is refused', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, p('Adults only.')));
    await waitFor(() => plain(owner.doc).startsWith('Adults only.'), { what: 'the suggested block reaches the editor' });
    directEdit(owner.doc, (tr) => tr.insertText(' Editor note.', 1 + 'Adults only.'.length));
    await waitFor(() => plain(commenter.doc).startsWith('Adults only. Editor note.'), { what: 'the editor’s text reaches the commenter' });
    const at = positionOf(commenter.doc, ' Editor note.');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(at, at + ' Editor note.'.length));
    await waitFor(() => suggestionsIn(owner.doc).some((s) => s.mark === 'deletion'), { what: 'the deletion suggestion reaches the editor' });
    expect(suggestionsIn(owner.doc).map((s) => [s.mark, s.text, String(s.id).split('~')[0]])).toEqual([
      ['insertion', 'Adults only.', team.ids.commenter],
      ['deletion', ' Editor note.', team.ids.commenter],
    ]);
    // Withdrawing the whole block would take the editor's text with it: the editor refuses, so does the server.
    const blockEnd = docToNode(commenter.doc).child(0).nodeSize;
    expect(() => suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(0, blockEnd))).toThrow();
    await ownerAppends(team, owner, server, commenter);
    expect(commenter.codes).toEqual([]);
    directEdit(commenter.doc, (tr) => tr.delete(0, blockEnd));
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for withdrawing the block with the editor’s text' });
    await ownerAppends(team, owner, server, owner);
    expect(plain(await serverDoc(server, team.docId))).toMatch(/^Adults only\. Editor note\./);
  });

  it('rejecting a block a commenter inserted and an editor wrote in removes the commenter’s text and keeps the editor’s', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, p('Adults only.')));
    await waitFor(() => plain(owner.doc).startsWith('Adults only.'), { what: 'the suggested block reaches the editor' });
    directEdit(owner.doc, (tr) => tr.insertText('Editor note. ', 1));
    await waitFor(() => plain(commenter.doc).startsWith('Editor note. Adults only.'), { what: 'the editor’s text reaches the commenter' });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText(' Always.', positionOf(commenter.doc, 'only.') + 'only.'.length));
    await waitFor(() => plain(owner.doc).startsWith('Editor note. Adults only. Always.'), { what: 'the commenter’s typing reaches the editor' });
    const [block] = blockSuggestionsOf(owner.doc);
    reviewEdit(owner.doc, block?.id ?? '', false);
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 0, { what: 'the reject on the server' });
    const stored = await serverDoc(server, team.docId);
    expect(plain(stored)).toBe(['Editor note. ', ...TEXT].join('\n'));
    expect(suggestionsIn(stored)).toEqual([]);
    expect(owner.codes).toEqual([]);
    expect(commenter.codes).toEqual([]);
  });

  it('a commenter’s list wrap is the paragraph suggested deleted and the list inserted; accepting leaves the list', async () => {
    const server = await start();
    const { team, owner, commenter } = await seeded(server);
    const state = EditorState.create({ schema, doc: docToNode(commenter.doc) });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
      const range = state.doc.resolve(2).blockRange();
      const wrapping = range ? findWrapping(range, schema.nodes.bulletList!) : null;
      if (!range || !wrapping) throw new Error('no wrapping');
      tr.wrap(range, wrapping);
    });
    await waitFor(() => blockSuggestionsOf(owner.doc).length === 2, { what: 'the wrap reaches the editor' });
    const [deleted, inserted] = blockSuggestionsOf(owner.doc);
    expect([deleted?.type, deleted?.kind, inserted?.type, inserted?.kind]).toEqual(['paragraph', 'deletion', 'bulletList', 'insertion']);
    await ownerAppends(team, owner, server, commenter);
    expect(commenter.codes).toEqual([]);
    reviewEdit(owner.doc, inserted?.id ?? '', true);
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 0, { what: 'the accept on the server' });
    const json = docToNode(await serverDoc(server, team.docId)).toJSON() as { content: Array<{ type: string }> };
    expect(json.content.map((block) => block.type)).toEqual(['bulletList', 'paragraph', 'paragraph']);
    expect(plain(await serverDoc(server, team.docId))).toContain(TEXT[0]);
  });

  it('a commenter’s block change that is not their own suggestion is refused with 4403 and changes nothing', async () => {
    const server = await start();
    const { team, owner } = await seeded(server);
    const before = JSON.stringify(docToNode(owner.doc).toJSON());
    const forged: Array<(doc: Y.Doc) => void> = [
      // A plain heading, a plain table.
      (doc) => directEdit(doc, (tr) => tr.setBlockType(1, 1, schema.nodes.heading!, { level: 1 })),
      (doc) => directEdit(doc, (tr) => tr.insert(afterFirstBlock(doc), table())),
      // An inserted block signed with the owner's id.
      (doc) => directEdit(doc, (tr) => tr.insert(0, schema.node('paragraph', { [BLOCK_SUGGESTION_ATTR]: { kind: 'insertion', id: `${team.ids.owner}~x1` } }, [schema.text('Forged.')]))),
      // An existing paragraph hidden as if the commenter had inserted it.
      (doc) => directEdit(doc, (tr) => tr.setNodeAttribute(0, BLOCK_SUGGESTION_ATTR, { kind: 'insertion', id: `${team.ids.commenter}~x2` })),
      // A heading that claims to have been a heading already.
      (doc) =>
        directEdit(doc, (tr) =>
          tr.setBlockType(1, 1, schema.nodes.heading!, { level: 1, [BLOCK_SUGGESTION_ATTR]: { kind: 'type', id: `${team.ids.commenter}~x3`, from: { type: 'heading', attrs: { level: 1 } } } }),
        ),
    ];
    for (const edit of forged) {
      const commenter = await connect(team.commenter, team.docId);
      await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the commenter sees the text' });
      edit(commenter.doc);
      await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for a forged block change' });
    }
    await ownerAppends(team, owner, server, owner);
    const after = docToNode(await serverDoc(server, team.docId)).toJSON() as { content: unknown[] };
    expect(JSON.stringify({ ...after, content: after.content.slice(0, -1) })).toBe(before);
    expect(owner.codes).toEqual([]);
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

  it('cannot sign a block suggestion with a commenter’s id', async () => {
    const server = await start();
    const { team, owner } = await seeded(server);
    const forged = { kind: 'insertion', id: `${team.ids.commenter}~blk1` };
    directEdit(owner.doc, (tr) => tr.insert(0, documentSchema.node('paragraph', { [BLOCK_SUGGESTION_ATTR]: forged }, [documentSchema.text('Forged block.')])));
    await waitFor(() => owner.codes.includes(CloseCode.Forbidden), { what: '4403 for the editor’s forged block suggestion' });
    expect(plain(await serverDoc(server, team.docId))).not.toContain('Forged block.');
  });

  it('cannot sign a block suggestion with a commenter’s id in Yjs’s other encoding of a plain value', async () => {
    const server = await start();
    const { team, owner } = await seeded(server);
    const forged = { kind: 'insertion', id: `${team.ids.commenter}~blk2` };
    Y.transact(owner.doc, () => {
      directEdit(owner.doc, (tr) => tr.insert(0, documentSchema.node('paragraph', { [BLOCK_SUGGESTION_ATTR]: forged }, [documentSchema.text('Forged block.')])));
      const block = owner.doc.getXmlFragment('default').get(0) as Y.XmlElement;
      // ContentJSON (Yjs's legacy encoding of plain values) reads back as the same attribute everywhere.
      const item = block._map.get(BLOCK_SUGGESTION_ATTR);
      if (!item) throw new Error('no block suggestion attribute');
      item.content = new Y.ContentJSON([forged]);
    });
    await waitFor(() => owner.codes.includes(CloseCode.Forbidden), { what: '4403 for the editor’s forged block suggestion' });
    expect(plain(await serverDoc(server, team.docId))).not.toContain('Forged block.');
  });
});
