/** Tracked changes of a Word file read back: as the importer's suggestions, or accepted when nobody is named. */
import { DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { fromDocx, readDocx } from './docx-import.js';
import { markTrackedChanges } from './docx-tracked.js';

async function trackedFile(): Promise<Uint8Array> {
  const change = { author: 'Ann & Lee', date: '2026-11-30T09:00:00Z' };
  const word = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            children: [
              new TextRun('Dose '),
              new DeletedTextRun({ ...change, id: 1, text: '5 mg' }),
              new InsertedTextRun({ ...change, id: 2, text: '10 mg', bold: true }),
              new TextRun(' daily.'),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(word));
}

describe('DOCX tracked changes', () => {
  it('become suggestions of the importer, with the author and date the file gave', async () => {
    const { json, suggestions } = await readDocx(await trackedFile(), undefined, 'user-1');
    const [deleted, inserted] = suggestions;
    expect(suggestions.map(({ kind, author, date }) => ({ kind, author, date }))).toEqual([
      { kind: 'deletion', author: 'Ann & Lee', date: '2026-11-30T09:00:00Z' },
      { kind: 'insertion', author: 'Ann & Lee', date: '2026-11-30T09:00:00Z' },
    ]);
    for (const s of suggestions) expect(s.id).toMatch(/^user-1~[\w-]+$/);
    expect(json.content?.[0]?.content).toEqual([
      { type: 'text', text: 'Dose ' },
      { type: 'text', text: '5 mg', marks: [{ type: 'deletion', attrs: { id: deleted?.id } }] },
      { type: 'text', text: '10 mg', marks: [{ type: 'bold' }, { type: 'insertion', attrs: { id: inserted?.id } }] },
      { type: 'text', text: ' daily.' },
    ]);
  });

  it('are accepted when no importer is named: insertions stay, deletions go, no marker is left', async () => {
    const json = await fromDocx(await trackedFile());
    expect(JSON.stringify(json)).not.toMatch(/[\uE000-\uE01F]/);
    expect(json.content?.[0]?.content?.map((t) => t.text).join('')).toBe('Dose 10 mg daily.');
  });

  it('ignore marker characters the file itself holds', () => {
    const { xml, changes } = markTrackedChanges('<w:p><w:r><w:t>a\uE000\uE010\uE001b\uE002</w:t></w:r></w:p>');
    expect(changes).toEqual([]);
    expect(xml).toBe('<w:p><w:r><w:t>ab</w:t></w:r></w:p>');
  });
});
