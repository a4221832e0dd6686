/** Compare with suggestion marks: suggestions are drawn as such and never counted as accepted words. */
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { compareDocuments } from './diff.js';

type Piece = string | { ins: string } | { del: string };

const ID = 'cem~abc';

/** A document of paragraphs, each a list of plain text and suggested insertions/deletions by ID. */
function doc(...paragraphs: Piece[][]): JSONContent {
  const text = (p: Piece): JSONContent =>
    typeof p === 'string'
      ? { type: 'text', text: p }
      : 'ins' in p
        ? { type: 'text', text: p.ins, marks: [{ type: 'insertion', attrs: { id: ID } }] }
        : { type: 'text', text: p.del, marks: [{ type: 'deletion', attrs: { id: ID } }] };
  return { type: 'doc', content: paragraphs.map((pieces) => ({ type: 'paragraph', content: pieces.map(text) })) };
}

describe('compareDocuments with suggestions', () => {
  it('shows a suggested insertion and deletion as suggestions, counting no words', () => {
    const before = doc(['Adults over 60 are enrolled.']);
    const after = doc(['Adults ', { del: 'over 60' }, ' are ', { ins: 'usually ' }, 'enrolled.']);
    const c = compareDocuments(before, after);
    expect(c.insertions).toBe(0);
    expect(c.deletions).toBe(0);
    expect(c.blocks).toHaveLength(1);
    expect(c.blocks[0]?.op).toBe('change');
    expect(c.blocks[0]?.segments).toEqual([
      { op: 'equal', text: 'Adults ' },
      { op: 'suggest-delete', text: 'over 60', suggestionId: ID },
      { op: 'equal', text: ' are ' },
      { op: 'suggest-insert', text: 'usually ', suggestionId: ID },
      { op: 'equal', text: 'enrolled.' },
    ]);
    expect(c.suggestions).toEqual([{ id: ID, authorId: 'cem', inserted: 'usually', deleted: 'over 60' }]);
  });

  it('shows accepted suggestions as the real change', () => {
    const before = doc(['Adults ', { del: 'over 60' }, ' are ', { ins: 'usually ' }, 'enrolled.']);
    const after = doc(['Adults  are usually enrolled.']);
    const c = compareDocuments(before, after);
    expect(c.insertions).toBe(1);
    expect(c.deletions).toBe(2);
    expect(c.suggestions).toEqual([]);
    const segments = c.blocks[0]?.segments ?? [];
    expect(segments.filter((s) => s.op === 'insert').map((s) => s.text).join('')).toContain('usually');
    expect(segments.filter((s) => s.op === 'delete').map((s) => s.text).join('')).toContain('over 60');
    expect(segments.some((s) => s.op.startsWith('suggest'))).toBe(false);
  });

  it('shows an accepted edit beside a new suggestion, and a suggested paragraph as a proposal', () => {
    const before = doc(['Recruitment opens in March.']);
    const after = doc(['Recruitment opens in April ', { ins: 'or May' }, '.'], [{ ins: '\u200BSites: Lyon.' }]);
    const c = compareDocuments(before, after);
    expect(c.insertions).toBe(1);
    expect(c.deletions).toBe(1);
    expect(c.blocks[0]?.segments).toEqual(
      expect.arrayContaining([{ op: 'delete', text: 'March' }, { op: 'suggest-insert', text: 'or May', suggestionId: ID }]),
    );
    expect(c.blocks[1]).toEqual({ op: 'change', type: 'paragraph', segments: [{ op: 'suggest-insert', text: 'Sites: Lyon.', suggestionId: ID }] });
  });

  it('keeps unchanged suggestions in unchanged blocks, and a rejected one leaves nothing behind', () => {
    const open = doc(['Adults ', { ins: 'only' }], [{ ins: 'New paragraph.' }]);
    const same = compareDocuments(open, open);
    expect(same.blocks.map((b) => b.op)).toEqual(['equal', 'equal']);
    expect(same.blocks[0]?.segments).toEqual([{ op: 'equal', text: 'Adults ' }, { op: 'suggest-insert', text: 'only', suggestionId: ID }]);
    expect(same.suggestions).toEqual([]);
    const rejected = compareDocuments(open, doc(['Adults ']));
    expect(rejected.insertions + rejected.deletions).toBe(0);
    expect(rejected.blocks.every((b) => b.op === 'equal')).toBe(true);
  });

  it('shows block suggestions as suggestions: an inserted block’s text, a deleted block’s, a retyped block at its former type', () => {
    const para = (text: string, blockSuggestion?: unknown): JSONContent => ({ type: 'paragraph', ...(blockSuggestion ? { attrs: { blockSuggestion } } : {}), content: [{ type: 'text', text }] });
    const before: JSONContent = { type: 'doc', content: [para('Patients are enrolled.'), para('Imaging every 8 weeks.')] };
    const after: JSONContent = {
      type: 'doc',
      content: [
        { type: 'table', attrs: { blockSuggestion: { kind: 'insertion', id: ID } }, content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [para('Site')] }] }] },
        { type: 'heading', attrs: { level: 2, blockSuggestion: { kind: 'type', id: ID, from: { type: 'paragraph', attrs: {} } } }, content: [{ type: 'text', text: 'Patients are enrolled.' }] },
        para('Imaging every 8 weeks.', { kind: 'deletion', id: ID }),
      ],
    };
    const c = compareDocuments(before, after);
    expect(c.insertions).toBe(0);
    expect(c.deletions).toBe(0);
    expect(c.blocks).toEqual([
      { op: 'change', type: 'paragraph', segments: [{ op: 'suggest-insert', text: 'Site', suggestionId: ID }] },
      { op: 'equal', type: 'paragraph', segments: [{ op: 'equal', text: 'Patients are enrolled.' }] },
      { op: 'change', type: 'paragraph', segments: [{ op: 'suggest-delete', text: 'Imaging every 8 weeks.', suggestionId: ID }] },
    ]);
    expect(c.suggestions).toEqual([{ id: ID, authorId: 'cem', inserted: 'Site', deleted: 'Imaging every 8 weeks.' }]);
  });
});
