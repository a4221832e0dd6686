/** Word comments of an imported .docx, from a hand-made comments.xml: threads on the right text, replies, limits. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readThreads } from '../../shared/comments/threads.js';
import { docxWithBody } from '../../test/fixtures/docx-bomb.js';
import { importDocument } from './convert.js';
import { exportThreads } from './docx-threads.js';
import { conversionLimits } from './limits.js';
import { docToNode } from './ydoc.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"';
const W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"';
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const reference = (id: number) => `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`;

/** A body with: comment 0 (and its reply 1) on "five mg", comment 2 across two paragraphs, comment 3 a point comment, comment 4 nowhere. */
const BODY = [
  `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>${run('Dose ')}<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>${run('five mg')}<w:commentRangeEnd w:id="0"/>${reference(0)}<w:commentRangeEnd w:id="1"/>${reference(1)}${run(' daily.')}</w:p>`,
  // Comment 2 starts between paragraphs (Word does this before a table): it starts with the next one.
  `<w:commentRangeStart w:id="2"/><w:p>${run('Second ')}${run('paragraph.')}</w:p>`,
  `<w:p>${run('Third')}<w:commentRangeEnd w:id="2"/>${reference(2)}${run(' ends')}${reference(3)}${run(' here.')}</w:p>`,
].join('');

const comment = (id: number, author: string, date: string, paragraphs: Array<[string, string]>) =>
  `<w:comment w:id="${id}" w:author="${author}" w:date="${date}" w:initials="X">${paragraphs
    .map(([paraId, text]) => `<w:p w14:paraId="${paraId}" w14:textId="77777777"><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`)
    .join('')}</w:comment>`;

const COMMENTS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ${W}>${[
  comment(0, 'Ann &amp; Lee', '2026-11-30T09:00:00Z', [['0A000001', 'Why five?'], ['0A000002', 'Check &lt;table 2&gt;.']]),
  comment(1, 'Bo Berg', '2026-11-30T10:00:00Z', [['0A000003', 'Because the protocol says so.']]),
  comment(2, 'Cy', '2026-11-30T11:00:00Z', [['0A000004', 'Merge these.']]),
  comment(3, 'Dee', '2026-11-30T12:00:00Z', [['0A000005', 'A point.']]),
  comment(4, 'Eve', '2026-11-30T13:00:00Z', [['0A000006', 'Lost text.']]),
].join('')}</w:comments>`;

/** Comment 1 answers comment 0 (through 0's last paragraph); comment 2's thread is done. */
const EXTENDED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx ${W15}><w15:commentEx w15:paraId="0A000002" w15:done="0"/><w15:commentEx w15:paraId="0A000003" w15:paraIdParent="0A000002" w15:done="0"/><w15:commentEx w15:paraId="0A000004" w15:done="1"/></w15:commentsEx>`;

const IMPORTER = { id: 'user-1', name: 'Ida Importer', at: Date.parse('2026-12-01T08:00:00Z') };

/** The threads of an imported file, each with the text its anchor covers in the imported body. */
async function importedThreads(bytes: Uint8Array) {
  const imported = await importDocument('docx', bytes, undefined, IMPORTER);
  expect(imported.comments).not.toBeNull();
  const commentsDoc = new Y.Doc();
  Y.applyUpdate(commentsDoc, imported.comments as Uint8Array);
  const raw = readThreads(commentsDoc);
  const placed = exportThreads(imported.update, imported.comments as Uint8Array, {});
  const body = docToNode(imported.update);
  return { imported, raw, placed, body };
}

describe('DOCX import of Word comments', () => {
  it('makes each comment a thread of the importer on the text it covered, naming the file’s author and date, with replies as replies', async () => {
    const { imported, raw, placed, body } = await importedThreads(docxWithBody(BODY, { 'word/comments.xml': COMMENTS, 'word/commentsExtended.xml': EXTENDED }));
    // No marker is left in the text, and the text is as Word had it.
    expect(JSON.stringify(imported.json)).not.toMatch(/[\uE000-\uE03F]/);
    expect(body.textBetween(0, body.content.size, '\n')).toBe('Dose five mg daily.\nSecond paragraph.\nThird ends here.');

    const threads = raw.map((thread, i) => ({
      text: placed[i]?.range ? body.textBetween(placed[i].range.from, placed[i].range.to, '\n') : null,
      quote: thread.quote,
      resolved: thread.resolved,
      bodies: thread.comments.map((c) => c.body),
      authors: thread.comments.map((c) => c.author),
      createdAt: thread.comments.map((c) => c.createdAt),
    }));
    const byFirstLine = new Map(threads.map((t) => [t.bodies[0]?.split('\n')[0], t]));
    expect(byFirstLine.get('Word comment by Ann & Lee on 2026-11-30T09:00:00Z:')).toEqual({
      text: 'five mg',
      quote: 'five mg',
      resolved: false,
      bodies: ['Word comment by Ann & Lee on 2026-11-30T09:00:00Z:\nWhy five?\nCheck <table 2>.', 'Word comment by Bo Berg on 2026-11-30T10:00:00Z:\nBecause the protocol says so.'],
      authors: [{ id: 'user-1', name: 'Ida Importer' }, { id: 'user-1', name: 'Ida Importer' }],
      createdAt: [IMPORTER.at, IMPORTER.at],
    });
    expect(byFirstLine.get('Word comment by Cy on 2026-11-30T11:00:00Z:')).toMatchObject({ text: 'Second paragraph.\nThird', resolved: true });
    // A comment with only a reference is a point in the text; one whose text is gone keeps its words, unanchored.
    const point = raw.find((t) => t.comments[0]?.body.includes('A point.'));
    expect(point?.anchor.start).not.toBeNull();
    expect(byFirstLine.get('Word comment by Eve on 2026-11-30T13:00:00Z:')).toMatchObject({ text: null, quote: '' });
    expect(threads).toHaveLength(4);
  });

  it('makes each comment its own thread when the file says nothing of replies (as LibreOffice writes it)', async () => {
    const { raw, placed, body } = await importedThreads(docxWithBody(BODY, { 'word/comments.xml': COMMENTS }));
    expect(raw).toHaveLength(5);
    const bo = raw.findIndex((t) => t.comments[0]?.body.includes('Bo Berg'));
    const range = placed[bo]?.range;
    expect(range && body.textBetween(range.from, range.to)).toBe('five mg');
  });

  it('survives replies that answer each other in a circle', async () => {
    const circle = `<?xml version="1.0"?><w15:commentsEx ${W15}><w15:commentEx w15:paraId="0A000002" w15:paraIdParent="0A000003"/><w15:commentEx w15:paraId="0A000003" w15:paraIdParent="0A000002"/></w15:commentsEx>`;
    const { raw } = await importedThreads(docxWithBody(BODY, { 'word/comments.xml': COMMENTS, 'word/commentsExtended.xml': circle }));
    // Ann's and Bo's comments make one thread between them; nothing is lost.
    expect(raw.flatMap((t) => t.comments)).toHaveLength(5);
    expect(raw).toHaveLength(4);
  });

  it('ignores marker characters the file itself holds', async () => {
    const { imported } = await importedThreads(docxWithBody(`<w:p>${run('a\uE020\uE030\uE023b')}<w:commentRangeStart w:id="0"/>${run('c')}<w:commentRangeEnd w:id="0"/></w:p>`, { 'word/comments.xml': COMMENTS }));
    expect(JSON.stringify(imported.json)).not.toMatch(/[\uE000-\uE03F]/);
    expect(docToNode(imported.update).textContent).toBe('abc');
  });

  it('refuses a file with more comments than the limit, before reading them', async () => {
    const many = `<w:comments ${W}>${'<w:comment w:id="1" w:author="x"/>'.repeat(conversionLimits.maxDocxComments + 1)}</w:comments>`;
    await expect(importDocument('docx', docxWithBody(BODY, { 'word/comments.xml': many }), undefined, IMPORTER)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('keeps comments out of a file imported without an importer', async () => {
    const imported = await importDocument('docx', docxWithBody(BODY, { 'word/comments.xml': COMMENTS }));
    expect(imported.comments).toBeNull();
    expect(JSON.stringify(imported.json)).not.toMatch(/[\uE000-\uE03F]/);
  });
});
