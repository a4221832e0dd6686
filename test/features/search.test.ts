/** Search over HTTP: ranked, highlighted, fresh within seconds, never across groups or into the trash. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentSearchResultView, SearchResultView } from '../../shared/api/search.js';
import { addReply, addThread, commentsDocId, setResolved } from '../../shared/comments/threads.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, paragraphs, startFeatureServer, type Team, waitFor, waitForValue, write } from './setup.js';

describe('search API', () => {
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server, 'Zebrafish husbandry');
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.dispose();
  });

  const search = async (who: ApiClient, q: string, workspace?: string) => {
    const res = await who.get(`/api/search?q=${encodeURIComponent(q)}${workspace ? `&workspace=${workspace}` : ''}`);
    if (res.status !== 200) throw new Error(`search ${res.status}: ${JSON.stringify(res.body)}`);
    return (res.body as { results: SearchResultView[] }).results;
  };

  const searchComments = async (who: ApiClient, q: string) => {
    const res = await who.get(`/api/search?q=${encodeURIComponent(q)}`);
    if (res.status !== 200) throw new Error(`search ${res.status}: ${JSON.stringify(res.body)}`);
    return (res.body as { comments: CommentSearchResultView[] }).comments;
  };

  it('finds comments by their words, quote and author, and follows replies, resolution and deletion', async () => {
    const comments = await team.commenter.connect(commentsDocId(team.docId));
    clients.push(comments);
    const cem = { id: team.ids.commenter, name: 'Cem Commenter' };
    const anchor = { start: null, end: null };
    addThread(comments.doc, { id: 't1', anchor, quote: 'tank water temperature', createdBy: cem, createdAt: 1 }, { id: 'c1', author: cem, body: 'Should we log salinity as well?', mentions: [], createdAt: 1 });
    const first = await waitForValue(async () => {
      const hits = await searchComments(team.viewer, 'salinity');
      return hits.length > 0 ? hits : null;
    }, 'the comment in the index');
    expect(first).toEqual([
      expect.objectContaining({ documentId: team.docId, workspaceId: team.workspaceId, title: 'Zebrafish husbandry', threadId: 't1', resolved: false }),
    ]);
    expect(first[0]?.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(['salinity']);
    // The quoted text and the author's name are found too; the document text search stays apart.
    expect((await searchComments(team.owner, 'temperature')).map((h) => h.threadId)).toEqual(['t1']);
    expect((await searchComments(team.owner, 'Cem')).map((h) => h.threadId)).toEqual(['t1']);
    expect(await search(team.owner, 'salinity')).toEqual([]);

    // A reply is found, and resolving keeps the thread findable, marked as resolved.
    addReply(comments.doc, 't1', { id: 'c2', author: cem, body: 'And conductivity.', mentions: [], createdAt: 2 });
    await waitFor(async () => (await searchComments(team.owner, 'conductivity')).length === 1, { what: 'the reply in the index' });
    setResolved(comments.doc, 't1', cem, 3);
    await waitFor(async () => (await searchComments(team.owner, 'salinity'))[0]?.resolved === true, { what: 'resolved in the index' });

    // Nobody outside the group finds it; a deleted thread and a trashed document drop out.
    const outsider = new ApiClient(server.url);
    await outsider.signup('Otto Outsider');
    expect(await searchComments(outsider, 'salinity')).toEqual([]);
    addThread(comments.doc, { id: 't2', anchor, quote: '', createdBy: cem, createdAt: 4 }, { id: 'c3', author: cem, body: 'Osmolarity check.', mentions: [], createdAt: 4 });
    await waitFor(async () => (await searchComments(team.owner, 'osmolarity')).length === 1, { what: 'the second thread' });
    const owners = await team.owner.connect(commentsDocId(team.docId));
    clients.push(owners);
    await waitFor(() => owners.doc.getMap('threads').has('t2'), { what: 'the owner sees the thread' });
    owners.doc.getMap('threads').delete('t2');
    await waitFor(async () => (await searchComments(team.owner, 'osmolarity')).length === 0, { what: 'deleted thread gone' });
    expect((await searchComments(team.owner, 'salinity')).length).toBe(1);
    expect((await team.owner.delete(`/api/documents/${team.docId}`)).status).toBe(200);
    expect(await searchComments(team.owner, 'salinity')).toEqual([]);
  });

  it('finds edits within seconds, ranks title hits first and highlights the words', async () => {
    const client = await team.owner.connect(team.docId);
    clients.push(client);
    write(client.doc, paragraphs('Larvae are kept at 28 degrees.', 'Feeding of larvae starts at five days post fertilisation.'));
    const hits = await waitForValue(async () => {
      const results = await search(team.viewer, 'larvae feeding');
      return results.length > 0 ? results : null;
    }, 'the edit in the index');
    expect(hits[0]).toMatchObject({ documentId: team.docId, workspaceId: team.workspaceId, title: 'Zebrafish husbandry' });
    const marked = hits[0]?.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['feeding']));
    // Prefix and stemming: "fertilis" and "larva" both find it.
    expect((await search(team.commenter, 'fertilis')).map((r) => r.documentId)).toEqual([team.docId]);

    // A second document mentions zebrafish in its text only: the one titled Zebrafish ranks first.
    const other = await team.owner.document(team.workspaceId, 'Animal facility rota');
    const otherClient = await team.owner.connect(other);
    clients.push(otherClient);
    write(otherClient.doc, paragraphs('Zebrafish room checks on weekends.'));
    const ranked = await waitForValue(async () => {
      const results = await search(team.owner, 'zebrafish');
      return results.length === 2 ? results : null;
    }, 'both documents found');
    expect(ranked.map((r) => r.documentId)).toEqual([team.docId, other]);

    // Later edits replace the indexed text.
    write(client.doc, paragraphs('Medaka instead.'));
    await waitFor(async () => (await search(team.owner, 'larvae')).length === 0, { what: 'old text gone from the index' });
    expect((await search(team.owner, 'medaka')).map((r) => r.documentId)).toEqual([team.docId]);
  });

  it('finds a renamed document under its new title at once', async () => {
    const renamed = await team.owner.patch(`/api/documents/${team.docId}`, { title: 'Axolotl regeneration' });
    expect(renamed.status).toBe(200);
    // No edit follows the rename: the title alone must be in the index by the time the call returns.
    expect((await search(team.viewer, 'axolotl')).map((r) => r.documentId)).toEqual([team.docId]);
    expect(await search(team.viewer, 'zebrafish')).toEqual([]);
  });

  it('never shows documents of other groups or in the trash, and finds template documents never edited', async () => {
    const client = await team.owner.connect(team.docId);
    clients.push(client);
    write(client.doc, paragraphs('Confidential randomisation schedule.'));
    await waitFor(async () => (await search(team.owner, 'randomisation')).length === 1, { what: 'indexed' });

    const outsider = new ApiClient(server.url);
    await outsider.signup('Otto Outsider');
    const theirs = await outsider.workspace('Other lab');
    const theirDoc = await outsider.document(theirs, 'Their randomisation');
    const theirClient = await outsider.connect(theirDoc);
    clients.push(theirClient);
    write(theirClient.doc, paragraphs('Their own randomisation notes.'));
    await waitFor(async () => (await search(outsider, 'randomisation')).length === 1, { what: 'outsider indexed' });

    expect((await search(outsider, 'randomisation')).map((r) => r.documentId)).toEqual([theirDoc]);
    expect((await search(team.viewer, 'randomisation')).map((r) => r.documentId)).toEqual([team.docId]);
    expect((await search(team.owner, 'confidential', team.workspaceId)).map((r) => r.documentId)).toEqual([team.docId]);
    // Naming a group you are not in is a 404, not an empty list that confirms it exists.
    expect((await outsider.get(`/api/search?q=confidential&workspace=${team.workspaceId}`)).status).toBe(404);
    expect((await outsider.get('/api/search?q=')).status).toBe(400);
    expect((await new ApiClient(server.url).get('/api/search?q=x')).status).toBe(401);

    expect((await team.owner.delete(`/api/documents/${team.docId}`)).status).toBe(200);
    expect(await search(team.owner, 'randomisation')).toEqual([]);

    // Made from a template and never opened: indexed on demand by the search itself.
    const templated = await team.owner.post(`/api/workspaces/${team.workspaceId}/documents`, { title: 'Grant', template: 'grant-proposal' });
    const templatedId = (templated.body as { document: { id: string } }).document.id;
    expect((await search(team.owner, 'budget')).map((r) => r.documentId)).toContain(templatedId);
  });
});
