/** Readers show the server's name for each author id, whatever name the comment carries. */
import { describe, expect, it } from 'vitest';
import { authorIds, namesById, withServerNames } from './authors.js';
import type { ThreadData } from './threads.js';

const thread: ThreadData = {
  id: 't',
  anchor: { start: null, end: null },
  quote: 'q',
  createdBy: { id: 'eda', name: 'Olga Owner' },
  createdAt: 1,
  resolved: true,
  resolvedBy: { id: 'cem', name: 'Olga Owner' },
  resolvedAt: 3,
  comments: [
    { id: 'c1', author: { id: 'eda', name: 'Olga Owner' }, body: 'Approve?', mentions: [], createdAt: 1 },
    { id: 'c2', author: { id: 'gone', name: 'Gus Gone' }, body: 'Yes.', mentions: [], createdAt: 2 },
  ],
};

describe('withServerNames', () => {
  it('replaces every stored name with the known one, and keeps it for ids nobody knows', () => {
    const names = namesById([
      { id: 'eda', name: 'Eda Editor' },
      { id: 'cem', name: 'Cem Commenter' },
    ]);
    const shown = withServerNames(thread, names);
    expect(shown.createdBy.name).toBe('Eda Editor');
    expect(shown.resolvedBy?.name).toBe('Cem Commenter');
    expect(shown.comments.map((c) => c.author.name)).toEqual(['Eda Editor', 'Gus Gone']);
    expect(thread.createdBy.name).toBe('Olga Owner');
  });

  it('lists each author id once', () => {
    expect([...authorIds(thread)].sort()).toEqual(['cem', 'eda', 'gone']);
  });
});
