import type { JSONContent } from '@tiptap/core';
import {
  Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun,
} from 'docx';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromDocx } from './docx-import.js';
import { toDocx } from './docx-export.js';
import { ImportError } from './errors.js';
import { everyNodeDocument } from './fixtures/every-node.js';
import { normaliseJson } from './schema.js';
import { applyJsonToDoc, docToJson } from './ydoc.js';

/** Node types in document order, depth first. */
function types(node: JSONContent): string[] {
  return [node.type ?? '?', ...(node.content ?? []).flatMap(types)];
}

describe('DOCX', () => {
  it('round-trips every node and mark through Word: JSON -> Y.Doc -> DOCX -> mammoth -> JSON', async () => {
    const doc = new Y.Doc();
    applyJsonToDoc(doc, everyNodeDocument);
    const bytes = await toDocx(docToJson(doc), { title: 'Cryo-EM' });
    doc.destroy();

    expect(await fromDocx(bytes)).toEqual(normaliseJson(everyNodeDocument));
  });

  it('is a real Word file that a plain DOCX reader understands without our style map', async () => {
    const bytes = await toDocx(everyNodeDocument, { title: 'Cryo-EM' });
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK');
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(html).toContain('<h2>');
    expect(html).toMatch(/<ul><li>Thaw the sample<ul><li>On ice, 10 minutes<\/li><\/ul><\/li>/);
    expect(html).toContain('<ol><li>Glow-discharge</li>');
    expect(html).toContain('<thead><tr><th><p>Item</p></th>');
    expect(html).toContain('<a href="https://example.org/protocols">link</a>');
    // What a reader without our mapping sees of math: the LaTeX between dollar signs.
    expect(html).toContain('$E = mc^2$');
    expect(html).toContain('<input type="checkbox" checked="checked" />');
  });

  it('imports a Word document that was not made by Confer: headings, lists, tables, links, emphasis', async () => {
    const word = new Document({
      numbering: {
        config: [
          { reference: 'dots', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•' }] },
          { reference: 'steps', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Ward round checklist')] }),
            new Paragraph({
              children: [
                new TextRun({ text: 'Read ', italics: true }),
                new ExternalHyperlink({ link: 'https://nice.org.uk', children: [new TextRun('the guidance')] }),
                new TextRun({ text: ' first.', bold: true }),
              ],
            }),
            new Paragraph({ text: 'Check allergies', numbering: { reference: 'dots', level: 0 } }),
            new Paragraph({ text: 'Review drug chart', numbering: { reference: 'dots', level: 0 } }),
            new Paragraph({ text: 'Examine', numbering: { reference: 'steps', level: 0 } }),
            new Table({
              rows: [
                new TableRow({ tableHeader: true, children: [new TableCell({ children: [new Paragraph('Bed')] })] }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph('12')] })] }),
              ],
            }),
          ],
        },
      ],
    });
    const json = await fromDocx(new Uint8Array(await Packer.toBuffer(word)));

    expect(types(json)).toEqual([
      'doc',
      'heading', 'text',
      'paragraph', 'text', 'text', 'text',
      'bulletList', 'listItem', 'paragraph', 'text', 'listItem', 'paragraph', 'text',
      'orderedList', 'listItem', 'paragraph', 'text',
      'table', 'tableRow', 'tableHeader', 'paragraph', 'text', 'tableRow', 'tableCell', 'paragraph', 'text',
    ]);
    expect(json.content?.[1]?.content).toEqual([
      { type: 'text', text: 'Read ', marks: [{ type: 'italic' }] },
      {
        type: 'text',
        text: 'the guidance',
        marks: [{ type: 'link', attrs: expect.objectContaining({ href: 'https://nice.org.uk' }) }],
      },
      { type: 'text', text: ' first.', marks: [{ type: 'bold' }] },
    ]);
  });

  it('drops links with unsafe schemes from imported Word files', async () => {
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('click me')] })],
            }),
          ],
        },
      ],
    });
    const json = await fromDocx(new Uint8Array(await Packer.toBuffer(word)));
    expect(json).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click me' }] }] });
  });

  it('refuses files that are not DOCX with an ImportError', async () => {
    await expect(fromDocx(new TextEncoder().encode('not a zip'))).rejects.toBeInstanceOf(ImportError);
    await expect(fromDocx(new Uint8Array(11 * 1024 * 1024))).rejects.toMatchObject({ code: 'too-large' });
  });
});
