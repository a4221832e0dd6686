import { describe, expect, it } from 'vitest';
import { activeQuery, keepMentions, matchPeople, mentionSegments, replaceQuery } from './mention-query';

const people = [
  { id: 'p', name: 'Dr. Priya Raman', email: 'priya@aiims.example' },
  { id: 't', name: 'Tom Baker', email: 'tbaker@ucl.example' },
  { id: 'me', name: 'Ada Self', email: 'ada@ucl.example' },
];

describe('mention picker helpers', () => {
  it('finds the @query at the caret, only after a space or at the start', () => {
    expect(activeQuery('Ask @Pri', 8)).toEqual({ start: 4, query: 'Pri' });
    expect(activeQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeQuery('mail a@b', 8)).toBeNull();
    expect(activeQuery('no mention', 10)).toBeNull();
    expect(activeQuery('@Tom\nnext', 9)).toBeNull();
  });

  it('narrows by name and email and never offers yourself', () => {
    expect(matchPeople(people, 'pri', 'me').map((p) => p.id)).toEqual(['p']);
    expect(matchPeople(people, 'ucl', 'me').map((p) => p.id)).toEqual(['t']);
    expect(matchPeople(people, '', 'me').map((p) => p.id)).toEqual(['p', 't']);
    expect(matchPeople(people, 'zzz', 'me')).toEqual([]);
  });

  it('replaces the typed @query by the name', () => {
    expect(replaceQuery('Ask @Pri now', 4, 8, 'Dr. Priya Raman')).toEqual({ text: 'Ask @Dr. Priya Raman  now', caret: 21, span: { start: 4, length: 16 } });
  });

  it('moves spans after edits elsewhere and drops a mention whose text changed', () => {
    const m = { mentionId: 'm1', userId: 't', start: 4, length: 4 };
    expect(keepMentions('Hi, @Tom', 'Oh hi, @Tom', [{ ...m }])).toEqual([{ ...m, start: 7 }]);
    expect(keepMentions('Hi, @Tom ok', 'Hi, @Tom ok!', [m])).toEqual([m]);
    expect(keepMentions('Hi, @Tom', 'Hi, @To', [m])).toEqual([]);
  });

  it('highlights only the stored spans, not a name-like start of a comment', () => {
    expect(mentionSegments('@Tom is late', [])).toEqual([{ text: '@Tom is late', userId: null }]);
    expect(mentionSegments('@Tom is late', [{ mentionId: 'm', userId: 't', start: 0, length: 4 }])).toEqual([
      { text: '@Tom', userId: 't' },
      { text: ' is late', userId: null },
    ]);
    expect(mentionSegments('oops', [{ mentionId: 'm', userId: 't', start: 2, length: 9 }])).toEqual([{ text: 'oops', userId: null }]);
  });
});
