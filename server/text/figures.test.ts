/** Figures in the HTML, Markdown and DOCX exports: numbered captions, live references, images carried inside. */
import type { JSONContent } from '@tiptap/core';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fileUrl } from '../../shared/api/files.js';
import { pngBytes } from '../../test/fixtures/images.js';
import { exportDocument } from './convert.js';
import { figureFilesIn, type ExportImages } from './figures.js';
import { imageSize } from './image-size.js';
import { toPlainText } from './plain.js';
import { jsonToUpdate } from './ydoc.js';

const first = 'a'.repeat(64);
const second = 'b'.repeat(64);
const images: ExportImages = { [first]: { contentType: 'image/png', bytes: pngBytes(1) }, [second]: { contentType: 'image/png', bytes: pngBytes(2) } };

const figure = (id: string, file: string, caption: string): JSONContent => ({
  type: 'figure',
  attrs: { id, src: fileUrl('doc1', file), alt: '' },
  content: [{ type: 'text', text: caption }],
});

/** "See Figure 2", then the figures: the referenced one second. */
const document: JSONContent = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'See ' }, { type: 'figureRef', attrs: { target: 'gel' } }, { type: 'text', text: '.' }] },
    figure('chart', first, 'Survival curve'),
    figure('gel', second, 'Western blot'),
    { type: 'figure', attrs: { id: 'remote', src: 'https://tracker.example/pixel.png', alt: '' }, content: [{ type: 'text', text: 'Remote' }] },
  ],
};

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('figures in exports', () => {
  it('HTML: numbered captions, references with the current number, images inlined, remote sources dropped', async () => {
    const html = text((await exportDocument(document, 'html', 'Figures', images)).body);
    expect(html).toContain('See <a data-type="figure-ref" data-figure-id="gel" href="#figure-gel">Figure 2</a>.');
    expect(html).toMatch(/<figure[^>]*id="figure-chart"[^>]*>/);
    expect(html).toContain('<span class="figure-label">Figure 1: </span>Survival curve');
    expect(html).toContain('<span class="figure-label">Figure 2: </span>Western blot');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).toContain(Buffer.from(pngBytes(2)).toString('base64'));
    expect(html).not.toContain('tracker.example');
    expect(html).not.toContain('/api/documents/');
    // Inline images gain nothing from lazy loading, and a lazy one might miss the PDF.
    expect(html).not.toContain('loading=');
    expect(html).toContain("img-src data:");
  });

  it('HTML: moving a figure renumbers the references', async () => {
    const moved: JSONContent = { ...document, content: [document.content![0]!, document.content![2]!, document.content![1]!] };
    const html = text((await exportDocument(moved, 'html', 'Figures', images)).body);
    expect(html).toContain('href="#figure-gel">Figure 1</a>');
  });

  it('Markdown: images as data URLs and captions under them', async () => {
    const md = text((await exportDocument(document, 'md', 'Figures', images)).body);
    expect(md).toContain('See Figure 2.');
    expect(md).toContain(`![Figure 1](data:image/png;base64,${Buffer.from(pngBytes(1)).toString('base64')})`);
    expect(md).toContain('*Figure 2: Western blot*');
    expect(md).not.toContain('tracker.example');
  });

  it('DOCX: each image as a picture with a caption paragraph', async () => {
    const docx = (await exportDocument(document, 'docx', 'Figures', images)).body;
    const zip = unzipSync(docx);
    const media = Object.keys(zip).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    const xml = strFromU8(zip['word/document.xml']!);
    expect(xml.match(/<pic:pic\b/g)).toHaveLength(2);
    expect(xml).toContain('Figure 2: ');
    expect(xml).toContain('Western blot');
    expect(xml).toContain('See ');
    expect(xml).toContain('Caption');
  });

  it('finds the stored files a document state names, of that document only', () => {
    const json: JSONContent = { type: 'doc', content: [figure('x', first, 'x'), { type: 'figure', attrs: { id: 'y', src: fileUrl('other', second) }, content: [] }] };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, jsonToUpdate(json));
    expect(figureFilesIn(Y.encodeStateAsUpdate(doc), 'doc1')).toEqual([first]);
    doc.destroy();
  });

  it('gives search the captions and the references as text', () => {
    expect(toPlainText(document)).toBe('See Figure.\nSurvival curve\nWestern blot\nRemote');
  });

  it('reads image sizes from their headers', () => {
    expect(imageSize(pngBytes(), 'image/png')).toEqual({ width: 8, height: 8 });
  });
});
