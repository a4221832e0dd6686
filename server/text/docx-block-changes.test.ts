/**
 * Whole-paragraph tracked changes read back from .docx files as block suggestions: from our own
 * export, from our export after LibreOffice re-saved it, and from a file LibreOffice wrote itself;
 * accepted when nobody is named; and hostile paragraph properties refused or read without hanging.
 */
import type { JSONContent } from '@tiptap/core';
import { Document, HeadingLevel, Packer, Paragraph, TextRun, InsertedTextRun } from 'docx';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docxWithBody } from '../../test/fixtures/docx-bomb.js';
import { officeAvailable, resaveWithLibreOffice, SOFFICE } from '../../test/helpers/office.js';
import { docToNode, documentSchema, positionOf, suggestEdit } from '../../test/helpers/suggest.js';
import { paragraphs, write } from '../../test/features/setup.js';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf } from '../../shared/editor/suggestion-ids.js';
import { importDocument } from './convert.js';
import { toDocx } from './docx-export.js';
import { readDocx } from './docx-import.js';
import { ImportError } from './errors.js';

const run = promisify(execFile);
const SUGGESTER = 'u-cem';
const IMPORTER = 'u-olga';
const NAMES = { [SUGGESTER]: 'Cem Commenter' };
const AT = Date.parse('2026-12-01T08:00:00.000Z');

/** Every block with a block suggestion: its type, the suggestion (id left out), and its text. */
function blocksOf(json: JSONContent): Array<{ type: string; kind: string; from?: unknown; text: string; id: string }> {
  const out: Array<{ type: string; kind: string; from?: unknown; text: string; id: string }> = [];
  const textOf = (node: JSONContent): string => node.text ?? (node.content ?? []).map(textOf).join('');
  const walk = (node: JSONContent) => {
    const suggestion = blockSuggestionOf(node.attrs?.[BLOCK_SUGGESTION_ATTR]);
    if (suggestion) out.push({ type: node.type ?? '', kind: suggestion.kind, ...(suggestion.from ? { from: suggestion.from } : {}), text: textOf(node), id: suggestion.id });
    for (const child of node.content ?? []) walk(child);
  };
  walk(json);
  return out;
}

/** The suggestion marks on the text of `json`, as [mark, id, text]. */
function textMarksOf(json: JSONContent): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const walk = (node: JSONContent) => {
    for (const mark of node.marks ?? []) if (mark.type === 'insertion' || mark.type === 'deletion') out.push([mark.type, String(mark.attrs?.id), node.text ?? '']);
    for (const child of node.content ?? []) walk(child);
  };
  walk(json);
  return out;
}

const withoutIds = (blocks: ReturnType<typeof blocksOf>) => blocks.map(({ id: _id, ...rest }) => rest);

/** A document with a suggested new paragraph, a paragraph suggested deleted and one suggested a heading, made as the editor makes them. */
function suggestedDocument(): JSONContent {
  const doc = new Y.Doc();
  write(doc, paragraphs('Patients are enrolled within 24 hours.', 'Imaging every 8 weeks.', 'Follow-up ends at 28 days.'));
  suggestEdit(doc, SUGGESTER, (tr) => {
    const start = positionOf(doc, 'Imaging') - 1;
    tr.delete(start, start + tr.doc.resolve(start + 1).parent.nodeSize);
  });
  suggestEdit(doc, SUGGESTER, (tr) => tr.setBlockType(1, 1, documentSchema.nodes.heading!, { level: 2 }));
  suggestEdit(doc, SUGGESTER, (tr) => tr.insert(0, documentSchema.node('paragraph', null, [documentSchema.text('Adults only.')])));
  return docToNode(doc).toJSON() as JSONContent;
}

/** A suggested new table and a suggested new list, and a table suggested deleted, as the editor makes them. */
function suggestedContainers(): JSONContent {
  const s = documentSchema;
  const doc = new Y.Doc();
  const cell = (text: string) => s.node('tableCell', null, [s.node('paragraph', null, [s.text(text)])]);
  const table = (...texts: string[]) => s.node('table', null, [s.node('tableRow', null, texts.map(cell))]);
  write(doc, paragraphs('Doses:', 'Visits:'));
  // The old table, written directly, then suggested deleted.
  const plainDoc = docToNode(doc);
  write(doc, { type: 'doc', content: [...(plainDoc.toJSON() as JSONContent).content ?? [], table('week 1', 'week 4').toJSON() as JSONContent, { type: 'paragraph', content: [{ type: 'text', text: 'End.' }] }] });
  suggestEdit(doc, SUGGESTER, (tr) => {
    let at = -1;
    tr.doc.forEach((node, pos) => {
      if (node.type.name === 'table') at = pos;
    });
    tr.delete(at, at + (tr.doc.nodeAt(at)?.nodeSize ?? 0));
  });
  suggestEdit(doc, SUGGESTER, (tr) => tr.insert(positionOf(doc, 'Visits') - 1, table('5 mg', '10 mg')));
  suggestEdit(doc, SUGGESTER, (tr) => tr.insert(tr.doc.content.size, s.node('bulletList', null, [s.node('listItem', null, [s.node('paragraph', null, [s.text('Fasting.')])])])));
  return docToNode(doc).toJSON() as JSONContent;
}

const exported = (json: JSONContent) => toDocx(json, { title: 'Protocol', review: { threads: [], names: NAMES, at: AT } });

/** What the reader must give back for suggestedDocument(), whatever wrote the file in between. */
async function expectSameBlockSuggestions(bytes: Uint8Array, original: JSONContent): Promise<void> {
  const { json, suggestions } = await readDocx(bytes, undefined, IMPORTER);
  expect(withoutIds(blocksOf(json))).toEqual(withoutIds(blocksOf(original)));
  expect(withoutIds(blocksOf(json))).toEqual([
    { type: 'paragraph', kind: 'insertion', text: 'Adults only.' },
    { type: 'heading', kind: 'type', from: { type: 'paragraph', attrs: { guidance: null } }, text: 'Patients are enrolled within 24 hours.' },
    { type: 'paragraph', kind: 'deletion', text: 'Imaging every 8 weeks.' },
  ]);
  // The inserted paragraph's text is marked with the block's id, as the editor marks it; the deleted one's stays plain.
  const [inserted] = blocksOf(json);
  expect(textMarksOf(json)).toEqual([['insertion', inserted?.id, 'Adults only.']]);
  // Ids are the importer's (the server's guard); the file's author and date are kept beside each.
  expect(suggestions.map((s) => ({ block: s.block?.kind, author: s.author, second: Math.floor(Date.parse(s.date ?? '') / 1000) }))).toEqual(
    ['insertion', 'type', 'deletion'].map((block) => ({ block, author: 'Cem Commenter', second: AT / 1000 })),
  );
  for (const s of suggestions) expect(s.id.startsWith(`${IMPORTER}~`)).toBe(true);
  expect(new Set(suggestions.map((s) => s.id))).toEqual(new Set(blocksOf(json).map((b) => b.id)));
  expect(JSON.stringify(json)).not.toMatch(/[\uE000-\uE03F]/);
}

describe('DOCX block changes', () => {
  // Skipped only outside CI when LibreOffice is missing (loudly); under CI a missing LibreOffice fails.
  const office = officeAvailable();

  it('read our own export back as the same block suggestions', async () => {
    const original = suggestedDocument();
    await expectSameBlockSuggestions(await exported(original), original);
  });

  it.runIf(office)('read our export back as the same block suggestions after LibreOffice re-saved it', { timeout: 180_000 }, async () => {
    const original = suggestedDocument();
    await expectSameBlockSuggestions(await resaveWithLibreOffice(await exported(original)), original);
  });

  it.runIf(office)('read a paragraph insertion LibreOffice tracked and wrote itself as a block insertion', { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confer-fodt-'));
    try {
      // Writer's own form of a tracked new paragraph: the change runs from its start to the start of the next one.
      fs.writeFileSync(
        path.join(dir, 'tracked.fodt'),
        `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:body><office:text>
  <text:tracked-changes text:track-changes="true">
   <text:changed-region xml:id="ct1" text:id="ct1">
    <text:insertion><office:change-info><dc:creator>Ines Insert</dc:creator><dc:date>2026-11-30T09:00:00</dc:date></office:change-info></text:insertion>
   </text:changed-region>
  </text:tracked-changes>
  <text:p>Patients are enrolled within 24 hours.</text:p>
  <text:p><text:change-start text:change-id="ct1"/>Adults only.</text:p>
  <text:p><text:change-end text:change-id="ct1"/>Follow-up ends at 28 days.</text:p>
 </office:text></office:body>
</office:document>`,
      );
      await run(SOFFICE ?? 'soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'docx', '--outdir', path.join(dir, 'out'), path.join(dir, 'tracked.fodt')], { timeout: 120_000 });
      const { json, suggestions } = await readDocx(new Uint8Array(fs.readFileSync(path.join(dir, 'out', 'tracked.docx'))), undefined, IMPORTER);
      expect(withoutIds(blocksOf(json))).toEqual([{ type: 'paragraph', kind: 'insertion', text: 'Adults only.' }]);
      expect(textMarksOf(json)).toEqual([['insertion', blocksOf(json)[0]?.id, 'Adults only.']]);
      expect(suggestions.map(({ author, date, block }) => ({ author, date, block }))).toEqual([{ author: 'Ines Insert', date: '2026-11-30T09:00:00Z', block: { kind: 'insertion' } }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('read a table or list all of whose paragraphs one author inserted or deleted as that table or list suggested', async () => {
    const original = suggestedContainers();
    expect(withoutIds(blocksOf(original)).map(({ type, kind }) => [type, kind])).toEqual([
      ['table', 'insertion'],
      ['table', 'deletion'],
      ['bulletList', 'insertion'],
    ]);
    const check = async (bytes: Uint8Array) => {
      const { json, suggestions } = await readDocx(bytes, undefined, IMPORTER);
      expect(withoutIds(blocksOf(json))).toEqual(withoutIds(blocksOf(original)));
      const [newTable, , newList] = blocksOf(json);
      expect(textMarksOf(json)).toEqual([
        ['insertion', newTable?.id, '5 mg'],
        ['insertion', newTable?.id, '10 mg'],
        ['insertion', newList?.id, 'Fasting.'],
      ]);
      expect(suggestions.map((s) => [s.id, s.author, s.block?.kind])).toEqual(blocksOf(json).map((b) => [b.id, 'Cem Commenter', b.kind]));
      // Accepted, the new table and list stay and the old table goes.
      const accepted = (await readDocx(bytes, undefined, null)).json;
      expect(accepted.content?.map((block) => block.type)).toEqual(['paragraph', 'table', 'paragraph', 'paragraph', 'bulletList']);
    };
    // Our own export only: LibreOffice drops the change of a cell's last paragraph mark (every cell's
    // only one), so a re-saved table keeps its text changes but not its block suggestion.
    await check(await exported(original));
  });

  it('are accepted when no importer is named: an inserted paragraph stays, a deleted one goes, a new type is kept', async () => {
    const { json, suggestions } = await readDocx(await exported(suggestedDocument()), undefined, null);
    expect(suggestions).toEqual([]);
    expect(json.content?.map((block) => [block.type, block.content?.map((t) => t.text).join('')])).toEqual([
      ['paragraph', 'Adults only.'],
      ['heading', 'Patients are enrolled within 24 hours.'],
      ['paragraph', 'Follow-up ends at 28 days.'],
    ]);
    expect(blocksOf(json)).toEqual([]);
  });

  it('leave a paragraph mark inserted over older text (Enter pressed inside it), or over someone else\'s text, as text suggestions', async () => {
    const change = (author: string) => ({ id: 0, author, date: '2026-11-30T09:00:00Z' });
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ run: { insertion: { ...change('Ann'), id: 1 } }, children: [new TextRun('Old text, '), new InsertedTextRun({ ...change('Ann'), id: 2, text: 'then new.' })] }),
            new Paragraph({ run: { insertion: { ...change('Ann'), id: 3 } }, children: [new InsertedTextRun({ ...change('Ben'), id: 4, text: 'Ben wrote this.' })] }),
            new Paragraph('Last.'),
          ],
        },
      ],
    });
    const { json, suggestions } = await readDocx(new Uint8Array(await Packer.toBuffer(word)), undefined, IMPORTER);
    expect(blocksOf(json)).toEqual([]);
    expect(textMarksOf(json).map(([mark, , text]) => [mark, text])).toEqual([
      ['insertion', 'then new.'],
      ['insertion', 'Ben wrote this.'],
    ]);
    expect(suggestions.map((s) => [s.author, s.block])).toEqual([
      ['Ann', undefined],
      ['Ben', undefined],
    ]);
  });

  it('read a former heading level as the block it was, and ignore a property change that kept the style', async () => {
    const change = { id: 1, author: 'Ann', date: '2026-11-30T09:00:00Z' };
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_2, revision: { ...change, heading: HeadingLevel.HEADING_1 }, children: [new TextRun('Methods')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, revision: { ...change, id: 2, heading: HeadingLevel.HEADING_2, keepNext: true }, children: [new TextRun('Results')] }),
          ],
        },
      ],
    });
    const { json } = await readDocx(new Uint8Array(await Packer.toBuffer(word)), undefined, IMPORTER);
    expect(withoutIds(blocksOf(json))).toEqual([{ type: 'heading', kind: 'type', from: { type: 'heading', attrs: { level: 1, wordLimit: null } }, text: 'Methods' }]);
  });

  it('refuse a malformed property change with a clear error', async () => {
    const body = '<w:p><w:pPr><w:pPrChange w:id="1" w:author="Ann"><w:pPr><w:pStyle w:val="Heading1"/></w:pPrChange><w:r><w:t>Broken</w:t></w:r></w:p>';
    await expect(importDocument('docx', docxWithBody(body), undefined, { id: IMPORTER, name: 'Olga', at: AT })).rejects.toBeInstanceOf(ImportError);
  });

  it('read a huge property change and a deeply nested one without hanging', { timeout: 60_000 }, async () => {
    // 4 MB of former properties, and 100,000 unclosed properties inside a change: one pass each.
    const huge = `<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange w:id="1" w:author="${'A'.repeat(1000)}"><w:pPr>${'<w:spacing w:before="1"/>'.repeat(160_000)}</w:pPr></w:pPrChange></w:pPr><w:r><w:t>Huge</w:t></w:r></w:p>`;
    const read = await readDocx(docxWithBody(huge), undefined, IMPORTER);
    expect(withoutIds(blocksOf(read.json))).toEqual([{ type: 'heading', kind: 'type', from: { type: 'paragraph', attrs: { guidance: null } }, text: 'Huge' }]);
    const nested = `<w:p><w:pPr><w:pPrChange w:id="1" w:author="A">${'<w:pPr><w:pPrChange w:id="2">'.repeat(100_000)}</w:pPr></w:p>`;
    await expect(importDocument('docx', docxWithBody(nested), undefined, { id: IMPORTER, name: 'Olga', at: AT })).rejects.toBeInstanceOf(ImportError);
  });
});
