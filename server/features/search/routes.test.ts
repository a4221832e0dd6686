/** Search routes in-process: hits within your groups only, and query validation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/auth/api-client.js';
import { makeInProcessTeam, startInProcess, type InProcessApp, type InProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

let app: InProcessApp;
let team: InProcessTeam;

beforeAll(async () => {
  app = await startInProcess();
  team = await makeInProcessTeam(app);
  await writeLines(app, team.docId, 'Echocardiography every six weeks.');
  await app.services.search.indexDocument(team.docId);
});
afterAll(async () => {
  await app?.dispose();
});

describe('search routes', () => {
  it('finds the text for members and nothing for others', async () => {
    const hits = (await team.viewer.get('/api/search?q=echocardiography')).body as { results: Array<{ documentId: string }> };
    expect(hits.results.map((r) => r.documentId)).toEqual([team.docId]);
    const mine = (await team.outsider.get('/api/search?q=echocardiography')).body as { results: unknown[] };
    expect(mine.results).toEqual([]);
    expect((await team.outsider.get(`/api/search?q=echocardiography&workspace=${team.workspaceId}`)).status).toBe(404);
  });

  it('answers 400 for an empty, blank, overlong or repeated query', async () => {
    for (const query of ['', '?q=', '?q=%20%20', `?q=${'a'.repeat(201)}`, '?q=a&q=b', `?q=a&workspace=${team.workspaceId}&workspace=x`]) {
      const answer = await team.owner.get(`/api/search${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).code, query).toBe('invalid_input');
    }
  });
});
