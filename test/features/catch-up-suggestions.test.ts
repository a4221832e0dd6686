/**
 * Suggestions in "since your last visit" and in compare, over HTTP, with a commenter's suggestions
 * written over a real socket (as the editor writes them): they are listed as new suggestions with
 * their author, drawn as suggestions in the diff, not counted as changed words, and once accepted
 * they show as the real change. A version keeps its suggestion marks and names their authors.
 */
import type { JSONContent } from '@tiptap/core';
import { applySuggestion } from '@handlewithcare/prosemirror-suggest-changes';
import { EditorState } from '@tiptap/pm/state';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { CatchUpView } from '../../shared/api/catch-up.js';
import type { CompareView, VersionDetailView, VersionView } from '../../shared/api/versions.js';
import { applyJsonToDoc, docToNode, documentSchema } from '../../server/text/index.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, type Team, waitFor, waitForValue, write } from './setup.js';

/** Accepts one suggestion in `doc`, as a reviewer's Accept does (the library's command). */
function accept(doc: Y.Doc, id: string): void {
  const state = EditorState.create({ schema: documentSchema, doc: docToNode(doc) });
  let next = state;
  applySuggestion(id)(state, (tr) => {
    next = state.apply(tr);
  });
  applyJsonToDoc(doc, next.doc.toJSON() as JSONContent);
}

describe('suggestions in catch-up and compare', () => {
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.dispose();
  });

  it('lists a commenter’s new suggestions, draws them as suggestions, counts no words, and shows them as changes once accepted', async () => {
    const owner = await team.owner.connect(team.docId);
    clients.push(owner);
    write(owner.doc, paragraphs('Patients are enrolled within 24 hours.'));
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('24 hours'), { what: 'the text on the server' });
    const named = await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Before review' });
    const before = (named.body as { version: VersionView }).version.id;
    expect((await team.owner.post(`/api/documents/${team.docId}/visit`)).status).toBe(200);

    // The commenter suggests over their own socket: an insertion and a deletion.
    const commenter = await team.commenter.connect(team.docId);
    clients.push(commenter);
    await waitFor(() => plain(commenter.doc).includes('24 hours'), { what: 'the commenter sees the text' });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insertText('usually ', positionOf(commenter.doc, 'within')));
    const at = positionOf(commenter.doc, '24 ');
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(at, at + '24 '.length));
    await waitFor(async () => suggestionsIn(await serverDoc(server, team.docId)).length === 2, { what: 'both suggestions on the server' });

    const catchUp = (await team.owner.get(`/api/documents/${team.docId}/catch-up`)).body as CatchUpView;
    expect(catchUp.insertions).toBe(0);
    expect(catchUp.deletions).toBe(0);
    expect(catchUp.suggestions).toEqual([
      { id: expect.stringMatching(`^${team.ids.commenter}~`), by: { id: team.ids.commenter, name: 'Cem Commenter' }, inserted: 'usually', deleted: '' },
      { id: expect.stringMatching(`^${team.ids.commenter}~`), by: { id: team.ids.commenter, name: 'Cem Commenter' }, inserted: '', deleted: '24' },
    ]);
    const segments = catchUp.blocks.flatMap((b) => b.segments);
    expect(segments.filter((s) => s.op === 'insert' || s.op === 'delete')).toEqual([]);
    expect(segments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'suggest-insert', text: 'usually ', suggestedBy: { id: team.ids.commenter, name: 'Cem Commenter' } }),
        expect.objectContaining({ op: 'suggest-delete', text: '24 ', suggestedBy: { id: team.ids.commenter, name: 'Cem Commenter' } }),
      ]),
    );

    // Compare says the same; a version taken now keeps the marks and names their author.
    const compared = (await team.viewer.get(`/api/documents/${team.docId}/compare?from=${before}&to=current`)).body as CompareView;
    expect([compared.insertions, compared.deletions, compared.suggestions.length]).toEqual([0, 0, 2]);
    const reviewed = (await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Reviewed' })).body as { version: VersionView };
    const detail = (await team.viewer.get(`/api/documents/${team.docId}/versions/${reviewed.version.id}`)).body as VersionDetailView;
    expect(detail.suggesters).toEqual([{ id: team.ids.commenter, name: 'Cem Commenter' }]);
    expect(JSON.stringify(detail.content)).toContain('"type":"insertion"');
    expect(JSON.stringify(detail.content)).toContain('"type":"deletion"');

    // The owner accepts both: now they are the owner's real change, and no longer suggestions.
    await waitFor(() => suggestionsIn(owner.doc).length === 2, { what: 'the owner sees the suggestions' });
    for (const s of suggestionsIn(owner.doc)) accept(owner.doc, String(s.id));
    await waitFor(async () => suggestionsIn(await serverDoc(server, team.docId)).length === 0, { what: 'the accepted text on the server' });
    const accepted = await waitForValue(async () => {
      const view = (await team.owner.get(`/api/documents/${team.docId}/catch-up`)).body as CatchUpView;
      return view.insertions > 0 ? view : null;
    }, 'the accepted change in catch-up');
    expect(accepted.insertions).toBe(1);
    expect(accepted.deletions).toBe(1);
    expect(accepted.suggestions).toEqual([]);
    const after = accepted.blocks.flatMap((b) => b.segments);
    expect(after.some((s) => s.op === 'suggest-insert' || s.op === 'suggest-delete')).toBe(false);
    expect(after).toEqual(expect.arrayContaining([expect.objectContaining({ op: 'insert', text: expect.stringContaining('usually') })]));
    expect(after.filter((s) => s.op === 'delete').map((s) => s.text).join('')).toContain('24');
    const sinceReview = (await team.viewer.get(`/api/documents/${team.docId}/compare?from=${reviewed.version.id}&to=current`)).body as CompareView;
    expect([sinceReview.insertions, sinceReview.deletions, sinceReview.suggestions.length]).toEqual([1, 1, 0]);
  });
});
