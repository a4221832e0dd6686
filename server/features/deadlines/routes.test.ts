/** Deadline routes in-process: owners and editors set one, everyone in the group reads it. */
import { describe, expect, it } from 'vitest';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';

const ctx = useInProcessTeam();

describe('deadline routes', () => {
  it('is set by the owner, read by a viewer, refused to a commenter and hidden from outsiders', async () => {
    const url = `/api/documents/${ctx.team.docId}/deadline`;
    const at = Date.UTC(2027, 2, 1, 16, 0);
    expect((await ctx.team.owner.request('PUT', url, { at })).status).toBe(200);
    expect((await ctx.team.viewer.get(url)).body).toMatchObject({ deadline: { documentId: ctx.team.docId, at, setBy: { name: 'Olga Owner' } } });
    expect((await ctx.team.commenter.request('PUT', url, { at: null })).status).toBe(403);
    expect((await ctx.team.outsider.get(url)).status).toBe(404);
    expect((await ctx.team.owner.request('PUT', url, { at: 'tomorrow' })).status).toBe(400);
  });
});
