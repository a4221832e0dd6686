/** Version routes in-process: naming, viewing, comparing, restoring; query validation and 404 hiding. */
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/auth/api-client.js';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

const ctx = useInProcessTeam();

describe('versions routes', () => {
  it('names a version, compares it with the current text and restores it', async () => {
    const base = `/api/documents/${ctx.team.docId}`;
    await writeLines(ctx.app, ctx.team.docId, 'Aim: measure the effect.');
    const named = await ctx.team.owner.post(`${base}/versions`, { name: 'First draft' });
    expect(named.status).toBe(201);
    const versionId = (named.body as { version: { id: string; name: string } }).version.id;
    await writeLines(ctx.app, ctx.team.docId, 'Aim: measure the effect twice.');

    const compared = await ctx.team.viewer.get(`${base}/compare?from=${versionId}&to=current`);
    expect(compared.status).toBe(200);
    expect(compared.body).toMatchObject({ from: versionId, to: 'current', insertions: expect.any(Number) });
    expect((compared.body as { insertions: number }).insertions).toBeGreaterThan(0);

    expect((await ctx.team.commenter.post(`${base}/versions/${versionId}/restore`)).status).toBe(403);
    expect((await ctx.team.owner.post(`${base}/versions/${versionId}/restore`)).status).toBe(200);
    const list = (await ctx.team.viewer.get(`${base}/versions`)).body as { versions: Array<{ kind: string }> };
    expect(list.versions.map((v) => v.kind)).toEqual(expect.arrayContaining(['named', 'before-restore', 'restored']));
  });

  it('answers 400 for a missing or repeated comparison parameter, and 404 outside the group', async () => {
    const base = `/api/documents/${ctx.team.docId}`;
    const missing = await ctx.team.owner.get(`${base}/compare`);
    expect(missing.status).toBe(400);
    expect(errorOf(missing).fields).toHaveProperty('from');
    const repeated = await ctx.team.owner.get(`${base}/compare?from=a&from=b`);
    expect(repeated.status).toBe(400);
    expect((await ctx.team.owner.get(`${base}/compare?from=nope`)).status).toBe(404);
    expect((await ctx.team.outsider.get(`${base}/versions`)).status).toBe(404);
    expect((await ctx.team.outsider.get(`${base}/compare?from=current`)).status).toBe(404);
  });
});
