/**
 * Word round trip of review state over the HTTP routes: a document with a commenter's suggested
 * insertion and deletion and a comment thread exports as a .docx whose tracked changes (author, the
 * server's date of each suggestion) and comments survive LibreOffice opening and re-saving it, and
 * imports back with its suggestions and its comments as threads; a formatting suggestion does the
 * same as a Word format change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addReply, addThread, commentsDocId, readThreads, type ThreadData } from '../../shared/comments/threads.js';
import type { SuggestionTimesView } from '../../shared/api/suggestions.js';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { docToJson, docToNode } from '../../server/text/index.js';
import { exportThreads } from '../../server/text/docx-threads.js';
import type { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import { docxPart, officeAvailable, resaveWithLibreOffice } from '../helpers/office.js';
import type { TestServer } from '../helpers/server.js';
import { positionOf, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, type Team, waitFor, write } from './setup.js';

const TEXT = 'The primary endpoint is overall survival.';

async function upload(who: ApiClient, workspaceId: string, name: string, bytes: Uint8Array): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/octet-stream' }));
  const res = await fetch(`${who.baseUrl}/api/workspaces/${workspaceId}/import`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: who.origin } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function download(who: ApiClient, path: string): Promise<Response> {
  return fetch(who.baseUrl + path, { headers: { cookie: who.cookie, origin: who.origin } });
}

/** An anchor on `quote` in the first paragraph's text, the way the editor makes one. */
function anchorOn(doc: Y.Doc, quote: string): ThreadData['anchor'] {
  const paragraph = doc.getXmlFragment(DOCUMENT_FRAGMENT).get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error('no text in the first paragraph');
  // toString() would write formatting (the suggestions) as tags: the characters alone are wanted.
  const chars = (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : ' ')).join('');
  const at = chars.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" not found`);
  return {
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at, 0)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + quote.length, -1)),
  };
}

/** The text inside each `<w:tag …>…</w:tag>` element of `xml`, with the element's author. */
function changes(xml: string, tag: 'ins' | 'del'): Array<{ author: string | undefined; date: string | undefined; text: string }> {
  const out: Array<{ author: string | undefined; date: string | undefined; text: string }> = [];
  for (const match of xml.matchAll(new RegExp(`<w:${tag}\\b([^>]*)>([\\s\\S]*?)</w:${tag}>`, 'g'))) {
    const attrs = match[1] ?? '';
    const text = [...(match[2] ?? '').matchAll(/<w:(?:t|delText)\b[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('');
    out.push({ author: /w:author="([^"]*)"/.exec(attrs)?.[1], date: /w:date="([^"]*)"/.exec(attrs)?.[1], text });
  }
  return out;
}

/** The threads of an imported document that came from Word comments: the text each covers in the stored body, and its comments' bodies. */
async function commentThreadsOf(server: TestServer, docId: string): Promise<Array<{ text: string | null; bodies: string[] }>> {
  const body = await server.hub.readDocument(docId);
  const comments = await server.hub.readDocument(commentsDocId(docId));
  const node = docToNode(body);
  const held = new Y.Doc();
  Y.applyUpdate(held, comments);
  const ids = readThreads(held).map((t) => t.id);
  return exportThreads(body, comments, {})
    .map((thread, i) => ({ id: ids[i] ?? '', text: thread.range ? node.textBetween(thread.range.from, thread.range.to) : null, bodies: thread.comments.map((c) => c.body) }))
    .filter((thread) => !thread.id.startsWith('suggestion-'))
    .map(({ text, bodies }) => ({ text, bodies }))
    .sort((a, b) => (a.bodies[0] ?? '').localeCompare(b.bodies[0] ?? ''));
}

/** The server's recorded time of each suggestion of the document, by the text it covers (once the times are written). */
async function suggestionTimes(server: TestServer, team: Team): Promise<Map<string, number>> {
  await server.services.flush();
  const answer = await team.viewer.get(`/api/documents/${team.docId}/suggestions`);
  expect(answer.status).toBe(200);
  const times = new Map((answer.body as SuggestionTimesView).suggestions.map((s) => [s.id, s.at]));
  const held = new Y.Doc();
  Y.applyUpdate(held, await server.hub.readDocument(team.docId));
  const found = suggestionsIn(held);
  expect(found.every((s) => times.has(String(s.id)))).toBe(true);
  return new Map(found.map((s) => [s.text, times.get(String(s.id)) ?? 0]));
}

/** A document's body with a commenter's suggestions and a thread with a reply, as the server holds them. */
export async function reviewedDocument(server: TestServer, team: Team, clients: TestClient[]): Promise<void> {
  const owner = await team.owner.connect(team.docId);
  clients.push(owner);
  write(owner.doc, paragraphs(TEXT, 'Secondary endpoints follow.'));
  const commenter = await team.commenter.connect(team.docId);
  clients.push(commenter);
  await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the text at the commenter' });
  suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
    const at = positionOf(commenter.doc, 'overall');
    tr.insertText('five-year ', at);
  });
  suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
    const at = positionOf(commenter.doc, 'primary ');
    tr.delete(at, at + 'primary '.length);
  });
  await waitFor(async () => {
    const held = new Y.Doc();
    Y.applyUpdate(held, await server.hub.readDocument(team.docId));
    return suggestionsIn(held).length === 2;
  }, { what: 'both suggestions on the server' });

  const comments = await team.commenter.connect(commentsDocId(team.docId));
  clients.push(comments);
  const author = { id: team.ids.commenter, name: 'Cem Commenter' };
  addThread(
    comments.doc,
    { id: 't1', anchor: anchorOn(commenter.doc, 'endpoint'), quote: 'endpoint', createdBy: author, createdAt: Date.parse('2026-11-30T09:00:00Z') },
    { id: 'c1', author, body: 'Which endpoint did the protocol register?', mentions: [], createdAt: Date.parse('2026-11-30T09:00:00Z') },
  );
  // The reply is the owner's, written from the owner's own socket (a commenter may write only their own part).
  const ownerComments = await team.owner.connect(commentsDocId(team.docId));
  clients.push(ownerComments);
  await waitFor(() => ownerComments.doc.getMap('threads').has('t1'), { what: 'the thread at the owner' });
  addReply(ownerComments.doc, 't1', { id: 'c2', author: { id: team.ids.owner, name: 'Olga Owner' }, body: 'Overall survival at five years.', mentions: [], createdAt: Date.parse('2026-11-30T10:00:00Z') });
  await waitFor(async () => {
    const held = new Y.Doc();
    Y.applyUpdate(held, await server.hub.readDocument(commentsDocId(team.docId)));
    const thread = held.getMap('threads').get('t1');
    return thread instanceof Y.Map && (thread.get('comments') as Y.Array<unknown>).length === 2;
  }, { what: 'the thread and its reply on the server' });
}

describe('Word round trip of suggestions and comments', () => {
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

  it.runIf(office)('exports suggestions as tracked changes and threads as Word comments that survive a LibreOffice re-save', { timeout: 180_000 }, async () => {
    await reviewedDocument(server, team, clients);
    const timeOf = await suggestionTimes(server, team);
    const before = Date.now();
    const exported = await download(team.viewer, `/api/documents/${team.docId}/export?format=docx`);
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    // Exactly the recorded time (to the millisecond; the export's own time is later).
    const exportedXml = (await docxPart(bytes, 'word/document.xml')) ?? '';
    const dated = [...changes(exportedXml, 'ins'), ...changes(exportedXml, 'del')].filter((c) => c.text);
    expect(dated.map((c) => c.date).sort()).toEqual(['five-year ', 'primary '].map((text) => new Date(timeOf.get(text) ?? 0).toISOString()).sort());
    const resaved = await resaveWithLibreOffice(bytes);

    const document = (await docxPart(resaved, 'word/document.xml')) ?? '';
    const inserted = changes(document, 'ins').filter((c) => c.text);
    const deleted = changes(document, 'del').filter((c) => c.text);
    expect(inserted).toEqual([expect.objectContaining({ author: 'Cem Commenter', text: 'five-year ' })]);
    expect(deleted).toEqual([expect.objectContaining({ author: 'Cem Commenter', text: 'primary ' })]);
    // Each tracked change is dated by the server's time of its suggestion (to the second, as Word keeps it), made before the export.
    for (const change of [...inserted, ...deleted]) {
      const made = timeOf.get(change.text);
      expect(made).toBeLessThan(before);
      expect(Math.floor(Date.parse(change.date ?? '') / 1000)).toBe(Math.floor((made ?? 0) / 1000));
    }
    // The comment's range is where the thread is anchored.
    expect(document).toMatch(/<w:commentRangeStart w:id="0"\/>(?:<[^>]+>)*endpoint(?:<[^>]+>)*<w:commentRangeEnd w:id="0"\/>/);

    const comments = (await docxPart(resaved, 'word/comments.xml')) ?? '';
    const bodies = [...comments.matchAll(/<w:comment\b([^>]*)>([\s\S]*?)<\/w:comment>/g)].map((m) => ({
      author: /w:author="([^"]*)"/.exec(m[1] ?? '')?.[1],
      text: [...(m[2] ?? '').matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }));
    expect(bodies).toEqual([
      { author: 'Cem Commenter', text: 'Which endpoint did the protocol register?' },
      { author: 'Olga Owner', text: 'Overall survival at five years.' },
    ]);
    // The server's document is untouched by the export.
    expect(JSON.stringify(docToJson(await server.hub.readDocument(team.docId)))).toContain('five-year ');
  });

  it.runIf(office)('imports a DOCX with tracked changes written by LibreOffice as suggestions of the importer, naming each change\'s author', { timeout: 180_000 }, async () => {
    await reviewedDocument(server, team, clients);
    const exported = await download(team.owner, `/api/documents/${team.docId}/export?format=docx`);
    const resaved = await resaveWithLibreOffice(new Uint8Array(await exported.arrayBuffer()));

    const answer = await upload(team.owner, team.workspaceId, 'Reviewed protocol.docx', resaved);
    expect(answer.status).toBe(201);
    const docId = (answer.body as { document: { id: string } }).document.id;
    const held = new Y.Doc();
    Y.applyUpdate(held, await server.hub.readDocument(docId));
    const suggestions = suggestionsIn(held);
    expect(suggestions.map(({ mark, text }) => ({ mark, text }))).toEqual([
      { mark: 'deletion', text: 'primary ' },
      { mark: 'insertion', text: 'five-year ' },
    ]);
    // Ids are the importer's (the guard's rule); the file's author is named in each suggestion's thread.
    for (const s of suggestions) expect(String(s.id).startsWith(`${team.ids.owner}~`)).toBe(true);
    expect(plain(held)).toContain('The primary endpoint is five-year overall survival.');

    const comments = new Y.Doc();
    Y.applyUpdate(comments, await server.hub.readDocument(commentsDocId(docId)));
    const threads = readThreads(comments);
    const suggestionThreads = threads.filter((t) => t.id.startsWith('suggestion-'));
    expect(suggestionThreads.map((t) => t.id).sort()).toEqual(suggestions.map((s) => `suggestion-${String(s.id)}`).sort());
    for (const thread of suggestionThreads) expect(thread.comments[0]?.body).toMatch(/^Tracked change imported from Word: Cem Commenter (inserted|deleted)/);
    // The Word comments are threads on the text they covered. LibreOffice writes no commentsExtended part, so the reply is a thread of its own.
    expect(await commentThreadsOf(server, docId)).toEqual([
      { text: 'endpoint', bodies: [expect.stringMatching(/^Word comment by Cem Commenter on 2026-11-30T09:00:00(\.000)?Z:\nWhich endpoint did the protocol register\?$/)] },
      { text: 'endpoint', bodies: [expect.stringMatching(/^Word comment by Olga Owner on 2026-11-30T10:00:00(\.000)?Z:\nOverall survival at five years\.$/)] },
    ]);
    for (const thread of threads) expect(thread.createdBy).toEqual({ id: team.ids.owner, name: expect.any(String) });

    // The owner opens it live: the suggestions arrive as the stored document holds them.
    const live = await team.owner.connect(docId);
    clients.push(live);
    await waitFor(() => suggestionsIn(live.doc).length === 2, { what: 'the imported suggestions at the owner' });
  });

  it.runIf(office)('exports a formatting suggestion as a Word format change that survives a LibreOffice re-save, and imports it back as one', { timeout: 180_000 }, async () => {
    const owner = await team.owner.connect(team.docId);
    clients.push(owner);
    write(owner.doc, paragraphs(TEXT));
    const commenter = await team.commenter.connect(team.docId);
    clients.push(commenter);
    await waitFor(() => plain(commenter.doc) === plain(owner.doc), { what: 'the text at the commenter' });
    suggestEdit(commenter.doc, team.ids.commenter, (tr) => {
      const at = positionOf(commenter.doc, 'overall');
      tr.addMark(at, at + 'overall'.length, tr.doc.type.schema.marks.bold!.create());
    });
    await waitFor(async () => suggestionsIn(await serverDoc(server, team.docId)).length === 2, { what: 'the formatting suggestion on the server' });
    const made = (await suggestionTimes(server, team)).get('overall') ?? 0;

    const exported = new Uint8Array(await (await download(team.viewer, `/api/documents/${team.docId}/export?format=docx`)).arrayBuffer());
    const formatChanges = (xml: string) =>
      [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:rPrChange\b([^>]*?)(?:\/>|>([\s\S]*?)<\/w:rPrChange>)(?:(?!<\/w:r>)[\s\S])*?<w:t\b[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map((m) => ({
        author: /w:author="([^"]*)"/.exec(m[1] ?? '')?.[1],
        second: Math.floor(Date.parse(/w:date="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '') / 1000),
        wasBold: /<w:b\/>|<w:b w:val="(true|1|on)"\/>/.test(m[2] ?? ''),
        text: m[3],
      }));
    const expected = [{ author: 'Cem Commenter', second: Math.floor(made / 1000), wasBold: false, text: 'overall' }];
    const exportedXml = (await docxPart(exported, 'word/document.xml')) ?? '';
    expect(formatChanges(exportedXml)).toEqual(expected);
    // Exactly the server's time of the suggestion, to the millisecond (the export's own time is later).
    expect(exportedXml).toContain(`w:date="${new Date(made).toISOString()}"`);
    expect(changes(exportedXml, 'del')).toEqual([]);

    const resaved = await resaveWithLibreOffice(exported);
    const resavedXml = (await docxPart(resaved, 'word/document.xml')) ?? '';
    expect(formatChanges(resavedXml)).toEqual(expected);
    expect(resavedXml).toMatch(/<w:rPr><w:b\/>(?:(?!<\/w:r>)[\s\S])*?<w:rPrChange\b/);

    const answer = await upload(team.owner, team.workspaceId, 'Formatted.docx', resaved);
    expect(answer.status).toBe(201);
    const docId = (answer.body as { document: { id: string } }).document.id;
    const imported = suggestionsIn(await serverDoc(server, docId));
    expect(imported.map(({ mark, text }) => ({ mark, text }))).toEqual([
      { mark: 'deletion', text: 'overall' },
      { mark: 'insertion', text: 'overall' },
    ]);
    expect(imported[0]?.id).toBe(imported[1]?.id);
    expect(String(imported[0]?.id).startsWith(`${team.ids.owner}~`)).toBe(true);
    expect(JSON.stringify(docToJson(await server.hub.readDocument(docId)))).toMatch(/"marks":\[\{"type":"bold"\},\{"type":"insertion"[^\]]*\],"text":"overall"/);
    const threads = readThreads(await serverDoc(server, commentsDocId(docId)));
    expect(threads.map((t) => [t.id, t.comments[0]?.body])).toEqual([
      [`suggestion-${String(imported[0]?.id)}`, expect.stringMatching(/^Tracked change imported from Word: Cem Commenter changed the formatting of “overall” on /)],
    ]);
  });

  it('imports its own DOCX export with each comment thread on its text and the reply under its comment', { timeout: 120_000 }, async () => {
    await reviewedDocument(server, team, clients);
    const exported = await download(team.owner, `/api/documents/${team.docId}/export?format=docx`);
    const answer = await upload(team.owner, team.workspaceId, 'Reviewed protocol.docx', new Uint8Array(await exported.arrayBuffer()));
    expect(answer.status).toBe(201);
    const docId = (answer.body as { document: { id: string } }).document.id;
    expect(await commentThreadsOf(server, docId)).toEqual([
      {
        text: 'endpoint',
        bodies: ['Word comment by Cem Commenter on 2026-11-30T09:00:00.000Z:\nWhich endpoint did the protocol register?', 'Word comment by Olga Owner on 2026-11-30T10:00:00.000Z:\nOverall survival at five years.'],
      },
    ]);
  });

  it('exports Markdown and HTML as if every suggestion were accepted by default, or with them marked on request', { timeout: 120_000 }, async () => {
    await reviewedDocument(server, team, clients);
    const base = `/api/documents/${team.docId}/export`;
    const text = async (query: string) => {
      const res = await download(team.viewer, `${base}${query}`);
      expect(res.status, query).toBe(200);
      return res.text();
    };
    for (const query of ['?format=md', '?format=md&suggestions=accepted']) {
      const md = await text(query);
      expect(md, query).toContain('The endpoint is five-year overall survival.');
      expect(md, query).not.toContain('primary');
    }
    const acceptedHtml = await text('?format=html');
    expect(acceptedHtml).toContain('The endpoint is five-year overall survival.');
    expect(acceptedHtml).not.toMatch(/<(ins|del)\b/);

    const markedHtml = await text('?format=html&suggestions=marked');
    expect(markedHtml).toMatch(/<del\b[^>]*>primary <\/del>/);
    expect(markedHtml).toMatch(/<ins\b[^>]*>five-year <\/ins>/);
    const markedMd = await text('?format=md&suggestions=marked');
    // Markdown keeps the spaces at a mark's edge outside it, as it does for emphasis.
    expect(markedMd).toContain('The <del>primary</del> endpoint is <ins>five-year</ins> overall survival.');

    const refused = await download(team.viewer, `${base}?format=md&suggestions=all`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty('suggestions');
  });
});
