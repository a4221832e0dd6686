import { getSchema } from '@tiptap/core';
import { Document } from '@tiptap/extension-document';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Text } from '@tiptap/extension-text';
import { describe, expect, it } from 'vitest';
import { Figure, figureNumbers, figureSrcParts, isFigureSrc } from './figure.js';

const hash = 'a'.repeat(64);

describe('figure', () => {
  it('accepts only a stored file of a document as its image', () => {
    expect(isFigureSrc(`/api/documents/doc_1/files/${hash}`)).toBe(true);
    expect(isFigureSrc('https://evil.example/x.png')).toBe(false);
    expect(isFigureSrc('data:image/png;base64,AAAA')).toBe(false);
    expect(isFigureSrc(`/api/documents/doc_1/files/${hash}/../x`)).toBe(false);
  });

  it('names the document and file a source points at, and nothing for other sources', () => {
    expect(figureSrcParts(`/api/documents/doc_1/files/${hash}`)).toEqual({ docId: 'doc_1', fileId: hash });
    expect(figureSrcParts('https://evil.example/api/documents/doc_1/files/x')).toBeNull();
    expect(figureSrcParts(null)).toBeNull();
  });

  it('numbers figures by their order, so numbers follow moves', () => {
    expect([...figureNumbers(['b', 'a', 'c']).entries()]).toEqual([['b', 1], ['a', 2], ['c', 3]]);
    expect(figureNumbers(['a', 'b']).get('b')).toBe(2);
    expect(figureNumbers(['b', 'a']).get('b')).toBe(1);
  });

  it('holds a caption as its inline content', () => {
    const schema = getSchema([Document, Paragraph, Text, Figure]);
    const node = schema.nodeFromJSON({
      type: 'doc',
      content: [{ type: 'figure', attrs: { id: 'f1', src: `/api/documents/d/files/${hash}` }, content: [{ type: 'text', text: 'Gel' }] }],
    });
    expect(node.firstChild?.type.name).toBe('figure');
    expect(node.firstChild?.textContent).toBe('Gel');
    node.check();
  });

  it('fetches its image from the stored address, or where the page says (a read-only link adds its token)', () => {
    const src = `/api/documents/d/files/${hash}`;
    const imageOf = (figure: typeof Figure) => {
      const schema = getSchema([Document, Paragraph, Text, figure]);
      const node = schema.nodes.figure!.create({ id: 'f1', src }, schema.text('Gel'));
      const spec = schema.nodes.figure!.spec.toDOM!(node) as unknown as [string, unknown, [string, { src: string }]];
      return spec[2][1].src;
    };
    expect(imageOf(Figure)).toBe(src);
    expect(imageOf(Figure.configure({ imageUrl: (s) => `${s}?link=abc.def` }))).toBe(`${src}?link=abc.def`);
  });
});
