/** Recent documents in-process: across groups, opened ones first, by title, never others' or trashed. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecentView } from '../../../shared/api/recent.js';
import { errorOf } from '../../../test/auth/api-client.js';
import { useInProcessTeam } from '../../../test/helpers/in-process.js';
import { containsPattern } from './store.js';

const ctx = useInProcessTeam('Sepsis bundle');
let otherGroupDoc = '';
let underscoreDoc = '';

beforeAll(async () => {
  // A second group of the owner's, with two documents; the outsider has a group of their own.
  const second = await ctx.team.owner.workspace('Grant office');
  otherGroupDoc = await ctx.team.owner.document(second, 'ERC proposal 2027');
  underscoreDoc = await ctx.team.owner.document(second, 'budget_v2 100%');
  const theirs = await ctx.team.outsider.workspace('Their lab');
  await ctx.team.outsider.document(theirs, 'Their sepsis notes');
});

const recent = async (who: typeof ctx.team.owner, query = '') => {
  const answer = await who.get(`/api/recent${query}`);
  if (answer.status !== 200) throw new Error(`recent ${answer.status}: ${JSON.stringify(answer.body)}`);
  return (answer.body as RecentView).documents;
};

describe('recent documents', () => {
  it('lists documents of every group you belong to, the ones you opened most recently first', async () => {
    const before = await recent(ctx.team.owner);
    expect(before.map((d) => d.id).sort()).toEqual([ctx.team.docId, otherGroupDoc, underscoreDoc].sort());
    expect(before.every((d) => d.visitedAt === null)).toBe(true);

    expect((await ctx.team.owner.post(`/api/documents/${ctx.team.docId}/visit`)).status).toBeLessThan(300);
    const after = await recent(ctx.team.owner);
    expect(after[0]).toMatchObject({ id: ctx.team.docId, title: 'Sepsis bundle', workspace: { id: ctx.team.workspaceId } });
    expect(after[0]?.visitedAt).toEqual(expect.any(Number));
    expect(after[0]?.workspace.name).toEqual(expect.any(String));
  });

  it('narrows by any part of the title, in any case, with wildcards taken literally', async () => {
    expect((await recent(ctx.team.owner, '?q=PROPOSAL')).map((d) => d.id)).toEqual([otherGroupDoc]);
    expect((await recent(ctx.team.owner, '?q=_v2')).map((d) => d.id)).toEqual([underscoreDoc]);
    expect((await recent(ctx.team.owner, '?q=100%25')).map((d) => d.id)).toEqual([underscoreDoc]);
    expect(await recent(ctx.team.owner, '?q=%25')).toHaveLength(1);
    expect(await recent(ctx.team.owner, '?q=nothing-like-it')).toEqual([]);
    expect(containsPattern('a_b%c\\')).toBe('%a\\_b\\%c\\\\%');
  });

  it("never shows other people's groups or the trash, and checks its query", async () => {
    expect((await recent(ctx.team.outsider, '?q=sepsis')).map((d) => d.title)).toEqual(['Their sepsis notes']);
    expect((await recent(ctx.team.viewer)).map((d) => d.id)).toEqual([ctx.team.docId]);
    expect((await ctx.team.owner.delete(`/api/documents/${underscoreDoc}`)).status).toBe(200);
    expect((await recent(ctx.team.owner)).map((d) => d.id)).not.toContain(underscoreDoc);
    for (const query of ['?limit=0', '?limit=51', '?limit=x', `?q=${'a'.repeat(201)}`, '?q=a&q=b']) {
      const answer = await ctx.team.owner.get(`/api/recent${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorOf(answer).code, query).toBe('invalid_input');
    }
  });
});
