/**
 * Formatting suggestions in DOCX: exported as Word format changes (`w:rPrChange`, author and the
 * suggestion's own date) rather than a deletion and an insertion, and Word's format changes imported
 * as the editor's formatting suggestions (old text deleted, new text inserted, one id).
 */
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { docxWithBody } from '../../test/fixtures/docx-bomb.js';
import { docxPart } from '../../test/helpers/office.js';
import { toDocx } from './docx-export.js';
import { readDocx } from './docx-import.js';

const BOLDED = 'u1~bold';
const MADE_AT = Date.parse('2026-11-30T09:15:00.000Z');
const EXPORTED_AT = Date.parse('2026-12-03T10:00:00.000Z');

const text = (value: string, ...marks: JSONContent['marks'] & object) => ({ type: 'text', text: value, ...(marks.length ? { marks } : {}) });
const ins = (id: string) => ({ type: 'insertion', attrs: { id } });
const del = (id: string) => ({ type: 'deletion', attrs: { id } });

/** "The primary endpoint", with "primary" suggested bold (as the editor makes it) and " early" a suggested insertion. */
const SUGGESTED: JSONContent = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        text('The '),
        text('pri', { type: 'italic' }, del(BOLDED)),
        text('mary', del(BOLDED)),
        text('pri', { type: 'italic' }, { type: 'bold' }, ins(BOLDED)),
        text('mary', { type: 'bold' }, ins(BOLDED)),
        text(' endpoint'),
        text(' early', ins('u1~late')),
      ],
    },
  ],
};

async function exportedXml(json: JSONContent): Promise<string> {
  const bytes = await toDocx(json, { title: 'T', review: { threads: [], names: { u1: 'Cem Commenter' }, times: { [BOLDED]: MADE_AT }, at: EXPORTED_AT } });
  return (await docxPart(bytes, 'word/document.xml')) ?? '';
}

const runs = (xml: string) => [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1] ?? '');

describe('DOCX formatting suggestions', () => {
  it('export as format changes holding the previous formatting, dated by the server’s time of the suggestion', async () => {
    const xml = await exportedXml(SUGGESTED);
    // The word is written once, in its new formatting; no deletion of it is left.
    expect(xml.match(/>pri</g)).toHaveLength(1);
    expect(xml).not.toMatch(/<w:del\b/);
    const changed = runs(xml)
      .map((r) => /^<w:rPr>([\s\S]*?)<w:rPrChange ([^>]*)>([\s\S]*?)<\/w:rPrChange><\/w:rPr><w:t[^>]*>([^<]*)<\/w:t>$/.exec(r))
      .filter((m) => m !== null)
      .map(([, now = '', attrs = '', before = '', word]) => ({ word, now, attrs, before }));
    expect(changed.map((c) => c.word)).toEqual(['pri', 'mary']);
    for (const c of changed) {
      expect(c.attrs).toMatch(new RegExp(`^w:id="\\d+" w:author="Cem Commenter" w:date="${new Date(MADE_AT).toISOString()}"$`));
      expect(c.now).toContain('<w:b/>');
      // The previous formatting is written out, plain as plain (Word's schema wants it).
      expect(c.before).toContain('<w:b w:val="false"/>');
    }
    expect(changed[0]?.now).toContain('<w:i/>');
    expect(changed[0]?.before).toContain('<w:i/>');
    expect(changed[1]?.now).not.toContain('<w:i/>');
    expect(changed[1]?.before).toContain('<w:i w:val="false"/>');
    // A suggestion the server has no time for yet carries the export's.
    expect(xml).toMatch(new RegExp(`<w:ins w:id="\\d+" w:author="Cem Commenter" w:date="${new Date(EXPORTED_AT).toISOString()}">`));
  });

  it('stay an insertion and a deletion when the text differs or a link is suggested', async () => {
    const xml = await exportedXml({
      type: 'doc',
      content: [{ type: 'paragraph', content: [text('a', del('u1~x')), text('b', { type: 'bold' }, ins('u1~x')), text('c', del('u1~y')), text('c', { type: 'link', attrs: { href: 'https://example.org' } }, ins('u1~y'))] }],
    });
    expect(xml).not.toContain('rPrChange');
    expect(xml.match(/<w:del\b/g)).toHaveLength(2);
  });

  it('import back as the editor’s formatting suggestion: the old text deleted, the new inserted, one id', async () => {
    const bytes = await toDocx(SUGGESTED, { title: 'T', review: { threads: [], names: { u1: 'Cem Commenter' }, times: { [BOLDED]: MADE_AT }, at: EXPORTED_AT } });
    const { json, suggestions } = await readDocx(bytes, undefined, 'u2');
    const content = json.content?.[0]?.content ?? [];
    const [pri, mary] = suggestions.filter((s) => s.formatting);
    expect(suggestions.map(({ kind, author, date, formatting }) => ({ kind, author, date, formatting }))).toEqual([
      { kind: 'deletion', author: 'Cem Commenter', date: new Date(MADE_AT).toISOString(), formatting: true },
      { kind: 'deletion', author: 'Cem Commenter', date: new Date(MADE_AT).toISOString(), formatting: true },
      { kind: 'insertion', author: 'Cem Commenter', date: new Date(EXPORTED_AT).toISOString() },
    ]);
    expect(content.slice(1, 5)).toEqual([
      text('pri', { type: 'italic' }, del(pri?.id ?? '')),
      text('pri', { type: 'bold' }, { type: 'italic' }, ins(pri?.id ?? '')),
      text('mary', del(mary?.id ?? '')),
      text('mary', { type: 'bold' }, ins(mary?.id ?? '')),
    ]);
  });

  it('are accepted on import inside another tracked change, and where the run holds more than text', async () => {
    const change = 'w:id="3" w:author="Ann" w:date="2026-11-30T09:00:00Z"';
    const bold = `<w:rPr><w:b/><w:rPrChange ${change}><w:rPr/></w:rPrChange></w:rPr>`;
    const body = `<w:p><w:ins ${change}><w:r>${bold}<w:t>new</w:t></w:r></w:ins><w:r>${bold}<w:t>a</w:t><w:fldChar w:fldCharType="begin"/></w:r><w:r>${bold}<w:t xml:space="preserve"> bold</w:t></w:r></w:p>`;
    const { json, suggestions } = await readDocx(docxWithBody(body), undefined, 'u2');
    expect(suggestions.map((s) => [s.kind, Boolean(s.formatting)])).toEqual([
      ['insertion', false],
      ['deletion', true],
    ]);
    const [inserted, formatted] = suggestions;
    expect(json.content?.[0]?.content).toEqual([
      text('new', { type: 'bold' }, ins(inserted?.id ?? '')),
      text('a', { type: 'bold' }),
      text(' bold', del(formatted?.id ?? '')),
      text(' bold', { type: 'bold' }, ins(formatted?.id ?? '')),
    ]);
  });
});
