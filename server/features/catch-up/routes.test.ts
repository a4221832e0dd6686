/** Catch-up routes in-process: nothing on a first visit, then what changed since the recorded visit. */
import { describe, expect, it } from 'vitest';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

const ctx = useInProcessTeam();

describe('catch-up routes', () => {
  it('shows the change made since the last visit', async () => {
    const base = `/api/documents/${ctx.team.docId}`;
    await writeLines(ctx.app, ctx.team.docId, 'Inclusion: adults.');
    expect((await ctx.team.viewer.get(`${base}/catch-up`)).body).toMatchObject({ lastVisitAt: null, blocks: [] });
    expect((await ctx.team.viewer.post(`${base}/visit`)).status).toBe(200);
    await writeLines(ctx.app, ctx.team.docId, 'Inclusion: adults over 60.');
    const view = (await ctx.team.viewer.get(`${base}/catch-up`)).body as { lastVisitAt: number; insertions: number; blocks: unknown[] };
    expect(view.lastVisitAt).toEqual(expect.any(Number));
    expect(view.insertions).toBeGreaterThan(0);
    expect(view.blocks.length).toBeGreaterThan(0);
    expect((await ctx.team.outsider.get(`${base}/catch-up`)).status).toBe(404);
    expect((await ctx.team.outsider.post(`${base}/visit`)).status).toBe(404);
  });
});
