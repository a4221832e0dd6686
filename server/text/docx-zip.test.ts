import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxWithBody, repeatedParagraphs, withDeclaredSizes } from '../../test/fixtures/docx-bomb.js';
import { fromDocx } from './docx-import.js';
import { checkedDocxArchive } from './docx-zip.js';
import { conversionLimits } from './limits.js';

/** Well-formed markup of more than `bytes` bytes that makes one paragraph. */
const bulk = (bytes: number) => `<w:p><w:r><w:t>${'x'.repeat(bytes)}</w:t></w:r></w:p>`;
/** Unclosed elements: a parser refuses this markup, so a 413 for it proves the caps came first. */
const MALFORMED = '<w:p><w:r><w:t>never closed';

describe('DOCX archive caps', () => {
  it('keeps the XML parts of a real file and imports it as before', async () => {
    const json = await fromDocx(docxWithBody('<w:p><w:r><w:t>Hello</w:t></w:r></w:p>'));
    expect(json).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] });
  });

  it('drops images without reading them', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const word = new Document({
      sections: [{ children: [new Paragraph('Before'), new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 10, height: 10 } })] }), new Paragraph('After')] }],
    });
    const json = await fromDocx(new Uint8Array(await Packer.toBuffer(word)));
    expect(JSON.stringify(json)).toContain('Before');
    expect(JSON.stringify(json)).toContain('After');
  });

  it('refuses a part whose declared size is over the cap before inflating or parsing it', async () => {
    const zip = docxWithBody(bulk(conversionLimits.maxZipPartBytes) + MALFORMED);
    await expect(checkedDocxArchive(zip)).rejects.toMatchObject({ code: 'too-large' });
    await expect(fromDocx(zip)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('stops inflating at the cap when the headers lie about the size', async () => {
    const zip = withDeclaredSizes(docxWithBody(bulk(conversionLimits.maxZipPartBytes) + MALFORMED), 200);
    await expect(fromDocx(zip)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses parts that are each under the cap but over it together', async () => {
    const half = bulk(conversionLimits.maxZipPartBytes - 1024);
    const zip = docxWithBody(MALFORMED, { 'word/footnotes.xml': half, 'word/endnotes.xml': half, 'word/comments.xml': half });
    await expect(fromDocx(zip)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuses more paragraphs than a document may have before parsing (the 7 KB bomb)', async () => {
    const bomb = docxWithBody(repeatedParagraphs(conversionLimits.maxDocxBlocks + 1) + MALFORMED);
    expect(bomb.byteLength).toBeLessThan(8 * 1024);
    await expect(fromDocx(bomb)).rejects.toMatchObject({ code: 'too-large', message: expect.stringContaining('paragraphs') });
  });

  it('refuses archives of too many parts', async () => {
    const parts = Object.fromEntries(Array.from({ length: conversionLimits.maxZipEntries }, (_, i) => [`custom/item${i}.bin`, '']));
    await expect(fromDocx(docxWithBody('', parts))).rejects.toMatchObject({ code: 'too-large' });
  });
});
