/** Export routes in-process: each format as an attachment; an unknown or repeated format is a 400. */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/auth/api-client.js';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';
import { writeLines } from '../../../test/helpers/in-process-text.js';

const ctx = useInProcessTeam('Dose finding');

beforeAll(async () => {
  await writeLines(ctx.app, ctx.team.docId, 'Start at 5 mg.');
});

describe('export routes', () => {
  it('exports Markdown by default and each format on request', async () => {
    const base = `/api/documents/${ctx.team.docId}/export`;
    const md = await ctx.team.viewer.get(base);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toContain('attachment');
    expect(String(md.body)).toContain('Start at 5 mg.');
    for (const format of ['html', 'docx']) expect((await ctx.team.viewer.get(`${base}?format=${format}`)).status, format).toBe(200);
  });

  it('answers 400 for an unknown or repeated format and 404 outside the group', async () => {
    const base = `/api/documents/${ctx.team.docId}/export`;
    for (const query of ['?format=odt', '?format=', '?format=md&format=html']) {
      const answer = await ctx.team.owner.get(`${base}${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).fields, query).toHaveProperty('format');
    }
    expect((await ctx.team.outsider.get(base)).status).toBe(404);
  });
});
