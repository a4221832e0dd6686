import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { everyNodeDocument } from './fixtures/every-node.js';
import { exportDocument, fileBaseName, ImportError, importDocument, importKindOf, toPlainText } from './index.js';
import { normaliseJson } from './schema.js';
import { applyJsonToDoc, docToJson } from './ydoc.js';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('text layer entry points', () => {
  it('exports a live document in each format with its media type and a safe file name', async () => {
    const doc = new Y.Doc();
    applyJsonToDoc(doc, everyNodeDocument);

    const md = await exportDocument(doc, 'md', 'Cryo-EM: grids / v2');
    expect(md).toMatchObject({ contentType: 'text/markdown; charset=utf-8', fileName: 'Cryo-EM- grids - v2.md' });
    expect(decode(md.body)).toContain('# Cryo-EM grid preparation');

    const html = await exportDocument(Y.encodeStateAsUpdate(doc), 'html', 'Cryo-EM');
    expect(html.contentType).toBe('text/html; charset=utf-8');
    expect(decode(html.body)).toContain('<title>Cryo-EM</title>');

    const docx = await exportDocument(docToJson(doc), 'docx', 'Cryo-EM');
    expect(docx.fileName).toBe('Cryo-EM.docx');
    expect((await mammoth.extractRawText({ buffer: Buffer.from(docx.body) })).value).toContain('Book the microscope');
    doc.destroy();
  });

  it('imports Markdown and DOCX files into a Yjs update, with a title from the first heading', async () => {
    const fromMd = await importDocument('md', new TextEncoder().encode('\uFEFF# Trial plan\r\n\r\n- [x] Ethics\r\n'));
    expect(fromMd.title).toBe('Trial plan');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, fromMd.update);
    expect(docToJson(replica)).toEqual(fromMd.json);
    replica.destroy();

    const docx = await exportDocument(everyNodeDocument, 'docx', 'x');
    const fromDocx = await importDocument('docx', docx.body);
    expect(fromDocx.json).toEqual(normaliseJson(everyNodeDocument));
    expect(fromDocx.title).toBe('Cryo-EM grid preparation');
  });

  it('refuses files it cannot read with ImportError codes the API can map', async () => {
    await expect(importDocument('md', new Uint8Array([0xff, 0xfe, 0x00]))).rejects.toMatchObject({ code: 'unreadable' });
    await expect(importDocument('md', new Uint8Array(10 * 1024 * 1024 + 1))).rejects.toBeInstanceOf(ImportError);
    expect([importKindOf('a.MD'), importKindOf('b.docx'), importKindOf('c.doc'), importKindOf('noext')]).toEqual(['md', 'docx', null, null]);
    expect(fileBaseName('..\u0000')).toBe('document');
  });

  it('gives search the text of every block, table cell and formula', () => {
    const text = toPlainText(everyNodeDocument);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['Cryo-EM grid preparation', 'Summary', 'Grids', '1200', 'Order grids', 'Energy is E = mc^2 per particle.']),
    );
    expect(text).toContain('First line\nsecond line');
    expect(text).toContain('\\frac{1}{3}');
  });
});
