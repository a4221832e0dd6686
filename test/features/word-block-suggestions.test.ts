/**
 * Block suggestions in exports, over the HTTP routes: a commenter's suggested new paragraph, deleted
 * paragraph and paragraph made a heading export to DOCX as Word tracked changes (the inserted
 * paragraph's runs and mark `w:ins`, the deleted one's `w:del`, the heading's former style a
 * `w:pPrChange`) that survive a LibreOffice re-save, and to Markdown as if all were accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import { docxPart, officeAvailable, resaveWithLibreOffice } from '../helpers/office.js';
import type { TestServer } from '../helpers/server.js';
import { blockSuggestionsOf, documentSchema, positionOf, suggestEdit } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, type Team, waitFor, write } from './setup.js';

async function download(who: ApiClient, path: string): Promise<Response> {
  return fetch(who.baseUrl + path, { headers: { cookie: who.cookie, origin: who.origin } });
}

/** Each `<w:p>` of `xml` with the text of its runs (inserted, deleted or plain). */
function wordParagraphs(xml: string): Array<{ xml: string; text: string }> {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    xml: m[1] ?? '',
    text: [...(m[1] ?? '').matchAll(/<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join(''),
  }));
}

/** What the test reads from a document.xml: how each paragraph says its block suggestion. */
function blockChanges(xml: string) {
  const found = (text: string) => wordParagraphs(xml).find((p) => p.text.includes(text))?.xml ?? '';
  const inserted = found('Adults only.');
  const deleted = found('Imaging every');
  const heading = found('Patients are enrolled');
  return {
    insertedRuns: /<w:ins\b[^>]*w:author="Cem Commenter"[^>]*>[\s\S]*Adults only\.[\s\S]*<\/w:ins>/.test(inserted),
    insertedMark: /<w:pPr>[\s\S]*<w:rPr>[\s\S]*<w:ins\b[^>]*w:author="Cem Commenter"[\s\S]*<\/w:pPr>/.test(inserted),
    deletedRuns: /<w:del\b[^>]*w:author="Cem Commenter"[^>]*>[\s\S]*<w:delText[^>]*>Imaging every 8 weeks\.<\/w:delText>/.test(deleted),
    deletedMark: /<w:pPr>[\s\S]*<w:rPr>[\s\S]*<w:del\b[^>]*w:author="Cem Commenter"[\s\S]*<\/w:pPr>/.test(deleted),
    headingNow: /<w:pStyle w:val="Heading2"\/>/.test(heading.split('<w:pPrChange')[0] ?? ''),
    headingChange: /<w:pPrChange\b[^>]*w:author="Cem Commenter"/.test(heading),
  };
}

describe('block suggestions in exports', () => {
  // Skipped only outside CI when LibreOffice is missing (loudly); under CI a missing LibreOffice fails.
  const office = officeAvailable();
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.dispose();
  });

  async function suggestedBlocks(): Promise<void> {
    const owner = await team.owner.connect(team.docId);
    clients.push(owner);
    // The deleted paragraph is not the last one: Word keeps a document's final paragraph mark.
    write(owner.doc, paragraphs('Patients are enrolled within 24 hours.', 'Imaging every 8 weeks.', 'Follow-up ends at 28 days.'));
    const commenter = await team.commenter.connect(team.docId);
    clients.push(commenter);
    await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the text at the commenter' });
    const schema = documentSchema;
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
      const start = positionOf(commenter.doc, 'Imaging') - 1;
      tr.delete(start, start + tr.doc.resolve(start + 1).parent.nodeSize);
    });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.setBlockType(1, 1, schema.nodes.heading!, { level: 2 }));
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.insert(0, schema.node('paragraph', null, [schema.text('Adults only.')])));
    await waitFor(async () => blockSuggestionsOf(await serverDoc(server, team.docId)).length === 3, { what: 'the block suggestions on the server' });
    expect(blockSuggestionsOf(await serverDoc(server, team.docId)).map((s) => [s.type, s.kind])).toEqual([
      ['paragraph', 'insertion'],
      ['heading', 'type'],
      ['paragraph', 'deletion'],
    ]);
  }

  it.runIf(office)('exports them to DOCX as tracked changes that survive a LibreOffice re-save', { timeout: 180_000 }, async () => {
    await suggestedBlocks();
    const exported = new Uint8Array(await (await download(team.viewer, `/api/documents/${team.docId}/export?format=docx`)).arrayBuffer());
    const all = { insertedRuns: true, insertedMark: true, deletedRuns: true, deletedMark: true, headingNow: true, headingChange: true };
    expect(blockChanges((await docxPart(exported, 'word/document.xml')) ?? '')).toEqual(all);
    const resaved = await resaveWithLibreOffice(exported);
    expect(blockChanges((await docxPart(resaved, 'word/document.xml')) ?? '')).toEqual(all);
  });

  it('exports Markdown and HTML as if every block suggestion were accepted', async () => {
    await suggestedBlocks();
    const md = await (await download(team.viewer, `/api/documents/${team.docId}/export?format=md`)).text();
    expect(md).toBe('Adults only.\n\n## Patients are enrolled within 24 hours.\n\nFollow-up ends at 28 days.\n');
    const html = await (await download(team.viewer, `/api/documents/${team.docId}/export?format=html&suggestions=accepted`)).text();
    expect(html).toContain('<h2>Patients are enrolled within 24 hours.</h2>');
    expect(html).toContain('Adults only.');
    expect(html).not.toContain('Imaging');
    expect(html).not.toMatch(/<\w+ [^>]*data-block-suggestion=/);
  });

  it('exports Markdown and HTML with block suggestions marked on request', async () => {
    await suggestedBlocks();
    const md = await (await download(team.viewer, `/api/documents/${team.docId}/export?format=md&suggestions=marked`)).text();
    expect(md).toContain('<ins>Adults only.</ins>');
    expect(md).toContain('<del>Imaging every 8 weeks.</del>');
    const html = await (await download(team.viewer, `/api/documents/${team.docId}/export?format=html&suggestions=marked`)).text();
    expect(html).toMatch(/<p data-block-suggestion="insertion"><ins>Adults only\.<\/ins><\/p>/);
    expect(html).toMatch(/<p data-block-suggestion="deletion"><del>Imaging every 8 weeks\.<\/del><\/p>/);
    expect(html).toMatch(/<h2 data-block-suggestion="type">Patients are enrolled within 24 hours\.<\/h2>/);
    // Ids name users: they stay out of the file.
    expect(html).not.toContain(team.ids.commenter);
  });
});
