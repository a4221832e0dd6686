/**
 * The feature queries on PostgreSQL: tsvector search (ranking, snippets, isolation, trash), versions,
 * restore, visits and catch-up, activity, deadlines and import, in a fresh schema.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActivityView } from '../../shared/api/activity.js';
import type { CatchUpView } from '../../shared/api/catch-up.js';
import type { CommentSearchResultView, SearchResultView } from '../../shared/api/search.js';
import { addThread, commentsDocId } from '../../shared/comments/threads.js';
import type { VersionView } from '../../shared/api/versions.js';
import { ApiClient } from '../auth/api-client.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, waitForValue, write } from './setup.js';

describeWithPostgres('feature queries on PostgreSQL', (url) => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it('searches, versions, restores, catches up, logs activity and imports', async () => {
    const server = await startFeatureServer({ DATABASE_URL: url, DATABASE_SCHEMA: schema.name });
    expect(server.storage.engine).toBe('postgres');
    const team = await makeTeam(server, 'Sepsis bundle');
    const editor = await team.owner.connect(team.docId);
    try {
      write(editor.doc, paragraphs('Give antibiotics within one hour.', 'Measure lactate.'));
      await waitFor(async () => plain(await serverDoc(server, team.docId)).includes('lactate'), { what: 'text on the server' });
      await team.commenter.post(`/api/documents/${team.docId}/visit`);
      await team.commenter.post(`/api/documents/${team.docId}/visit`);

      const search = async (who: ApiClient, q: string) => ((await who.get(`/api/search?q=${encodeURIComponent(q)}`)).body as { results: SearchResultView[] }).results;
      const hits = await waitForValue(async () => {
        const results = await search(team.viewer, 'antibiotic');
        return results.length > 0 ? results : null;
      }, 'indexed on PostgreSQL');
      expect(hits[0]?.documentId).toBe(team.docId);
      expect(hits[0]?.snippet.some((p) => p.hit && /antibiotics/i.test(p.text))).toBe(true);
      const outsider = new ApiClient(server.url);
      await outsider.signup('Otto');
      expect(await search(outsider, 'antibiotic')).toEqual([]);

      // Recent documents by title, with LIKE wildcards taken literally, on PostgreSQL's LIKE too.
      const recent = async (q: string) => ((await team.owner.get(`/api/recent?q=${encodeURIComponent(q)}`)).body as { documents: Array<{ id: string }> }).documents.map((d) => d.id);
      expect(await recent('SEPSIS')).toEqual([team.docId]);
      expect(await recent('%')).toEqual([]);
      expect(await recent('sepsis_')).toEqual([]);

      // Comment threads are found on PostgreSQL too, with their own snippet, and not by outsiders.
      const comments = await team.commenter.connect(commentsDocId(team.docId));
      try {
        const cem = { id: team.ids.commenter, name: 'Cem Commenter' };
        addThread(comments.doc, { id: 't1', anchor: { start: null, end: null }, quote: 'lactate', createdBy: cem, createdAt: 1 }, { id: 'c1', author: cem, body: 'Repeat the measurement after two hours?', mentions: [], createdAt: 1 });
        const searchComments = async (who: ApiClient, q: string) => ((await who.get(`/api/search?q=${encodeURIComponent(q)}`)).body as { comments: CommentSearchResultView[] }).comments;
        const found = await waitForValue(async () => {
          const results = await searchComments(team.viewer, 'measurement');
          return results.length > 0 ? results : null;
        }, 'a comment indexed on PostgreSQL');
        expect(found[0]).toMatchObject({ documentId: team.docId, threadId: 't1', resolved: false });
        expect(found[0]?.snippet.some((p) => p.hit && /measurement/i.test(p.text))).toBe(true);
        expect(await searchComments(outsider, 'measurement')).toEqual([]);
      } finally {
        comments.destroy();
      }

      const named = await team.owner.post(`/api/documents/${team.docId}/versions`, { name: 'Guideline 1.0' });
      const version = (named.body as { version: VersionView }).version;
      write(editor.doc, paragraphs('Give antibiotics within three hours.', 'Measure lactate.'));
      const catchUp = await waitForValue(async () => {
        const view = (await team.commenter.get(`/api/documents/${team.docId}/catch-up`)).body as CatchUpView;
        return view.insertions > 0 ? view : null;
      }, 'catch-up on PostgreSQL');
      expect(catchUp.blocks.find((b) => b.op === 'change')?.segments).toEqual(expect.arrayContaining([{ op: 'insert', text: 'three' }, { op: 'delete', text: 'one' }]));

      expect((await team.owner.post(`/api/documents/${team.docId}/versions/${version.id}/restore`)).status).toBe(200);
      await waitFor(() => plain(editor.doc).includes('one hour'), { what: 'restore reaches the client' });
      const kinds = ((await team.owner.get(`/api/documents/${team.docId}/versions`)).body as { versions: VersionView[] }).versions.map((v) => v.kind);
      expect(kinds).toEqual(expect.arrayContaining(['named', 'before-restore', 'restored']));

      const at = Date.UTC(2030, 0, 1);
      expect((await team.owner.request('PUT', `/api/documents/${team.docId}/deadline`, { at })).status).toBe(200);
      expect((await team.owner.request('PUT', `/api/documents/${team.docId}/deadline`, { at: at + 1 })).status).toBe(200);
      expect(((await team.viewer.get(`/api/documents/${team.docId}/deadline`)).body as { deadline: { at: number } }).deadline.at).toBe(at + 1);

      const activity = await waitForValue(async () => {
        const list = ((await team.viewer.get(`/api/workspaces/${team.workspaceId}/activity`)).body as { activity: ActivityView[] }).activity;
        return list.some((a) => a.kind === 'edited') ? list : null;
      }, 'activity on PostgreSQL');
      expect(activity.map((a) => a.kind)).toEqual(expect.arrayContaining(['edited', 'version', 'restored']));
      expect(typeof activity[0]?.at).toBe('number');

      const form = new FormData();
      form.set('file', new File(['# Imported sepsis notes\n\nFluids first.\n'], 'notes.md'));
      const imported = await fetch(`${server.url}/api/workspaces/${team.workspaceId}/import`, {
        method: 'POST',
        body: form,
        headers: { cookie: team.owner.cookie, origin: team.owner.origin },
      });
      expect(imported.status).toBe(201);
      expect((await search(team.owner, 'fluids')).map((r) => r.title)).toEqual(['Imported sepsis notes']);

      expect((await team.owner.delete(`/api/documents/${team.docId}`)).status).toBe(200);
      expect(await search(team.owner, 'antibiotic')).toEqual([]);
    } finally {
      editor.destroy();
      await server.dispose();
    }
  });
});
