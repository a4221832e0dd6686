/** Search routes in-process: hits within your groups only, and query validation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/auth/api-client.js';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

const ctx = useInProcessTeam();

beforeAll(async () => {
  await writeLines(ctx.app, ctx.team.docId, 'Echocardiography every six weeks.');
  await ctx.app.services.search.indexDocument(ctx.team.docId);
});

describe('search routes', () => {
  it('finds the text for members and nothing for others', async () => {
    const hits = (await ctx.team.viewer.get('/api/search?q=echocardiography')).body as { results: Array<{ documentId: string }> };
    expect(hits.results.map((r) => r.documentId)).toEqual([ctx.team.docId]);
    const mine = (await ctx.team.outsider.get('/api/search?q=echocardiography')).body as { results: unknown[] };
    expect(mine.results).toEqual([]);
    expect((await ctx.team.outsider.get(`/api/search?q=echocardiography&workspace=${ctx.team.workspaceId}`)).status).toBe(404);
  });

  it('answers 400 for an empty, blank, overlong or repeated query', async () => {
    for (const query of ['', '?q=', '?q=%20%20', `?q=${'a'.repeat(201)}`, '?q=a&q=b', `?q=a&workspace=${ctx.team.workspaceId}&workspace=x`]) {
      const answer = await ctx.team.owner.get(`/api/search${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).code, query).toBe('invalid_input');
    }
  });
});
