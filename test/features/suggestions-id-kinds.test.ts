/**
 * One suggestion id is one card in the review panel (server/features/suggestions/id-kinds.ts): a
 * commenter's update that makes one of their ids hold changes of different kinds in separate places
 * (a suggested word here, a block deletion there, accepted together) is refused with 4403 and changes
 * nothing. The editor's own ways of sharing an id (a replacement, a deletion next to one's insertion)
 * stay accepted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { BLOCK_SUGGESTION_ATTR } from '../../shared/editor/suggestion-ids.js';
import type { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { appendParagraph, blockSuggestionsOf, directEdit, docToNode, documentSchema as schema, positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write } from './setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

type Watched = TestClient & { codes: number[] };

async function connect(who: ApiClient, docId: string): Promise<Watched> {
  const c = await who.connect(docId);
  clients.push(c);
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return Object.assign(c, { codes });
}

const TEXT = ['Patients are enrolled within 24 hours.', 'The primary endpoint is mortality at 28 days.', 'Follow-up ends at day 90.'];

const json = (doc: Y.Doc) => JSON.stringify(docToNode(doc).toJSON());
/** Position of top-level block `index`. */
const blockPos = (doc: Y.Doc, index: number) => {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += docToNode(doc).child(i).nodeSize;
  return pos;
};

async function seeded() {
  const server = await startFeatureServer();
  servers.push(server);
  const team = await makeTeam(server);
  const owner = await connect(team.owner, team.docId);
  write(owner.doc, paragraphs(...TEXT));
  const commenter = await connect(team.commenter, team.docId);
  await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the commenter sees the text' });
  return { server, team, owner, commenter };
}

/** A later edit of the editor's is on the server: everything the commenter sent has been judged. */
async function settled(server: TestServer, docId: string, owner: TestClient): Promise<Y.Doc> {
  appendParagraph(owner.doc, 'Later.');
  await waitFor(async () => plain(await serverDoc(server, docId)).endsWith('Later.'), { what: 'a later owner edit on the server' });
  const stored = await serverDoc(server, docId);
  directEdit(stored, (tr) => tr.delete(blockPos(stored, docToNode(stored).childCount - 1), tr.doc.content.size));
  return stored;
}

describe('one suggestion id', () => {
  it('cannot be reused for a block deletion far from the insertion it names', async () => {
    const { server, team, owner, commenter } = await seeded();
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('usually ', positionOf(commenter.doc, 'within')));
    await waitFor(() => plain(owner.doc).includes('usually'), { what: 'the honest insertion reaches the editor' });
    const [insertion] = suggestionsIn(owner.doc);
    const before = json(owner.doc);
    // The same id on the third paragraph as a block deletion: accepting "usually" would delete it.
    directEdit(commenter.doc, (tr) => tr.setNodeAttribute(blockPos(commenter.doc, 2), BLOCK_SUGGESTION_ATTR, { kind: 'deletion', id: insertion?.id }));
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for the reused id' });
    expect(json(await settled(server, team.docId, owner))).toBe(before);
    expect(owner.codes).toEqual([]);
  });

  it('cannot name a text insertion and a block deletion elsewhere in one update', async () => {
    const { server, team, owner, commenter } = await seeded();
    const before = json(owner.doc);
    const id = `${team.ids.commenter}~both`;
    directEdit(commenter.doc, (tr) => {
      tr.setNodeAttribute(blockPos(commenter.doc, 2), BLOCK_SUGGESTION_ATTR, { kind: 'deletion', id });
      tr.insertText('usually ', positionOf(commenter.doc, 'within'));
      const at = positionOf(commenter.doc, 'within');
      tr.addMark(at, at + 'usually '.length, schema.marks.insertion!.create({ id }));
    });
    await waitFor(() => commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for one id of two kinds in two places' });
    expect(json(await settled(server, team.docId, owner))).toBe(before);
  });

  it('may hold a replacement, a deletion next to one’s insertion, a deleted paragraph next to it, and survive an editor typing in between', async () => {
    const { server, team, owner, commenter } = await seeded();
    const id = team.ids.commenter;
    // Typing over "24": a deletion and an insertion under one id.
    const at = positionOf(commenter.doc, '24');
    suggestEdit(commenter.doc, id, (tr) => tr.insertText('48', at, at + 2));
    // A new insertion, then deleting the character next to it (the library gives it the same id).
    const end = positionOf(commenter.doc, '28 days') + '28 days'.length;
    suggestEdit(commenter.doc, id, (tr) => tr.insertText(' or more', end));
    const dot = positionOf(commenter.doc, ' or more') + ' or more'.length;
    suggestEdit(commenter.doc, id, (tr) => tr.delete(dot, dot + 1));
    // Text typed at the end of the second paragraph, then the third paragraph deleted.
    suggestEdit(commenter.doc, id, (tr) => tr.insertText(' Then', blockPos(commenter.doc, 2) - 1));
    suggestEdit(commenter.doc, id, (tr) => tr.delete(blockPos(commenter.doc, 2), tr.doc.content.size));
    await waitFor(() => blockSuggestionsOf(owner.doc).length === 1 && plain(owner.doc).includes(' Then'), { what: 'the suggestions reach the editor' });
    // The editor writes between the deletion and the insertion of the replacement; the commenter goes on.
    const gap = positionOf(owner.doc, '48');
    directEdit(owner.doc, (tr) => tr.insertText('about ', gap));
    await waitFor(() => plain(commenter.doc).includes('about '), { what: 'the editor’s text reaches the commenter' });
    suggestEdit(commenter.doc, id, (tr) => tr.delete(positionOf(commenter.doc, 'hours'), positionOf(commenter.doc, 'hours') + 1));
    await waitFor(() => suggestionsIn(owner.doc).some((s) => s.mark === 'deletion' && s.text === 'h'), { what: 'the last deletion reaches the editor' });
    const stored = await settled(server, team.docId, owner);
    expect(suggestionsIn(stored)).toEqual(suggestionsIn(commenter.doc));
    expect(commenter.codes).toEqual([]);
    expect(owner.codes).toEqual([]);
  });
});
