/**
 * The structure inside a block a commenter suggested inserting (server/features/suggestions/view.ts):
 * what an editor built there (an empty paragraph, a table row) or wrote there stays where it is. Over
 * real sockets, each attack is refused with 4403 and changes nothing; honest work in such a block,
 * around the editor's additions and from a later session, is accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Node } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import type { ApiClient } from '../auth/api-client.js';
import { appendParagraph, blockSuggestionsOf, directEdit, docToNode, documentSchema as schema, positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write, type Team } from './setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

async function connect(who: ApiClient, docId: string): Promise<TestClient & { codes: number[] }> {
  const c = await who.connect(docId);
  clients.push(c);
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return Object.assign(c, { codes });
}

const cell = () => schema.node('tableCell', null, [schema.node('paragraph')]);
const row = () => schema.node('tableRow', null, [cell(), cell()]);
const table = () => schema.node('table', null, [row()]);

/** The document as JSON, for "unchanged" comparisons. */
const json = (doc: Y.Doc) => JSON.stringify(docToNode(doc).toJSON());

/** Position of the table (the second top-level block). */
const tablePos = (doc: Y.Doc) => docToNode(doc).child(0).nodeSize;

/** Where the content of the first paragraph of cell (`r`, `c`) of the table starts. */
function cellStart(doc: Y.Doc, r: number, c: number): number {
  const root = docToNode(doc);
  const start = tablePos(doc);
  const tableNode = root.child(1);
  let pos = start + 1;
  for (let i = 0; i < r; i++) pos += tableNode.child(i).nodeSize;
  pos += 1;
  const rowNode = tableNode.child(r);
  for (let j = 0; j < c; j++) pos += rowNode.child(j).nodeSize;
  // Into the cell, into its paragraph.
  return pos + 2;
}

const cellNode = (doc: Y.Doc, r: number, c: number): Node => docToNode(doc).child(1).child(r).child(c);

/** A document of two paragraphs with the commenter's suggested table after the first, seen by both. */
async function withSuggestedTable() {
  const server = await startFeatureServer();
  servers.push(server);
  const team = await makeTeam(server);
  const owner = await connect(team.owner, team.docId);
  write(owner.doc, paragraphs('Patients are enrolled within 24 hours.', 'The primary endpoint is mortality.'));
  const commenter = await connect(team.commenter, team.docId);
  await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the commenter sees the text' });
  suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(tablePos(commenter.doc), table()));
  await waitFor(() => blockSuggestionsOf(owner.doc).some((s) => s.type === 'table'), { what: 'the suggested table reaches the editor' });
  return { server, team, owner, commenter };
}

/** The editor's change, once the commenter has it too. */
async function editorDoes(owner: TestClient, commenter: TestClient, edit: (doc: Y.Doc) => void): Promise<void> {
  edit(owner.doc);
  await waitFor(() => json(commenter.doc) === json(owner.doc), { what: 'the editor’s change reaches the commenter' });
}

/** Sends `attack` from the commenter and checks: 4403, and the stored document is what it was. */
async function refusedAndUnchanged(server: TestServer, team: Team, owner: TestClient & { codes: number[] }, commenter: TestClient & { codes: number[] }, attack: (doc: Y.Doc) => void): Promise<void> {
  const before = json(owner.doc);
  attack(commenter.doc);
  await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for the attack' });
  // A later edit of the editor's reaches the server: everything before it has been judged.
  appendParagraph(owner.doc, 'Later.');
  await waitFor(async () => plain(await serverDoc(server, team.docId)).endsWith('Later.'), { what: 'a later owner edit on the server' });
  const stored = docToNode(await serverDoc(server, team.docId)).toJSON() as { content: unknown[] };
  expect(JSON.stringify({ ...stored, content: stored.content.slice(0, -1) })).toBe(before);
  expect(owner.codes).toEqual([]);
}

describe('inside a block a commenter suggested inserting', () => {
  it('a commenter cannot remove an empty paragraph an editor added there', async () => {
    const { server, team, owner, commenter } = await withSuggestedTable();
    // The editor adds an empty paragraph to the first cell, after the one it has.
    await editorDoes(owner, commenter, (doc) => directEdit(doc, (tr) => tr.insert(cellStart(doc, 0, 0) + 1, schema.node('paragraph'))));
    expect(cellNode(commenter.doc, 0, 0).childCount).toBe(2);
    await refusedAndUnchanged(server, team, owner, commenter, (doc) => {
      const at = cellStart(doc, 0, 0) + 1;
      directEdit(doc, (tr) => tr.delete(at, at + 2));
    });
  });

  it('a commenter cannot withdraw the block with a table row an editor added to it', async () => {
    const { server, team, owner, commenter } = await withSuggestedTable();
    await editorDoes(owner, commenter, (doc) => directEdit(doc, (tr) => tr.insert(tablePos(doc) + docToNode(doc).child(1).nodeSize - 1, row())));
    expect(docToNode(commenter.doc).child(1).childCount).toBe(2);
    await refusedAndUnchanged(server, team, owner, commenter, (doc) => directEdit(doc, (tr) => tr.delete(tablePos(doc), tablePos(doc) + docToNode(doc).child(1).nodeSize)));
  });

  it('a commenter cannot remove the editor’s row alone either', async () => {
    const { server, team, owner, commenter } = await withSuggestedTable();
    await editorDoes(owner, commenter, (doc) => directEdit(doc, (tr) => tr.insert(tablePos(doc) + docToNode(doc).child(1).nodeSize - 1, row())));
    await refusedAndUnchanged(server, team, owner, commenter, (doc) => {
      const second = tablePos(doc) + 1 + docToNode(doc).child(1).child(0).nodeSize;
      directEdit(doc, (tr) => tr.delete(second, second + docToNode(doc).child(1).child(1).nodeSize));
    });
  });

  it('a commenter cannot move the editor’s text from one cell to the next, even in the same order', async () => {
    const { server, team, owner, commenter } = await withSuggestedTable();
    await editorDoes(owner, commenter, (doc) => directEdit(doc, (tr) => tr.insertText('Editor note.', cellStart(doc, 0, 0))));
    await refusedAndUnchanged(server, team, owner, commenter, (doc) =>
      directEdit(doc, (tr) => {
        const from = cellStart(doc, 0, 0);
        tr.delete(from, from + 'Editor note.'.length);
        tr.insertText('Editor note.', tr.mapping.map(cellStart(doc, 0, 1)));
      }),
    );
  });

  it('honest work there is accepted: typing around the editor’s row and text, withdrawing one’s own, a row and an Enter from a later session', async () => {
    const { server, team, owner, commenter } = await withSuggestedTable();
    const id = team.ids.commenter;
    suggestEdit(commenter.doc, id, (tr) => tr.insertText('Dose', cellStart(commenter.doc, 0, 0)));
    await waitFor(() => plain(owner.doc).includes('Dose'), { what: 'the commenter’s cell text reaches the editor' });
    // The editor writes in the other cell and adds an empty row.
    await editorDoes(owner, commenter, (doc) => directEdit(doc, (tr) => tr.insertText('Editor note.', cellStart(doc, 0, 1))));
    await editorDoes(owner, commenter, (doc) => directEdit(doc, (tr) => tr.insert(tablePos(doc) + docToNode(doc).child(1).nodeSize - 1, row())));
    // The commenter types into the editor's row and next to the editor's text, then withdraws part of their own.
    suggestEdit(commenter.doc, id, (tr) => tr.insertText('Weekly', cellStart(commenter.doc, 1, 0)));
    suggestEdit(commenter.doc, id, (tr) => tr.insertText(' Agreed.', positionOf(commenter.doc, 'Editor note.') + 'Editor note.'.length));
    suggestEdit(commenter.doc, id, (tr) => tr.delete(positionOf(commenter.doc, 'Dose') + 2, positionOf(commenter.doc, 'Dose') + 4));
    // A row of their own, then an Enter in their own cell from a new session (another Yjs client).
    suggestEdit(commenter.doc, id, (tr) => tr.insert(tablePos(commenter.doc) + docToNode(commenter.doc).child(1).nodeSize - 1, row()));
    await waitFor(() => docToNode(owner.doc).child(1).childCount === 3 && plain(owner.doc).includes('Do') && !plain(owner.doc).includes('Dose'), {
      what: 'the commenter’s edits reach the editor',
    });
    const later = await connect(team.commenter, team.docId);
    await waitFor(() => json(later.doc) === json(owner.doc), { what: 'the later session sees the document' });
    suggestEdit(later.doc, id, (tr) => tr.split(positionOf(later.doc, 'Do') + 1));
    await waitFor(() => cellNode(owner.doc, 0, 0).childCount === 2, { what: 'the later session’s Enter reaches the editor' });
    appendParagraph(owner.doc, 'Later.');
    await waitFor(async () => plain(await serverDoc(server, team.docId)).endsWith('Later.') && plain(later.doc).endsWith('Later.'), { what: 'a later owner edit everywhere' });
    const stored = await serverDoc(server, team.docId);
    expect(json(stored)).toBe(json(owner.doc));
    expect(plain(stored)).toContain('Editor note.');
    expect(suggestionsIn(stored).filter((s) => s.mark === 'insertion').map((s) => s.text.replace(/\u200B/g, ''))).toEqual(expect.arrayContaining(['Weekly', ' Agreed.']));
    expect(commenter.codes).toEqual([]);
    expect(later.codes).toEqual([]);
    expect(owner.codes).toEqual([]);
  });

  it('a commenter may still withdraw such a block when nothing in it is anyone else’s', async () => {
    const { server, team, owner, commenter } = await withSuggestedTable();
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('Dose', cellStart(commenter.doc, 0, 0)));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(tablePos(commenter.doc) + docToNode(commenter.doc).child(1).nodeSize - 1, row()));
    await waitFor(() => docToNode(owner.doc).child(1).childCount === 2, { what: 'the commenter’s row reaches the editor' });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(tablePos(commenter.doc), tablePos(commenter.doc) + docToNode(commenter.doc).child(1).nodeSize));
    await waitFor(() => docToNode(owner.doc).childCount === 2, { what: 'the withdrawal reaches the editor' });
    appendParagraph(owner.doc, 'Later.');
    await waitFor(async () => plain(await serverDoc(server, team.docId)).endsWith('Later.'), { what: 'a later owner edit on the server' });
    expect(blockSuggestionsOf(await serverDoc(server, team.docId))).toEqual([]);
    expect(commenter.codes).toEqual([]);
  });
});
