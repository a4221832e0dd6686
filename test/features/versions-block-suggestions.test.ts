/**
 * Versions keep block suggestions (a suggested inserted or deleted block, shared/editor/block-suggestion.ts):
 * a version taken while they are pending holds them, and restoring it brings them back as suggestions
 * of their author, never as plain text; compare shows them as suggestions, not edits. Over real HTTP and sockets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareView, VersionDetailView, VersionView } from '../../shared/api/versions.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { blockSuggestionsOf, documentSchema, positionOf, reviewEdit, suggestEdit } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, type Team, waitFor, write } from './setup.js';

describe('versions and block suggestions', () => {
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

  async function connect(who: Team['owner']): Promise<TestClient> {
    const client = await who.connect(team.docId);
    clients.push(client);
    return client;
  }

  it('restoring a version brings back its pending block suggestions with their author', async () => {
    const owner = await connect(team.owner);
    write(owner.doc, paragraphs('Patients are enrolled within 24 hours.', 'Imaging every 8 weeks.'));
    const commenter = await connect(team.commenter);
    await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the commenter sees the text' });

    const plainNamed = await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Before review' });
    expect(plainNamed.status).toBe(201);
    const beforeReview = (plainNamed.body as { version: VersionView }).version;

    // The commenter suggests a new first paragraph and deleting the second one.
    const schema = documentSchema;
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, schema.node('paragraph', null, [schema.text('Adults only.')])));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
      const start = positionOf(commenter.doc, 'Imaging') - 1;
      tr.delete(start, start + tr.doc.resolve(start + 1).parent.nodeSize);
    });
    await waitFor(() => blockSuggestionsOf(owner.doc).length === 2, { what: 'both block suggestions reach the owner' });
    const pending = blockSuggestionsOf(owner.doc);
    expect(pending.map((s) => [s.kind, s.id.split('~')[0]])).toEqual([
      ['insertion', team.ids.commenter],
      ['deletion', team.ids.commenter],
    ]);
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 2, { what: 'the suggestions on the server' });

    // Compare shows them as suggestions, never as edits.
    const compare = await team.viewer.get(`/api/documents/${team.docId}/compare?from=${beforeReview.id}&to=current`);
    expect(compare.status).toBe(200);
    const diff = compare.body as CompareView;
    expect([diff.insertions, diff.deletions]).toEqual([0, 0]);
    expect(diff.blocks.flatMap((b) => b.segments).filter((seg) => seg.op.startsWith('suggest')).map((seg) => [seg.op, seg.text])).toEqual([
      ['suggest-insert', 'Adults only.'],
      ['suggest-delete', 'Imaging every 8 weeks.'],
    ]);
    expect(diff.suggestions.map((c) => [c.by.name, c.inserted, c.deleted])).toEqual([
      ['Cem Commenter', 'Adults only.', ''],
      ['Cem Commenter', '', 'Imaging every 8 weeks.'],
    ]);

    const named = await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Under review' });
    expect(named.status).toBe(201);
    const version = (named.body as { version: VersionView }).version;
    const detail = await team.owner.get(`/api/documents/${team.docId}/versions/${version.id}`);
    expect(JSON.stringify((detail.body as VersionDetailView).content)).toContain(pending[0]!.id);
    // The view names the block suggestions' author, as it does for suggested text.
    expect((detail.body as VersionDetailView).suggesters.map((p) => p.name)).toEqual(['Cem Commenter']);

    // The owner rejects the insertion and accepts the deletion: no suggestion and neither block is left.
    for (const [suggestion, accept] of [[pending[0]!, false], [pending[1]!, true]] as const) reviewEdit(owner.doc, suggestion.id, accept);
    await waitFor(async () => plain(await serverDoc(server, team.docId)) === 'Patients are enrolled within 24 hours.', { what: 'the review on the server' });
    expect(blockSuggestionsOf(await serverDoc(server, team.docId))).toEqual([]);

    const restored = await team.owner.post(`/api/documents/${team.docId}/versions/${version.id}/restore`);
    expect(restored.status).toBe(200);
    await waitFor(() => blockSuggestionsOf(owner.doc).length === 2 && blockSuggestionsOf(commenter.doc).length === 2, { what: 'the restored block suggestions' });
    for (const doc of [owner.doc, commenter.doc, await serverDoc(server, team.docId)]) {
      expect(blockSuggestionsOf(doc)).toEqual(pending);
      expect(plain(doc)).toBe('Adults only.\nPatients are enrolled within 24 hours.\nImaging every 8 weeks.');
    }

    // They are the commenter's again: the guard lets the commenter withdraw one, and the socket stays open.
    const closes: number[] = [];
    commenter.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    reviewEdit(commenter.doc, pending[0]!.id, false);
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 1, { what: 'the withdrawal on the server' });
    expect(plain(await serverDoc(server, team.docId))).toBe('Patients are enrolled within 24 hours.\nImaging every 8 weeks.');
    await waitFor(() => blockSuggestionsOf(owner.doc).length === 1, { what: 'the withdrawal at the owner' });
    expect(closes).toEqual([]);
  });
});
