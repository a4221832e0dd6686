/** Export and import through the HTTP routes: every node type survives Markdown and Word round trips. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VersionView } from '../../shared/api/versions.js';
import { docToJson, normaliseJson } from '../../server/text/index.js';
import { everyNodeDocument } from '../../server/text/fixtures/every-node.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { makeTeam, startFeatureServer, type Team, waitFor, write } from './setup.js';

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
    expect((await download(team.owner, `/api/documents/${team.docId}/export?format=pdf`)).status).toBe(400);
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
});
