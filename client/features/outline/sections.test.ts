import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { schemaExtensions } from '../../../shared/editor/extensions.js';
import { sectionsOf } from './sections';

const schema = getSchema(schemaExtensions());
const heading = (level: number, text: string, wordLimit: number | null = null) => ({ type: 'heading', attrs: { level, wordLimit }, content: [{ type: 'text', text }] });
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('sectionsOf', () => {
  it('counts each section up to the next heading of the same or a higher level, subsections included', () => {
    const doc = Node.fromJSON(schema, {
      type: 'doc',
      content: [
        heading(1, 'Proposal'),
        paragraph('one two'),
        heading(2, 'Aims', 5),
        paragraph('alpha beta gamma'),
        heading(3, 'Aim 1'),
        paragraph('delta epsilon zeta'),
        heading(2, 'Budget', 10),
        paragraph('  spaced   words  '),
      ],
    });
    expect(sectionsOf(doc).map((s) => [s.title, s.words, s.limit, s.over])).toEqual([
      ['Proposal', 10, null, false],
      ['Aims', 6, 5, true],
      ['Aim 1', 3, null, false],
      ['Budget', 2, 10, false],
    ]);
  });
});
