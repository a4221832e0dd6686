/**
 * Files over HTTP, in-process on SQLite: upload by editors, sniffed types, SVG refused, limits, who is
 * served a file (404 for everyone else), the caching headers, and the garbage collector's sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fileUrl } from '../../../shared/api/files.js';
import type { ApiClient } from '../../../test/auth/api-client.js';
import { gifBytes, pngBytes, pngOfSize, svgBytes } from '../../../test/fixtures/images.js';
import { inProcessOrigin, makeInProcessTeam, startInProcess, type InProcessApp, type InProcessTeam } from '../../../test/helpers/in-process.js';

interface Answer {
  status: number;
  body: { file?: { id: string; url: string; contentType: string }; error?: { code: string } };
}

async function upload(app: InProcessApp, who: ApiClient, docId: string, bytes: Uint8Array, name = 'image.png', type = 'image/png'): Promise<Answer> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const res = await app.app.request(`${inProcessOrigin}/api/documents/${docId}/files`, { method: 'POST', body: form, headers: { cookie: who.cookie, origin: inProcessOrigin } });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

function download(app: InProcessApp, who: ApiClient, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.app.request(`${inProcessOrigin}${path}`, { headers: { cookie: who.cookie, ...headers } }));
}

/** Changes the document's XML fragment through the relay, as a client's edit would. */
async function edit(app: InProcessApp, docId: string, change: (fragment: Y.XmlFragment) => void): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await app.hub.readDocument(docId));
  const before = Y.encodeStateVector(doc);
  change(doc.getXmlFragment('default'));
  await app.hub.applyServerUpdate(docId, Y.encodeStateAsUpdate(doc, before));
  doc.destroy();
}

function figure(src: string): Y.XmlElement {
  const el = new Y.XmlElement('figure');
  el.setAttribute('id', 'fig-1');
  el.setAttribute('src', src);
  el.insert(0, [new Y.XmlText('A gel')]);
  return el;
}

describe('files of a document', () => {
  let app: InProcessApp;
  let team: InProcessTeam;

  beforeAll(async () => {
    app = await startInProcess({ files: { maxFileBytes: 4096, maxDocumentFileBytes: 10_000, graceMs: 0 } });
    team = await makeInProcessTeam(app);
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('stores an editor\'s image under its SHA-256 and serves it to readers with immutable, nosniff headers', async () => {
    const bytes = pngBytes(1);
    const answer = await upload(app, team.owner, team.docId, bytes, 'photo.jpg', 'image/jpeg');
    expect(answer.status).toBe(201);
    const file = answer.body.file!;
    expect(file.id).toMatch(/^[0-9a-f]{64}$/);
    // The type comes from the bytes, not from the name or the declared type.
    expect(file.contentType).toBe('image/png');
    expect(file.url).toBe(fileUrl(team.docId, file.id));

    for (const reader of [team.owner, team.viewer, team.commenter]) {
      const res = await download(app, reader, file.url);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="figure-[0-9a-f]{12}\.png"$/);
    }
    const alias = await download(app, team.viewer, `/api/files/${team.docId}/${file.id}`);
    expect(alias.status).toBe(200);
    const again = await download(app, team.viewer, file.url, { 'if-none-match': `"${file.id}"` });
    expect(again.status).toBe(304);

    // On SQLite the bytes are a file under DATA_DIR, not a value in the database.
    const row = await app.storage.db.selectFrom('document_files').select('data').where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row.data).toBeNull();

    const same = await upload(app, team.owner, team.docId, bytes);
    expect(same.body.file?.id).toBe(file.id);
    expect(await app.files.usage(team.docId)).toBe(bytes.byteLength);
  });

  it('answers 404 to anyone who cannot read the document, exactly as for a file that does not exist', async () => {
    const { body } = await upload(app, team.owner, team.docId, gifBytes(2), 'x.gif', 'image/gif');
    const url = body.file!.url;
    const hidden = await download(app, team.outsider, url);
    const missing = await download(app, team.outsider, fileUrl(team.docId, 'f'.repeat(64)));
    const noDoc = await download(app, team.outsider, fileUrl('no-such-doc', 'f'.repeat(64)));
    expect([hidden.status, missing.status, noDoc.status]).toEqual([404, 404, 404]);
    expect(await hidden.json()).toEqual(await noDoc.json());
    expect((await download(app, team.outsider, `/api/files/${team.docId}/${body.file!.id}`)).status).toBe(404);
    expect((await download(app, team.viewer, fileUrl(team.docId, 'not-a-hash'))).status).toBe(404);
    expect((await download(app, team.viewer, fileUrl(team.docId, 'e'.repeat(64)))).status).toBe(404);
  });

  it('lets only editors and owners upload', async () => {
    expect((await upload(app, team.viewer, team.docId, pngBytes(3))).status).toBe(403);
    expect((await upload(app, team.commenter, team.docId, pngBytes(3))).status).toBe(403);
    expect((await upload(app, team.outsider, team.docId, pngBytes(3))).status).toBe(404);
  });

  it('refuses SVG and anything that is not a PNG, JPEG, GIF or WebP image, whatever its name says', async () => {
    const svg = await upload(app, team.owner, team.docId, svgBytes, 'drawing.png', 'image/png');
    expect(svg.status).toBe(415);
    expect(svg.body.error?.code).toBe('svg_refused');
    const text = await upload(app, team.owner, team.docId, new TextEncoder().encode('just some text'), 'notes.png', 'image/png');
    expect(text.status).toBe(415);
    expect(text.body.error?.code).toBe('unsupported_file_type');
  });

  it('caps each file and the files of a document with 413 and a code that says which', async () => {
    const big = await upload(app, team.owner, team.docId, pngOfSize(5000, 4));
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('file_too_large');

    const other = await team.owner.document(team.workspaceId, 'Full document');
    for (let i = 0; i < 3; i += 1) expect((await upload(app, team.owner, other, pngOfSize(3000, 10 + i))).status).toBe(201);
    const full = await upload(app, team.owner, other, pngOfSize(3000, 20));
    expect(full.status).toBe(413);
    expect(full.body.error?.code).toBe('document_files_full');
  });

  it('collects a file once no state, version or visit of the document refers to it', async () => {
    const docId = await team.owner.document(team.workspaceId, 'Collected');
    const kept = (await upload(app, team.owner, docId, pngBytes(30))).body.file!;
    const unused = (await upload(app, team.owner, docId, pngBytes(31))).body.file!;
    const removedLater = (await upload(app, team.owner, docId, pngBytes(32))).body.file!;
    await edit(app, docId, (fragment) => fragment.insert(0, [figure(kept.url), figure(removedLater.url)]));

    expect(await app.fileCollector.sweepDocument(docId)).toBe(1);
    expect((await download(app, team.owner, unused.url)).status).toBe(404);
    expect((await download(app, team.owner, kept.url)).status).toBe(200);
    expect((await download(app, team.owner, removedLater.url)).status).toBe(200);

    // Deleted from the text, but a named version still shows it: kept.
    const version = await team.owner.post(`/api/documents/${docId}/versions`, { name: 'with both figures' });
    expect(version.status).toBe(201);
    await edit(app, docId, (fragment) => fragment.delete(1, 1));
    expect(await app.fileCollector.sweepDocument(docId)).toBe(0);

    await app.storage.db.deleteFrom('doc_versions').where('doc_id', '=', docId).execute();
    await app.storage.db.deleteFrom('doc_visits').where('doc_id', '=', docId).execute();
    expect(await app.fileCollector.sweep()).toBeGreaterThanOrEqual(1);
    expect((await download(app, team.owner, removedLater.url)).status).toBe(404);
    expect((await download(app, team.owner, kept.url)).status).toBe(200);
  });
});
