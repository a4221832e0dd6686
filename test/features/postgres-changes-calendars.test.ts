/** Migration 0004's queries on PostgreSQL: a document's last change and its authors, deadlines in their zone, calendar feeds. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeadlineView, WorkspaceDeadlinesView } from '../../shared/api/deadlines.js';
import type { DocumentView } from '../../shared/api/documents.js';
import { ApiClient } from '../auth/api-client.js';
import { createTestSchema, describeWithPostgres, type TestSchema } from '../helpers/postgres.js';
import { makeTeam, paragraphs, startFeatureServer, waitForValue, write } from './setup.js';

describeWithPostgres('last change and calendars on PostgreSQL', (url) => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(url);
  });
  afterAll(async () => {
    await schema?.drop();
  });

  it('records who changed a document last, keeps a deadline’s zone and serves its feed', async () => {
    const server = await startFeatureServer({ DATABASE_URL: url, DATABASE_SCHEMA: schema.name });
    expect(server.storage.engine).toBe('postgres');
    const team = await makeTeam(server, 'Sepsis bundle');
    const newer = await team.owner.document(team.workspaceId, 'Newer note');
    const editor = await team.owner.connect(team.docId);
    try {
      write(editor.doc, paragraphs('Give antibiotics within one hour.'));
      const first = await waitForValue(async () => {
        const { documents } = (await team.viewer.get(`/api/workspaces/${team.workspaceId}/documents`)).body as { documents: DocumentView[] };
        return documents[0]?.id === team.docId ? documents[0] : null;
      }, 'the edited document first');
      expect(first.changedBy.map((p) => p.name)).toEqual(['Olga Owner']);

      const set = await team.owner.request('PUT', `/api/documents/${newer}/deadline`, { local: '2027-10-31T12:00', timeZone: 'America/New_York' });
      expect((set.body as { deadline: DeadlineView }).deadline).toMatchObject({ at: Date.UTC(2027, 9, 31, 16, 0), timeZone: 'America/New_York', local: '2027-10-31T12:00' });
      const listed = (await team.viewer.get(`/api/workspaces/${team.workspaceId}/deadlines`)).body as WorkspaceDeadlinesView;
      expect(listed.deadlines.map((d) => d.documentTitle)).toEqual(['Newer note']);

      const feed = (await team.viewer.post(`/api/workspaces/${team.workspaceId}/calendar-feed`)).body as { feed: { url: string } };
      const calendarApp = new ApiClient(server.url);
      const ics = await calendarApp.get(new URL(feed.feed.url).pathname);
      expect(ics.status).toBe(200);
      expect(String(ics.body)).toContain('DTSTART;TZID=America/New_York:20271031T120000');
    } finally {
      editor.destroy();
      await server.dispose();
    }
  });
});
