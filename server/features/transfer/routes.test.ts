/** Export routes in-process: each format as an attachment; an unknown or repeated format is a 400. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/auth/api-client.js';
import { makeInProcessTeam, startInProcess, type InProcessApp, type InProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

let app: InProcessApp;
let team: InProcessTeam;

beforeAll(async () => {
  app = await startInProcess();
  team = await makeInProcessTeam(app, 'Dose finding');
  await writeLines(app, team.docId, 'Start at 5 mg.');
});
afterAll(async () => {
  await app?.dispose();
});

describe('export routes', () => {
  it('exports Markdown by default and each format on request', async () => {
    const base = `/api/documents/${team.docId}/export`;
    const md = await team.viewer.get(base);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toContain('attachment');
    expect(String(md.body)).toContain('Start at 5 mg.');
    for (const format of ['html', 'docx']) expect((await team.viewer.get(`${base}?format=${format}`)).status, format).toBe(200);
  });

  it('answers 400 for an unknown or repeated format and 404 outside the group', async () => {
    const base = `/api/documents/${team.docId}/export`;
    for (const query of ['?format=pdf', '?format=', '?format=md&format=html']) {
      const answer = await team.owner.get(`${base}${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).fields, query).toHaveProperty('format');
    }
    expect((await team.outsider.get(base)).status).toBe(404);
  });
});
