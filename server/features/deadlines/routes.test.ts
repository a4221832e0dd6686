/** Deadline routes in-process: owners and editors set one, everyone in the group reads it. */
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

describe('deadline routes', () => {
  it('is set by the owner, read by a viewer, refused to a commenter and hidden from outsiders', async () => {
    const url = `/api/documents/${team.docId}/deadline`;
    const at = Date.UTC(2027, 2, 1, 16, 0);
    expect((await team.owner.request('PUT', url, { at })).status).toBe(200);
    expect((await team.viewer.get(url)).body).toMatchObject({ deadline: { documentId: team.docId, at, setBy: { name: 'Olga Owner' } } });
    expect((await team.commenter.request('PUT', url, { at: null })).status).toBe(403);
    expect((await team.outsider.get(url)).status).toBe(404);
    expect((await team.owner.request('PUT', url, { at: 'tomorrow' })).status).toBe(400);
  });
});
