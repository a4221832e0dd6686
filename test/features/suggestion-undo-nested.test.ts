/**
 * A commenter undoes and redoes a nested deletion (deleting inside another reviewer's suggested
 * insertion) through the client's undo guard (client/editor/suggestion-undo.ts), over real sockets:
 * the guard lets both steps through, the server accepts them, and the other reviewer's insertion is
 * untouched throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { guardUndo } from '../../client/editor/suggestion-undo.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/fragment.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write } from './setup.js';

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

const TEXT = 'Patients are enrolled within 24 hours.';

/** Each suggestion as [mark, text, author's user id]. */
const byAuthor = (doc: Y.Doc) => suggestionsIn(doc).map((s) => [s.mark, s.text, String(s.id).split('~')[0]]);

describe('undo and redo of a nested deletion by a commenter', () => {
  it('the guard lets the undo and the redo through and the server accepts both', async () => {
    const server = await startFeatureServer();
    servers.push(server);
    const team = await makeTeam(server);
    const owner = await connect(team.owner, team.docId);
    write(owner.doc, paragraphs(TEXT));
    const second = new ApiClient(server.url);
    const reviewerId = (await second.signup('Rui Reviewer')).id;
    await team.owner.addMember(team.workspaceId, second, 'commenter');
    const reviewer = await connect(second, team.docId);
    const commenter = await connect(team.commenter, team.docId);
    await waitFor(() => plain(reviewer.doc) === TEXT && plain(commenter.doc) === TEXT, { what: 'both reviewers see the text' });
    suggestEdit(reviewer.doc, reviewerId, (tr) => tr.insertText('all adult ', positionOf(reviewer.doc, 'enrolled')));
    await waitFor(() => suggestionsIn(commenter.doc).length === 1, { what: 'the first reviewer’s insertion reaches the commenter' });

    // The commenter's undo history holds only their own edits (local transactions, origin null), as the editor's does.
    const undoManager = new Y.UndoManager(commenter.doc.getXmlFragment(DOCUMENT_FRAGMENT), { trackedOrigins: new Set([null]) });
    let dropped = 0;
    guardUndo(undoManager, () => team.ids.commenter, () => (dropped += 1));

    const adult = positionOf(commenter.doc, 'adult ');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(adult, adult + 'adult '.length));
    const insertion = ['insertion', 'all adult ', reviewerId];
    const withDeletion = [insertion, ['deletion', 'adult ', team.ids.commenter]];
    const onServer = async () => byAuthor(await serverDoc(server, team.docId));
    await waitFor(async () => commenter.codes.length > 0 || JSON.stringify(await onServer()) === JSON.stringify(withDeletion), { what: 'the nested deletion on the server' });
    expect(await onServer()).toEqual(withDeletion);
    expect(undoManager.undoStack).toHaveLength(1);

    undoManager.undo();
    expect(dropped).toBe(0);
    expect(byAuthor(commenter.doc)).toEqual([insertion]);
    await waitFor(async () => commenter.codes.length > 0 || JSON.stringify(await onServer()) === JSON.stringify([insertion]), { what: 'the undo on the server' });
    await waitFor(() => JSON.stringify(byAuthor(owner.doc)) === JSON.stringify([insertion]), { what: 'the undo at the editor' });

    undoManager.redo();
    expect(dropped).toBe(0);
    expect(byAuthor(commenter.doc)).toEqual(withDeletion);
    await waitFor(async () => commenter.codes.length > 0 || JSON.stringify(await onServer()) === JSON.stringify(withDeletion), { what: 'the redo on the server' });
    await waitFor(() => JSON.stringify(byAuthor(owner.doc)) === JSON.stringify(withDeletion), { what: 'the redo at the editor' });
    expect(plain(await serverDoc(server, team.docId))).toBe('Patients are all adult enrolled within 24 hours.');
    expect(commenter.codes).toEqual([]);
    expect(reviewer.codes).toEqual([]);
  }, 60_000);
});
