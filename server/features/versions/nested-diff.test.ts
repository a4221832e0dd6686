/**
 * Compare with nested suggestions: text one reviewer suggested inserting and another suggests deleting
 * (shared/editor/nested-deletion.ts) is drawn as both, and both suggestions are listed as new.
 */
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { compareDocuments } from './diff.js';
import { comparisonPeople, presentComparison } from './presenters.js';

const ANA = 'ana~ins1';
const BEN = 'ben~del1';

const text = (value: string, marks: Array<[string, string]> = []): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length > 0 ? { marks: marks.map(([type, id]) => ({ type, attrs: { id } })) } : {}),
});
const paragraph = (content: JSONContent[], blockSuggestion?: unknown): JSONContent => ({ type: 'paragraph', ...(blockSuggestion ? { attrs: { blockSuggestion } } : {}), content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

describe('compareDocuments with a deletion inside someone else’s suggested insertion', () => {
  const before = doc(paragraph([text('Adults '), text('over 60 ', [['insertion', ANA]]), text('are enrolled.')]));

  it('draws the text as the first reviewer’s insertion and the second reviewer’s deletion, and lists the deletion as new', () => {
    const after = doc(
      paragraph([
        text('Adults '),
        text('over ', [['insertion', ANA]]),
        text('60', [['insertion', ANA], ['deletion', BEN]]),
        text(' ', [['insertion', ANA]]),
        text('are enrolled.'),
      ]),
    );
    const c = compareDocuments(before, after);
    expect(c.insertions + c.deletions).toBe(0);
    expect(c.blocks).toEqual([
      {
        op: 'change',
        type: 'paragraph',
        segments: [
          { op: 'equal', text: 'Adults ' },
          { op: 'suggest-insert', text: 'over ', suggestionId: ANA },
          { op: 'suggest-insert', text: '60', suggestionId: ANA, deletionId: BEN },
          { op: 'suggest-insert', text: ' ', suggestionId: ANA },
          { op: 'equal', text: 'are enrolled.' },
        ],
      },
    ]);
    expect(c.suggestions).toEqual([{ id: BEN, authorId: 'ben', inserted: '', deleted: '60' }]);

    const people = new Map([
      ['ana', { id: 'ana', name: 'Ana' }],
      ['ben', { id: 'ben', name: 'Ben' }],
    ]);
    expect(comparisonPeople(c).sort()).toEqual(['ana', 'ben']);
    const shown = presentComparison(c, people);
    expect(shown.blocks[0]?.segments[2]).toEqual({
      op: 'suggest-insert',
      text: '60',
      suggestionId: ANA,
      suggestedBy: { id: 'ana', name: 'Ana' },
      deletionId: BEN,
      deletedBy: { id: 'ben', name: 'Ben' },
    });
    expect(shown.suggestions).toEqual([{ id: BEN, by: { id: 'ben', name: 'Ben' }, inserted: '', deleted: '60' }]);
  });

  it('keeps a deletion inside a suggested inserted block as that block’s insertion, never as accepted text', () => {
    const after = doc(
      paragraph([text('Adults are enrolled.')]),
      paragraph([text('Sites: '), text('Lyon', [['deletion', BEN]]), text('.')], { kind: 'insertion', id: ANA }),
    );
    const c = compareDocuments(doc(paragraph([text('Adults are enrolled.')])), after);
    expect(c.insertions + c.deletions).toBe(0);
    expect(c.blocks[1]).toEqual({
      op: 'change',
      type: 'paragraph',
      segments: [
        { op: 'suggest-insert', text: 'Sites: ', suggestionId: ANA },
        { op: 'suggest-insert', text: 'Lyon', suggestionId: ANA, deletionId: BEN },
        { op: 'suggest-insert', text: '.', suggestionId: ANA },
      ],
    });
    expect(c.suggestions).toEqual([
      { id: ANA, authorId: 'ana', inserted: 'Sites: Lyon .', deleted: '' },
      { id: BEN, authorId: 'ben', inserted: '', deleted: 'Lyon' },
    ]);
  });

  it('an unchanged nested deletion is no new suggestion', () => {
    const nested = doc(paragraph([text('Adults '), text('over 60 ', [['insertion', ANA], ['deletion', BEN]]), text('are enrolled.')]));
    const c = compareDocuments(nested, nested);
    expect(c.blocks.map((b) => b.op)).toEqual(['equal']);
    expect(c.suggestions).toEqual([]);
  });
});
