/** The comments route in-process: members read the threads (none yet), outsiders get a 404. */
import { describe, expect, it } from 'vitest';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';

const ctx = useInProcessTeam();

describe('comments route', () => {
  it('lists the threads to members and hides the document from outsiders', async () => {
    expect((await ctx.team.viewer.get(`/api/documents/${ctx.team.docId}/comments`)).body).toEqual({ threads: [] });
    expect((await ctx.team.outsider.get(`/api/documents/${ctx.team.docId}/comments`)).status).toBe(404);
  });
});
