/**
 * Export and import through the HTTP routes: every node type survives Markdown and Word round
 * trips, hostile files are refused with the right status, and conversions leave the relay alone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Marked } from 'marked';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VersionView } from '../../shared/api/versions.js';
import { conversionLimits, docToJson, normaliseJson } from '../../server/text/index.js';
import { withParsedBody } from '../../server/text/dom.js';
import { everyNodeDocument } from '../../server/text/fixtures/every-node.js';
import { ApiClient } from '../auth/api-client.js';
import { docxWithBody, repeatedParagraphs, withDeclaredSizes } from '../fixtures/docx-bomb.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, paragraphs, plain, startFeatureServer, type Team, waitFor, write } from './setup.js';

/** Markup a parser refuses: a 413 for a file ending in it proves the caps were checked first. */
const MALFORMED_XML = '<w:p><w:r><w:t>never closed';

async function download(who: ApiClient, path: string): Promise<Response> {
  return fetch(who.baseUrl + path, { headers: { cookie: who.cookie, origin: who.origin } });
}

async function upload(who: ApiClient, workspaceId: string, name: string, bytes: Uint8Array, type = 'application/octet-stream'): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const res = await fetch(`${who.baseUrl}/api/workspaces/${workspaceId}/import`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: who.origin } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

describe('export and import', () => {
  let server: TestServer;
  let team: Team;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startFeatureServer();
    team = await makeTeam(server, 'Cryo-EM: grids/prep “v2”');
    const client = await team.owner.connect(team.docId);
    clients.push(client);
    write(client.doc, everyNodeDocument);
    await waitFor(async () => JSON.stringify(docToJson(await server.hub.readDocument(team.docId))).includes('Cryo-EM grid preparation'), {
      what: 'the document on the server',
    });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.dispose();
  });

  it.each([
    ['md', 'text/markdown', 'Cryo-EM- grids-prep “v2”.md'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Cryo-EM- grids-prep “v2”.docx'],
  ])('round-trips every node type through %s export and import', async (format, type, fileName) => {
    const exported = await download(team.viewer, `/api/documents/${team.docId}/export?format=${format}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain(type);
    const disposition = exported.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(fileName);
    const bytes = new Uint8Array(await exported.arrayBuffer());

    const imported = await upload(team.owner, team.workspaceId, `copy.${format}`, bytes);
    expect(imported.status).toBe(201);
    const doc = (imported.body as { document: { id: string; title: string; workspaceId: string } }).document;
    expect(doc).toMatchObject({ title: 'Cryo-EM grid preparation', workspaceId: team.workspaceId });
    expect(docToJson(await server.hub.readDocument(doc.id))).toEqual(normaliseJson(everyNodeDocument));

    // The import is a version of its own, and the new document is searchable at once.
    const versions = (await team.owner.get(`/api/documents/${doc.id}/versions`)).body as { versions: VersionView[] };
    expect(versions.versions.map((v) => v.name)).toEqual([`Imported from copy.${format}`]);
    const search = await team.viewer.get('/api/search?q=microscope');
    expect((search.body as { results: Array<{ documentId: string }> }).results.map((r) => r.documentId)).toContain(doc.id);
  });

  it('exports sanitised HTML with a print stylesheet', async () => {
    const res = await download(team.owner, `/api/documents/${team.docId}/export?format=html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2 data-word-limit="250">Summary</h2>');
    expect(html).toMatch(/@media print/);
  });

  it('checks roles, formats and sizes', async () => {
    expect((await download(team.owner, `/api/documents/${team.docId}/export?format=odt`)).status).toBe(400);
    const outsider = new ApiClient(server.url);
    await outsider.signup('Otto Outsider');
    expect((await download(outsider, `/api/documents/${team.docId}/export?format=md`)).status).toBe(404);

    const md = new TextEncoder().encode('# Imported notes\n\nHello.\n');
    expect((await upload(team.commenter, team.workspaceId, 'notes.md', md)).status).toBe(403);
    expect((await upload(team.viewer, team.workspaceId, 'notes.md', md)).status).toBe(403);
    expect((await upload(outsider, team.workspaceId, 'notes.md', md)).status).toBe(404);
    expect((await upload(team.owner, team.workspaceId, 'notes.pdf', md)).status).toBe(400);
    expect((await upload(team.owner, team.workspaceId, 'broken.docx', md)).status).toBe(400);
    expect((await upload(team.owner, team.workspaceId, 'latin1.md', new Uint8Array([0xff, 0xfe, 0x41]))).status).toBe(400);
    const huge = new Uint8Array(11 * 1024 * 1024).fill(0x61);
    const tooBig = await upload(team.owner, team.workspaceId, 'huge.md', huge);
    expect(tooBig.status).toBe(413);
    const json = await team.owner.request('POST', `/api/workspaces/${team.workspaceId}/import`, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await upload(team.owner, team.workspaceId, 'notes.md', md)).status).toBe(201);
  });

  it('refuses a .docx over the archive caps with 413 before parsing it', async () => {
    const part = `<w:p><w:r><w:t>${'x'.repeat(conversionLimits.maxZipPartBytes)}</w:t></w:r></w:p>${MALFORMED_XML}`;
    const bombs = {
      'oversized part': docxWithBody(part),
      'part whose headers lie about its size': withDeclaredSizes(docxWithBody(part), 200),
      '7 KB file of repeated paragraphs': docxWithBody(repeatedParagraphs(conversionLimits.maxDocxBlocks + 1) + MALFORMED_XML),
    };
    for (const [what, bytes] of Object.entries(bombs)) {
      const answer = await upload(team.owner, team.workspaceId, 'bomb.docx', bytes);
      expect({ what, status: answer.status, body: answer.body }).toMatchObject({ what, status: 413, body: { error: { code: 'payload_too_large' } } });
    }
    // A file that is merely broken is still a 400, so the 413s above came before any parse.
    expect((await upload(team.owner, team.workspaceId, 'broken.docx', docxWithBody(MALFORMED_XML))).status).toBe(400);
  });

  it('answers /healthz and relays edits of another document while a large import converts', async () => {
    // Over the node cap, so the worker spends its time parsing and then refuses: no work after it.
    // The image line at the end is what the importer used to fail on as soon as the parse was done.
    const big = `${'A paragraph of the large import.\n\n'.repeat(3 * conversionLimits.maxDocumentNodes)}![figure](https://example.org/f.png)\n`;
    const writer = await team.owner.connect(team.docId);
    const reader = await team.owner.connect(team.docId);
    clients.push(writer, reader);
    let answered = false;
    const importing = upload(team.owner, team.workspaceId, 'large.md', new TextEncoder().encode(big)).finally(() => {
      answered = true;
    });

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    write(writer.doc, paragraphs('Edited while a file converts'));
    await waitFor(() => plain(reader.doc).includes('Edited while a file converts'), { what: 'the edit at the other client' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(answered).toBe(false);

    expect(await importing).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('refuses unreadable Markdown with 400 and imports images as their alt text without fetching them', async () => {
    const deep = await upload(team.owner, team.workspaceId, 'deep.md', new TextEncoder().encode('>'.repeat(5000)));
    expect(deep).toMatchObject({ status: 400, body: { error: { code: 'unreadable_file', message: expect.stringContaining('levels deep') } } });

    let fetched = 0;
    const images = http.createServer((_, res) => {
      fetched += 1;
      res.end();
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(images.address() as AddressInfo).port}/curve.png`;
      const answer = await upload(team.owner, team.workspaceId, 'figures.md', new TextEncoder().encode(`# Figures\n\n![Dose curve](${url})\n\nSee ![the curve](${url}).\n`));
      expect(answer.status).toBe(201);
      const id = (answer.body as { document: { id: string } }).document.id;
      expect(docToJson(await server.hub.readDocument(id)).content?.slice(1)).toEqual([
        { type: 'paragraph', content: [{ type: 'text', text: 'Dose curve' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'See the curve.' }] },
      ]);
    } finally {
      await new Promise((resolve) => images.close(resolve));
    }
    expect(fetched).toBe(0);
  });

  it('exports Markdown that renders to exactly the document: one link, no script, no raw HTML', async () => {
    const href = 'https://example.org/a) [x](javascript:alert(1)';
    const client = clients[0]!;
    write(client.doc, {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'the protocol', marks: [{ type: 'link', attrs: { href } }] }] },
        { type: 'blockMath', attrs: { latex: 'x </math><script>alert(2)</script>' } },
      ],
    });
    await waitFor(async () => JSON.stringify(docToJson(await server.hub.readDocument(team.docId))).includes('alert(2)'), { what: 'the edit on the server' });
    const markdown = await (await download(team.viewer, `/api/documents/${team.docId}/export?format=md`)).text();
    const raw: string[] = [];
    const html = new Marked({ gfm: true, walkTokens: (token) => void (token.type === 'html' && raw.push(token.raw)) }).parse(markdown, { async: false });
    const found = withParsedBody(html, (body) => ({
      hrefs: Array.from(body.querySelectorAll('a')).map((a) => decodeURI(a.getAttribute('href') ?? '')),
      scripts: body.querySelectorAll('script, math').length,
    }));
    expect(found).toEqual({ hrefs: [href], scripts: 0 });
    expect(raw).toEqual([]);
  });
});
