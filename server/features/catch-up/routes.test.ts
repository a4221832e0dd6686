/** Catch-up routes in-process: nothing on a first visit, then what changed since the recorded visit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInProcessTeam, startInProcess, type InProcessApp, type InProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

let app: InProcessApp;
let team: InProcessTeam;

beforeAll(async () => {
  app = await startInProcess();
  team = await makeInProcessTeam(app);
});
afterAll(async () => {
  await app?.dispose();
});

describe('catch-up routes', () => {
  it('shows the change made since the last visit', async () => {
    const base = `/api/documents/${team.docId}`;
    await writeLines(app, team.docId, 'Inclusion: adults.');
    expect((await team.viewer.get(`${base}/catch-up`)).body).toMatchObject({ lastVisitAt: null, blocks: [] });
    expect((await team.viewer.post(`${base}/visit`)).status).toBe(200);
    await writeLines(app, team.docId, 'Inclusion: adults over 60.');
    const view = (await team.viewer.get(`${base}/catch-up`)).body as { lastVisitAt: number; insertions: number; blocks: unknown[] };
    expect(view.lastVisitAt).toEqual(expect.any(Number));
    expect(view.insertions).toBeGreaterThan(0);
    expect(view.blocks.length).toBeGreaterThan(0);
    expect((await team.outsider.get(`${base}/catch-up`)).status).toBe(404);
    expect((await team.outsider.post(`${base}/visit`)).status).toBe(404);
  });
});
