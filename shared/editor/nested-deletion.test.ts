/**
 * suggestAs when the deleted text is someone else's suggested insertion: it stays, with their mark,
 * under the deleter's own deletion; one's own insertion is still withdrawn; review takes both apart.
 */
import { getSchema } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { editorSchemaExtensions } from './extensions.js';
import { reviewAllSuggestions, reviewSuggestion } from './review-suggestion.js';
import { suggestAs } from './suggest-as.js';
import { BLOCK_SUGGESTION_ATTR } from './suggestion-ids.js';

const schema = getSchema(editorSchemaExtensions());
const A = 'alice';
const B = 'bruno';

/** "Patients are " + A's insertion "all adult " + "enrolled.". */
function withInsertion(): EditorState {
  const ins = schema.marks.insertion!.create({ id: `${A}~a1` });
  const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('Patients are '), schema.text('all adult ', [ins]), schema.text('enrolled.')])]);
  return EditorState.create({ schema, doc });
}

const at = (doc: Node, text: string): number => {
  let found = -1;
  doc.descendants((node, pos) => {
    const i = node.isText ? (node.text ?? '').indexOf(text) : -1;
    if (found < 0 && i >= 0) found = pos + i;
    return found < 0;
  });
  if (found < 0) throw new Error(`no "${text}"`);
  return found;
};

/** Runs of text with their suggestion marks as `mark:author` strings. */
function runs(doc: Node): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const marks = node.marks.filter((m) => ['insertion', 'deletion', 'modification'].includes(m.type.name)).map((m) => `${m.type.name}:${String(m.attrs.id).split('~')[0]}`);
    const last = out[out.length - 1];
    if (last && last[1].join() === marks.join()) last[0] += node.text ?? '';
    else out.push([node.text ?? '', marks]);
    return false;
  });
  return out;
}

function suggest(state: EditorState, author: string, from: number, to: number): EditorState {
  const tracked = suggestAs(state.tr.delete(from, to), state, author);
  if (!tracked) throw new Error('refused');
  return state.apply(tracked);
}

const idOf = (state: EditorState, mark: string, author: string): string => {
  let id = '';
  state.doc.descendants((node) => {
    for (const m of node.marks) if (m.type.name === mark && String(m.attrs.id).startsWith(`${author}~`)) id = String(m.attrs.id);
    return true;
  });
  return id;
};

const review = (state: EditorState, id: string, accept: boolean): EditorState => state.apply(reviewSuggestion(state, id, accept)!);

describe('deleting inside someone else’s suggested insertion', () => {
  it('keeps the text with their insertion and adds one’s own deletion', () => {
    const state = withInsertion();
    const from = at(state.doc, 'adult');
    const after = suggest(state, B, from, from + 'adult'.length);
    expect(runs(after.doc)).toEqual([
      ['Patients are ', []],
      ['all ', ['insertion:alice']],
      ['adult', ['insertion:alice', 'deletion:bruno']],
      [' ', ['insertion:alice']],
      ['enrolled.', []],
    ]);
    // A's insertion keeps its one id throughout.
    expect(idOf(after, 'insertion', A)).toBe(`${A}~a1`);
  });

  it('across the edge of the insertion marks both parts as one deletion of one’s own', () => {
    const state = withInsertion();
    const from = at(state.doc, 'are ');
    const after = suggest(state, B, from, from + 'are all'.length);
    expect(runs(after.doc)).toEqual([
      ['Patients ', []],
      ['are ', ['deletion:bruno']],
      ['all', ['insertion:alice', 'deletion:bruno']],
      [' adult ', ['insertion:alice']],
      ['enrolled.', []],
    ]);
    const ids = new Set<string>();
    after.doc.descendants((node) => {
      for (const m of node.marks) if (m.type.name === 'deletion') ids.add(String(m.attrs.id));
      return true;
    });
    expect(ids.size).toBe(1);
  });

  it('typing over a word of someone else’s insertion deletes it as one’s own and inserts one’s own text after it', () => {
    const state = withInsertion();
    const from = at(state.doc, 'adult');
    const tracked = suggestAs(state.tr.insertText('young', from, from + 'adult'.length), state, B);
    expect(tracked).not.toBeNull();
    expect(runs(state.apply(tracked!).doc)).toEqual([
      ['Patients are ', []],
      ['all ', ['insertion:alice']],
      ['adult', ['insertion:alice', 'deletion:bruno']],
      ['young', ['insertion:bruno']],
      [' ', ['insertion:alice']],
      ['enrolled.', []],
    ]);
  });

  it('deleting inside one’s own insertion still withdraws it', () => {
    const state = withInsertion();
    const from = at(state.doc, 'adult ');
    const after = suggest(state, A, from, from + 'adult '.length);
    expect(after.doc.textContent).toBe('Patients are all enrolled.');
    expect(runs(after.doc)).toEqual([
      ['Patients are ', []],
      ['all ', ['insertion:alice']],
      ['enrolled.', []],
    ]);
  });

  it('a block someone else suggested inserting, deleted whole, gets one’s deletion on its text', () => {
    const ins = schema.marks.insertion!;
    const doc = schema.node('doc', null, [
      schema.node('paragraph', null, [schema.text('Kept.')]),
      schema.node('paragraph', { [BLOCK_SUGGESTION_ATTR]: { kind: 'insertion', id: `${A}~b1` } }, [schema.text('New block.', [ins.create({ id: `${A}~b1` })])]),
      schema.node('paragraph', null, [schema.text('Also kept.')]),
    ]);
    const state = EditorState.create({ schema, doc });
    const block = state.doc.child(0).nodeSize;
    const after = suggest(state, B, block, block + state.doc.child(1).nodeSize);
    expect(after.doc.childCount).toBe(3);
    expect(after.doc.child(1).attrs[BLOCK_SUGGESTION_ATTR]).toEqual({ kind: 'insertion', id: `${A}~b1` });
    expect(runs(after.doc)).toEqual([
      ['Kept.', []],
      ['New block.', ['insertion:alice', 'deletion:bruno']],
      ['Also kept.', []],
    ]);
  });

  describe('review', () => {
    const nested = () => {
      const state = withInsertion();
      const from = at(state.doc, 'adult ');
      const after = suggest(state, B, from, from + 'adult '.length);
      return { state: after, ins: idOf(after, 'insertion', A), del: idOf(after, 'deletion', B) };
    };

    it('accepting the deletion removes the text, the insertion of it with it', () => {
      const { state, ins, del } = nested();
      const after = review(state, del, true);
      expect(after.doc.textContent).toBe('Patients are all enrolled.');
      expect(runs(after.doc)).toEqual([
        ['Patients are ', []],
        ['all ', ['insertion:alice']],
        ['enrolled.', []],
      ]);
      expect(idOf(after, 'insertion', A)).toBe(ins);
    });

    it('rejecting the deletion removes only its mark', () => {
      const { state, ins, del } = nested();
      const after = review(state, del, false);
      expect(runs(after.doc)).toEqual([
        ['Patients are ', []],
        ['all adult ', ['insertion:alice']],
        ['enrolled.', []],
      ]);
      expect(idOf(after, 'insertion', A)).toBe(ins);
    });

    it('accepting the insertion leaves the deletion pending on plain text', () => {
      const { state, ins, del } = nested();
      const after = review(state, ins, true);
      expect(runs(after.doc)).toEqual([
        ['Patients are all ', []],
        ['adult ', ['deletion:bruno']],
        ['enrolled.', []],
      ]);
      expect(idOf(after, 'deletion', B)).toBe(del);
    });

    it('rejecting the insertion removes the text and the deletion with it', () => {
      const { state, ins } = nested();
      const after = review(state, ins, false);
      expect(after.doc.textContent).toBe('Patients are enrolled.');
      expect(runs(after.doc)).toEqual([['Patients are enrolled.', []]]);
    });

    it('accept all drops the text; reject all keeps the document as it was', () => {
      const { state } = nested();
      expect(state.apply(reviewAllSuggestions(state, true)!).doc.textContent).toBe('Patients are all enrolled.');
      expect(state.apply(reviewAllSuggestions(state, false)!).doc.textContent).toBe('Patients are enrolled.');
    });
  });
});
