/** Catch-up, the activity list of a group, and deadlines, over HTTP with real socket edits. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityView } from '../../shared/api/activity.js';
import type { CatchUpView } from '../../shared/api/catch-up.js';
import type { DeadlineView } from '../../shared/api/deadlines.js';
import { commentsDocId, addThread } from '../../shared/comments/threads.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, type Team, waitFor, waitForValue, write } from './setup.js';

describe('catch-up, activity and deadlines', () => {
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

  it('shows who changed what since your last visit, and the group’s activity', async () => {
    const editor = await team.owner.connect(team.docId);
    clients.push(editor);
    write(editor.doc, paragraphs('Recruitment opens in March.'));
    await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('March'), { what: 'the text on the server' });
    await server.services.flush();

    const first = await team.commenter.get(`/api/documents/${team.docId}/catch-up`);
    expect(first.body).toMatchObject({ lastVisitAt: null, blocks: [] });
    const visit = await team.commenter.post(`/api/documents/${team.docId}/visit`);
    expect(visit.status).toBe(200);
    const seenAt = (visit.body as { visitedAt: number }).visitedAt;

    // Eight hours later, in another zone: the owner has rewritten a sentence and added one.
    write(editor.doc, paragraphs('Recruitment opens in April.', 'Sites: Lyon and Porto.'));
    const catchUp = await waitForValue(async () => {
      const res = await team.commenter.get(`/api/documents/${team.docId}/catch-up`);
      const view = res.body as CatchUpView;
      return view.insertions >= 4 && view.authors.length > 0 ? view : null;
    }, 'the change in catch-up');
    expect(catchUp.lastVisitAt).toBe(seenAt);
    expect(catchUp.authors.map((a) => a.name)).toEqual(['Olga Owner']);
    expect(catchUp.blocks.find((b) => b.op === 'change')?.segments).toEqual(
      expect.arrayContaining([{ op: 'delete', text: 'March' }, { op: 'insert', text: 'April' }]),
    );
    expect(catchUp.blocks.find((b) => b.op === 'insert')?.segments[0]?.text).toBe('Sites: Lyon and Porto.');

    // Having looked, there is nothing new.
    await team.commenter.post(`/api/documents/${team.docId}/visit`);
    await server.services.flush();
    const after = (await team.commenter.get(`/api/documents/${team.docId}/catch-up`)).body as CatchUpView;
    expect(after.blocks).toEqual([]);
    expect(after.insertions + after.deletions).toBe(0);

    // The commenter comments; the group's activity lists both people, newest first.
    const comments = await team.commenter.connect(commentsDocId(team.docId));
    clients.push(comments);
    addThread(
      comments.doc,
      { id: 't', anchor: { start: null, end: null }, quote: 'April', createdBy: { id: team.ids.commenter, name: 'Cem Commenter' }, createdAt: Date.now() },
      { id: 'c', author: { id: team.ids.commenter, name: 'Cem Commenter' }, body: 'Why April?', mentions: [], createdAt: Date.now() },
    );
    await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Ethics submission' });
    const activity = await waitForValue(async () => {
      const res = await team.viewer.get(`/api/workspaces/${team.workspaceId}/activity`);
      const list = (res.body as { activity: ActivityView[] }).activity;
      return list.some((a) => a.kind === 'commented') ? list : null;
    }, 'the comment in the activity list');
    expect(activity.find((a) => a.kind === 'commented')).toMatchObject({ user: { name: 'Cem Commenter' }, documentTitle: 'Trial protocol' });
    expect(activity.find((a) => a.kind === 'version')).toMatchObject({ user: { name: 'Olga Owner' }, detail: 'Ethics submission' });
    expect(activity.filter((a) => a.kind === 'edited').every((a) => a.user?.name === 'Olga Owner')).toBe(true);
    expect(activity.some((a) => a.kind === 'edited')).toBe(true);

    const outsider = new ApiClient(server.url);
    await outsider.signup('Otto Outsider');
    expect((await outsider.get(`/api/workspaces/${team.workspaceId}/activity`)).status).toBe(404);
    expect((await outsider.get(`/api/documents/${team.docId}/catch-up`)).status).toBe(404);
    expect((await team.viewer.get(`/api/workspaces/${team.workspaceId}/activity?limit=0`)).status).toBe(400);
  });

  it('stores a deadline in UTC that only editors and owners may set', async () => {
    const at = Date.UTC(2031, 2, 15, 17, 0);
    const set = await team.owner.request('PUT', `/api/documents/${team.docId}/deadline`, { at });
    expect(set.status).toBe(200);
    expect((set.body as { deadline: DeadlineView }).deadline).toMatchObject({ at, setBy: { name: 'Olga Owner' } });
    const read = await team.viewer.get(`/api/documents/${team.docId}/deadline`);
    expect((read.body as { deadline: DeadlineView }).deadline.at).toBe(at);
    expect((await team.commenter.request('PUT', `/api/documents/${team.docId}/deadline`, { at })).status).toBe(403);
    expect((await team.owner.request('PUT', `/api/documents/${team.docId}/deadline`, { at: 'tomorrow' })).status).toBe(400);
    const cleared = await team.owner.request('PUT', `/api/documents/${team.docId}/deadline`, { at: null });
    expect((cleared.body as { deadline: DeadlineView }).deadline.at).toBeNull();
  });
});
