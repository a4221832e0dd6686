/** Activity routes in-process: the group's list with its paging parameters validated. */
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/auth/api-client.js';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';

const ctx = useInProcessTeam();

describe('activity routes', () => {
  it('lists a named version as activity, newest first, with a limit', async () => {
    await ctx.team.owner.post(`/api/documents/${ctx.team.docId}/versions`, { name: 'Submitted' });
    await ctx.team.owner.post(`/api/documents/${ctx.team.docId}/versions`, { name: 'Resubmitted' });
    const answer = await ctx.team.viewer.get(`/api/workspaces/${ctx.team.workspaceId}/activity?limit=1`);
    expect(answer.status).toBe(200);
    const { activity } = answer.body as { activity: Array<{ kind: string; detail: string; user: { name: string } }> };
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({ kind: 'version', detail: 'Resubmitted', user: { name: 'Olga Owner' } });
    const older = await ctx.team.viewer.get(`/api/workspaces/${ctx.team.workspaceId}/activity?before=0`);
    expect((older.body as { activity: unknown[] }).activity).toEqual([]);
  });

  it('answers 400 for a bad limit or timestamp and 404 outside the group', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=1.5', 'limit=ten', 'before=soon', 'limit=1&limit=2']) {
      const answer = await ctx.team.owner.get(`/api/workspaces/${ctx.team.workspaceId}/activity?${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).code, query).toBe('invalid_input');
    }
    expect((await ctx.team.outsider.get(`/api/workspaces/${ctx.team.workspaceId}/activity`)).status).toBe(404);
  });
});
