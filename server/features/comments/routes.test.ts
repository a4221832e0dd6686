/** The comments route in-process: members read the threads (none yet), outsiders get a 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInProcessTeam, startInProcess, type InProcessApp, type InProcessTeam } from '../../../test/helpers/in-process.js';

let app: InProcessApp;
let team: InProcessTeam;

beforeAll(async () => {
  app = await startInProcess();
  team = await makeInProcessTeam(app);
});
afterAll(async () => {
  await app?.dispose();
});

describe('comments route', () => {
  it('lists the threads to members and hides the document from outsiders', async () => {
    expect((await team.viewer.get(`/api/documents/${team.docId}/comments`)).body).toEqual({ threads: [] });
    expect((await team.outsider.get(`/api/documents/${team.docId}/comments`)).status).toBe(404);
  });
});
